import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as dutchDictionary } from '@zxcvbn-ts/language-nl-be';
import { t, type Locale } from '../i18n';
import { productWords } from './generate';

export const passwordMinLength = 12;
export const passwordMaxLength = 128;

/**
 * A typed password must need an estimated 10^24 guesses (about 80 bits, RULES §6): WinZip AES stretches it with
 * only 1000 PBKDF2-HMAC-SHA1 rounds, so whoever holds the zip can try millions of passwords a second, offline.
 * zxcvbn's "top score" means only 10^10. zxcvbn counts 10 guesses for each character it matches to no pattern, so
 * random characters reach 10^24 at about 24 to 28 of them; random words of its dictionaries at about six.
 */
export const passwordMinGuessesLog10 = 24;
/** What the refusal advises: enough random words or random characters to pass the bar above with some margin. */
export const advisedWords = 6;
export const advisedCharacters = 28;

/**
 * What a generator or a password manager writes (issue 20 item 11). zxcvbn counts 10 guesses for every character it
 * matches to no pattern, so 20 truly random characters come out at 10^20, below the bar, and so do our own generated
 * passwords whenever zxcvbn spots a short word in them ("…-qn3w": "new"). Such a password passes too when it has at
 * least 20 characters besides group separators and reaches 80 bits counted on zxcvbn's own reading of it: each
 * character it matched to no pattern at log2 of the alphabet the password actually uses (lower case 26, upper case 26,
 * digits 10, other signs 33), each pattern it found at its own estimate. A shorter string that only looks random
 * ("Vq7#mP2!xL9$wR4&", an upper, a lower, a digit, a sign, over and over) is as often made by hand, in a rhythm
 * zxcvbn cannot see: it keeps the estimate above.
 */
export const generatorMinCharacters = 20;
export const generatorMinBits = 80;
/** Between groups ("k7xm-4rp9-…") a dash or a space carries nothing: it counts neither as a character nor in the alphabet. */
const separators = /[\s-]/gu;

let factory: ZxcvbnFactory | undefined;

// Building the ranked dictionaries takes a moment: do it on first use, once.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...dutchDictionary },
    graphs: adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return factory;
}

export type PasswordContext = {
  /** What is known of this referral: the client's fields, the recipient's municipality and postcode. */
  userInputs?: readonly string[];
  locale?: Locale;
};

export type PasswordCheck = { ok: boolean; message?: string };

/** Splits free text into the words a guesser would try: "Van den Broeck" → "van den broeck", "vandenbroeck", "broeck". */
function expandInputs(inputs: readonly string[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const lower = input.normalize('NFC').toLowerCase().trim();
    if (lower === '') continue;
    words.add(lower);
    words.add(lower.replace(/[\s'.@+-]/gu, ''));
    for (const part of lower.split(/[\s'.@+-]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

function usesPersonalWords(result: ZxcvbnResult): boolean {
  return result.sequence.some(
    (match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs' && match.token.length >= 4,
  );
}

/**
 * Checks a password typed by hand: printable ASCII (every zip tool reads it alike), long enough, free of the
 * referral's own data and the product's words, and estimated by zxcvbn (with the Belgian Dutch dictionary and
 * that data as user inputs) to need at least 10^24 guesses, or written as a generator writes (generatorMinBits).
 */
/** The size of the alphabet a text draws from, by the classes it uses (printable ASCII: 26 + 26 + 10 + 33). */
export function alphabetSize(characters: string): number {
  return (/[a-z]/u.test(characters) ? 26 : 0) + (/[A-Z]/u.test(characters) ? 26 : 0) + (/\d/u.test(characters) ? 10 : 0) + (/[^a-zA-Z\d]/u.test(characters) ? 33 : 0);
}

/** The bits of a password read as a generator's output (see generatorMinBits), on zxcvbn's decomposition of it. */
export function generatorBits(password: string, result: Pick<ZxcvbnResult, 'sequence'>): number {
  const perCharacter = Math.log2(Math.max(1, alphabetSize(password.replace(separators, ''))));
  return result.sequence.reduce(
    (bits, match) => bits + (match.pattern === 'bruteforce' ? match.token.replace(separators, '').length * perCharacter : Math.log2(Math.max(1, match.guesses))),
    0,
  );
}

function looksGenerated(password: string, result: ZxcvbnResult): boolean {
  return password.replace(separators, '').length >= generatorMinCharacters && generatorBits(password, result) >= generatorMinBits;
}

const estimates = new Map<string, number>();

/**
 * zxcvbn's estimate of a text as log10 of the guesses, with the product's words as user inputs: how a pre-shared key
 * not of the generated form is judged (lib/directory/key-strength.ts). Remembered per text: a policy is read again
 * at every change.
 */
export function estimateGuessesLog10(text: string): number {
  const known = estimates.get(text);
  if (known !== undefined) return known;
  const value = estimator().check(text, expandInputs(productWords)).guessesLog10;
  if (estimates.size > 1000) estimates.clear();
  estimates.set(text, value);
  return value;
}

export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const locale = context.locale ?? 'nl';
  if (password.length === 0) return { ok: false, message: t('pw_empty', [], locale) };
  if (!/^[\x20-\x7E]+$/u.test(password)) return { ok: false, message: t('pw_nonAscii', [], locale) };
  if (password.length > passwordMaxLength) return { ok: false, message: t('pw_tooLong', [passwordMaxLength], locale) };
  const userInputs = expandInputs([...productWords, ...(context.userInputs ?? [])]);
  const result = estimator().check(password, userInputs);
  if (usesPersonalWords(result)) return { ok: false, message: t('pw_personal', [], locale) };
  if (password.length < passwordMinLength) return { ok: false, message: t('pw_tooShort', [passwordMinLength], locale) };
  if (result.guessesLog10 < passwordMinGuessesLog10 && !looksGenerated(password, result)) {
    return { ok: false, message: t('pw_tooGuessable', [advisedWords, advisedCharacters], locale) };
  }
  return { ok: true };
}
