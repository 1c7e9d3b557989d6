import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { forbiddenDataIn } from './forbidden-data';
import { cleanText, type FieldCheck } from './text-rules';

/**
 * The phone check on its own, for the client's phone (lib/referral/schema.ts) and the worker's (lib/settings): it
 * needs the text rules and the forbidden-data guard only, so the settings do not pull the directory in with the
 * other field checks (issue 23.4).
 */

/** The longest phone number, as typed, before it is parsed. */
export const phoneMaxLength = 30;

/** Belgian numbers may be typed nationally ("0470 12 34 56"); foreign ones need their country code. Stored as E.164. */
export function checkPhone(input: string): FieldCheck {
  const cleaned = cleanText(input, phoneMaxLength);
  if (!cleaned.ok) return cleaned;
  const typed = cleaned.value.replace(/^00/u, '+');
  const parsed = /^[+\d][\d\s./()-]*$/u.test(typed) ? parsePhoneNumberFromString(typed, 'BE') : undefined;
  if (parsed?.isValid()) return { ok: true, value: parsed.number };
  // Only an unparseable entry is searched for an INSZ or a date: a valid phone number is a phone number.
  return { ok: false, message: forbiddenDataIn(cleaned.value) ?? 'err_phone' };
}
