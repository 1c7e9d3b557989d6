import type { MessageKey } from '../i18n';

/**
 * Guards against the data the protocol (art. 10/1; FAQ, seed 003) forbids: the national register number
 * (INSZ/rijksregisternummer, also BIS numbers) and a date of birth. They are refused wherever they are typed.
 */

// Runs of digits with the separators people type in an INSZ: "85.07.30-033.28", "850730 033 28", "85073003328".
const digitRuns = /\d(?:[\s./-]?\d)*/gu;

/** True when the 11 digits pass the INSZ mod-97 check under the pre-2000 or the post-2000 rule. */
export function isNationalNumber(digits: string): boolean {
  if (!/^\d{11}$/u.test(digits)) return false;
  const base = BigInt(digits.slice(0, 9));
  const check = BigInt(digits.slice(9));
  return 97n - (base % 97n) === check || 97n - ((2_000_000_000n + base) % 97n) === check;
}

/** True when `text` holds, as a run of its own, 11 digits that pass the INSZ check. */
export function containsNationalNumber(text: string): boolean {
  for (const match of text.matchAll(digitRuns)) {
    if (isNationalNumber(match[0].replace(/\D/gu, ''))) return true;
  }
  return false;
}

const monthNames = [
  // Dutch, French and English, full and abbreviated: a date of birth may be typed in any of them.
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'janvier', 'février', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'aout', 'septembre', 'octobre', 'novembre', 'décembre', 'decembre',
  'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october',
  'jan', 'feb', 'febr', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'oct', 'nov', 'dec',
].join('|');

// A full date with a four-digit year, or day-month-two-digit-year with separators: 12/03/1985, 12-3-85, 1985-03-12.
const numericDate = /(?<!\d)(?:(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})|(\d{4})[./-](\d{1,2})[./-](\d{1,2}))(?!\d)/gu;
// "12 maart 1985", "3 mrt. 2019", "1er janvier 1990". Street names such as "Rue du 11 Novembre" carry no year.
const textualDate = new RegExp(`(?<!\\d)(\\d{1,2})(?:er|e|ste|de)?\\.?\\s+(?:${monthNames})\\.?\\s+(\\d{4})(?!\\d)`, 'iu');
// "°1985", "geboren", "geb." or "né(e) le" followed by a number: a birth mark whatever the date's form.
const birthMarker = /(?:°\s*\d|\bgeb(?:oren|\.)\s*(?:op\s*)?\d|\bn[ée]e?\s+le\s+\d|\bborn\s+(?:on\s+)?\d)/iu;

function isCalendarDate(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/** True when `text` holds something that reads as a date (of birth): the protocol forbids sending one. */
export function containsDate(text: string): boolean {
  if (birthMarker.test(text)) return true;
  for (const match of text.matchAll(numericDate)) {
    const [, d1, m1, , y2, m2, d2] = match;
    if (d1 !== undefined && m1 !== undefined && isCalendarDate(Number(d1), Number(m1))) return true;
    if (y2 !== undefined && m2 !== undefined && d2 !== undefined && isCalendarDate(Number(d2), Number(m2))) return true;
  }
  const textual = textualDate.exec(text);
  return textual !== null && Number(textual[1]) >= 1 && Number(textual[1]) <= 31;
}

/** The message for forbidden data in `text`, or null when there is none. */
export function forbiddenDataIn(text: string): MessageKey | null {
  if (containsNationalNumber(text)) return 'err_nationalNumber';
  if (containsDate(text)) return 'err_birthDate';
  return null;
}
