import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as dutchDictionary } from '@zxcvbn-ts/language-nl-be';
import { t, type Locale } from '../i18n';
import { productWords } from './generate';

export const passwordMinLength = 12;
export const passwordMaxLength = 128;

/**
 * A typed password must need an estimated 10^24 guesses (about 80 bits, SPEC §6): WinZip AES stretches it with
 * only 1000 PBKDF2-HMAC-SHA1 rounds, so whoever holds the zip can try millions of passwords a second, offline.
 * zxcvbn's "top score" means only 10^10. zxcvbn counts 10 guesses for each character it matches to no pattern, so
 * random characters reach 10^24 at about 24 to 28 of them; random words of its dictionaries at about six.
 */
export const passwordMinGuessesLog10 = 24;
/** What the refusal advises: enough random words or random characters to pass the bar above with some margin. */
export const advisedWords = 6;
export const advisedCharacters = 28;

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
 * that data as user inputs) to need at least 10^24 guesses.
 */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const locale = context.locale ?? 'nl';
  if (password.length === 0) return { ok: false, message: t('pw_empty', [], locale) };
  if (!/^[\x20-\x7E]+$/u.test(password)) return { ok: false, message: t('pw_nonAscii', [], locale) };
  if (password.length > passwordMaxLength) return { ok: false, message: t('pw_tooLong', [passwordMaxLength], locale) };
  const userInputs = expandInputs([...productWords, ...(context.userInputs ?? [])]);
  const result = estimator().check(password, userInputs);
  if (usesPersonalWords(result)) return { ok: false, message: t('pw_personal', [], locale) };
  if (password.length < passwordMinLength) return { ok: false, message: t('pw_tooShort', [passwordMinLength], locale) };
  if (result.guessesLog10 < passwordMinGuessesLog10) {
    return { ok: false, message: t('pw_tooGuessable', [advisedWords, advisedCharacters], locale) };
  }
  return { ok: true };
}
