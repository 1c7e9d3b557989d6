import type { MessageKey } from '../i18n';

/** Result of checking one field: the cleaned value, or the message key to show next to the field. */
export type FieldCheck<T = string> =
  | { ok: true; value: T }
  | { ok: false; message: MessageKey; substitutions?: (string | number)[] };

// Cc: control characters (incl. newlines: no field is multi-line); Cf: format characters such as zero-width
// spaces and joiners, bidi embeddings/overrides/isolates, soft hyphen; Co: private use; Cs: lone surrogates;
// U+FFFC/U+FFFD: object replacement and replacement character (debris from broken copies).
const hiddenCharacters = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\uFFFC\uFFFD\u2028\u2029]/u;

/** NFC-normalises, trims and folds runs of white space; refuses hidden characters and over-long text. */
export function cleanText(input: string, maxLength: number): FieldCheck {
  if (hiddenCharacters.test(input)) return { ok: false, message: 'err_hiddenChars' };
  const value = input.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if ([...value].length > maxLength) return { ok: false, message: 'err_tooLong', substitutions: [maxLength] };
  return { ok: true, value };
}

/** Typographic apostrophes and hyphens fold to their ASCII forms so "D’Hondt" and "D'Hondt" are one name. */
export function foldPunctuation(value: string): string {
  return value.replace(/[\u2018\u2019\u02BC\u0060\u00B4]/gu, "'").replace(/[\u2010\u2011\u2012\u2013]/gu, '-');
}
