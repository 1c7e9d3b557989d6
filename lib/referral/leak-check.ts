import { locales, t } from '../i18n';
import type { Referrer } from './document';
import { containsNationalNumber } from './forbidden-data';
import type { Referral } from './schema';

export type LeakKind = 'name' | 'phone' | 'email' | 'street' | 'nationalNumber';
const leakKinds: readonly LeakKind[] = ['name', 'phone', 'email', 'street', 'nationalNumber'];
/** Where it was found: the subject, the body text, or the name of an attachment (issue 20.8). */
export type LeakWhere = 'subject' | 'body' | 'attachment';
export type LeakFinding = { kind: LeakKind; where: LeakWhere };

export type LeakCheckOptions = {
  /** The referrer's details, which the signature carries: their words are not the client's (a shared first name). */
  referrer?: Referrer | null;
};

// Letters that NFKD does not take apart, and two scripts transliterated letter by letter, so "Lukasik" finds
// "Łukasik", "Soren Weiss" finds "Søren Weiß" and "Sergei Ivanov" finds "Сергей Иванов" (and each finds itself).
const transliteration: Record<string, string> = {
  ł: 'l', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŀ: 'l', ŋ: 'n', ſ: 's',
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i', й: 'i',
  ј: 'j', к: 'k', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c', ђ: 'dj',
  у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', џ: 'dz', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e',
  ю: 'yu', я: 'ya',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
const germanUmlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };

/**
 * The words of a text as compared: lowercase, invisible format characters gone, accents stripped, other scripts
 * and special letters transliterated, then a few spellings that romanisations disagree on folded together
 * (y/j → i, kh → h, ph → f). Every letter of any script stays (\p{L}), so a name in a script without a
 * transliteration here is still found written the same way.
 */
function words(text: string, umlautsAsE = false): string[] {
  let lower = text.toLowerCase().replace(/\p{Cf}/gu, '');
  if (umlautsAsE) lower = lower.replace(/[äöü]/gu, (letter) => germanUmlauts[letter] ?? letter);
  const folded = lower
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\p{L}/gu, (letter) => transliteration[letter] ?? letter)
    .replace(/ph/gu, 'f')
    .replace(/kh/gu, 'h')
    .replace(/[yj]/gu, 'i');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

/** Every word of the text, and every run of two to four consecutive words written together ("van den broeck"). */
function wordsAndJoins(text: string): Set<string> {
  const list = words(text);
  const found = new Set<string>();
  for (let start = 0; start < list.length; start++) {
    for (let end = start + 1; end <= Math.min(list.length, start + 4); end++) found.add(list.slice(start, end).join(''));
  }
  return found;
}

// Name particles: too common on their own to mean the client (the name's other tokens and its joined form do).
const particles = new Set(['van', 'den', 'der', 'ten', 'ter', 'von', 'des', 'del', 'dos', 'das', 'della', 'vande', 'vander', 'het', 'ben', 'bin', 'abu']);

// The words of our own mail texts in every language: a client called "Wil" or "Beste" must not make every clean
// cover text a leak; and their runs written together, for a name written together ("In Bijlage"). Their other name
// tokens (and the name written in full) are still found.
type OwnWords = { words: Set<string>; joins: Set<string> };
let ownWords: OwnWords | undefined;
function wordsOf(text: string): OwnWords {
  return { words: new Set(words(text)), joins: wordsAndJoins(text) };
}
function templateWords(): OwnWords {
  const keys = ['mail_subject', 'mail_body', 'mail_greeting', 'mail_defaultSender', 'mail_withdrawalSubject',
    'mail_withdrawalBody', 'mail_correctionSubject', 'mail_correctionBody', 'mail_passwordGenerated', 'mail_passwordTyped',
    'mail_passwordPreshared'] as const;
  ownWords ??= wordsOf(locales.flatMap((locale) => keys.map((key) => t(key, [], locale))).join('\n'));
  return ownWords;
}

const letterCount = (word: string) => word.replace(/\P{L}/gu, '').length;

/** The name's tokens of three letters or more, and the name written together, in each spelling it may take. */
function nameNeedles(client: Referral['client'], ignore: OwnWords): string[] {
  const needles = new Set<string>();
  for (const umlauts of [false, true]) {
    const first = words(client.firstName, umlauts);
    const last = words(client.lastName, umlauts);
    // Three letters as written: "Akh" folds to "ah" and is still a token of its own.
    const written = `${client.firstName} ${client.lastName}`.replace(/\p{Cf}/gu, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
    const tokens = [...first, ...last];
    tokens.forEach((token, index) => {
      const long = letterCount(token) >= 3 || (written.length === tokens.length && letterCount(written[index] ?? '') >= 3);
      if (long && !particles.has(token) && !ignore.words.has(token)) needles.add(token);
    });
    for (const joined of [last.join(''), [...first, ...last].join(''), [...last, ...first].join('')]) {
      if (!ignore.joins.has(joined)) needles.add(joined);
    }
  }
  return [...needles];
}

// Street kinds, and how they are shortened: "Kerkstraat" is written "Kerkstr.", "Kerkstr" or "Kerkstr" + number.
const streetKinds = ['steenweg', 'straat', 'laan', 'plein', 'dreef', 'baan', 'kaai', 'markt', 'lei', 'weg', 'hof', 'dijk', 'vest', 'singel', 'wegel', 'pad', 'ring', 'park'];
const streetAbbreviations = ['str', 'st', 'stwg', 'stw', 'ln', 'pln', 'pl', 'drf', 'bn', 'mkt'];

/** Matches a word written for the street: in full, its stem ("Kerk"), or the stem with the kind shortened ("Kerkstr"). */
function streetMatcher(street: string, ignore: OwnWords): ((word: string) => boolean) | null {
  const list = words(street);
  if (list.length === 0) return null;
  const whole = list.join('');
  const kind = list.length === 1 ? streetKinds.find((k) => whole.endsWith(k) && letterCount(whole) - k.length >= 2) : undefined;
  const stem = kind === undefined ? null : whole.slice(0, -kind.length);
  const usable = kind !== undefined && stem !== null && !ignore.words.has(stem) ? { kind, stem } : null;
  return (word) =>
    word === whole ||
    (usable !== null && word.startsWith(usable.stem) &&
      (word === usable.stem || usable.kind.startsWith(word.slice(usable.stem.length)) || streetAbbreviations.includes(word.slice(usable.stem.length))));
}

// Between two of the phone's digits: a run of up to six characters that are neither letters nor digits ("0470 -- 12 -- 34
// -- 56", "+32 (0)470/12.34.56", line breaks). Bounded, so digits far apart in ordinary text are not read as one number,
// and a letter ends the number (the reference KG-7F3Q-2M9X and a date next to the referrer's phone stay apart).
const phoneGap = '[^\\p{L}\\p{N}]{0,6}';

/**
 * The phone's last eight digits, in order, with any such gap between each two: whatever the separators or the prefix
 * (+32, 0032, 0) before them. Full-width digits are read as digits (NFKC).
 */
function containsPhone(text: string, e164: string): boolean {
  const significant = e164.replace(/\D/gu, '').slice(-8);
  if (significant.length < 6) return false;
  return new RegExp([...significant].join(phoneGap), 'u').test(text.normalize('NFKC'));
}

/** The e-mail address, or its local part ("jan.peeters") on its own. */
function containsEmail(text: string, email: string, ignore: OwnWords): boolean {
  const lower = text.toLowerCase();
  const address = email.toLowerCase();
  if (lower.includes(address)) return true;
  const local = address.split('@')[0] ?? '';
  const localWords = words(local);
  if (local.replace(/[^\p{L}\p{N}]/gu, '').length < 3 || (localWords.length === 1 && ignore.words.has(localWords[0] ?? ''))) return false;
  const escaped = local.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}._%+-])${escaped}(?![\\p{L}\\p{N}_%+-]|\\.[\\p{L}\\p{N}])`, 'u').test(lower);
}

/** What the check reads: the clear subject and body, and the names of the attachments as the webmail shows them. */
export type CheckedText = { subject: string; body: string; attachments?: readonly string[] };

/**
 * Looks for the client's data in the clear subject, body and attachment names of a draft (RULES F1.7): each name
 * token of three letters or more and the name written together, the phone's digits with short separators, the e-mail
 * address or its local part, the street or its stem, or anything shaped like a national number. Text is compared after
 * transliteration, as whole words, so "Jan" is found in "Jan," but not in "januari". Returns what was found where,
 * never the data itself.
 */
export function leakCheck(referral: Referral, draft: CheckedText, options: LeakCheckOptions = {}): LeakFinding[] {
  const { client } = referral;
  const own = templateWords();
  const { referrer } = options;
  const theirs = wordsOf(referrer ? [referrer.name, referrer.team, referrer.email].join('\n') : '');
  const ignore = { words: new Set([...own.words, ...theirs.words]), joins: new Set([...own.joins, ...theirs.joins]) };
  const names = nameNeedles(client, ignore);
  const street = client.address ? streetMatcher(client.address.street, ignore) : null;
  const kindsIn = (text: string): LeakKind[] => {
    const present = wordsAndJoins(text);
    const kinds: LeakKind[] = [];
    if (names.some((needle) => present.has(needle))) kinds.push('name');
    if (client.phone && containsPhone(text, client.phone)) kinds.push('phone');
    if (client.email && containsEmail(text, client.email, ignore)) kinds.push('email');
    if (street && [...present].some(street)) kinds.push('street');
    if (containsNationalNumber(text)) kinds.push('nationalNumber');
    return kinds;
  };
  // Each attachment name on its own, so two names never run together into one word or one number.
  const texts: Record<LeakWhere, readonly string[]> = { subject: [draft.subject], body: [draft.body], attachment: draft.attachments ?? [] };
  const findings: LeakFinding[] = [];
  for (const where of ['subject', 'body', 'attachment'] as const) {
    const found = new Set(texts[where].flatMap(kindsIn));
    for (const kind of leakKinds) if (found.has(kind)) findings.push({ kind, where });
  }
  return findings;
}
