import { searchKey } from '../directory/normalize';
import { containsNationalNumber } from './forbidden-data';
import type { Referral } from './schema';

export type LeakKind = 'name' | 'phone' | 'email' | 'street' | 'nationalNumber';
export type LeakFinding = { kind: LeakKind; where: 'subject' | 'body' };

// Whole words of the folded text, so "Jan" is found in "Jan Peeters" but not in "januari".
function containsWords(haystack: string, needle: string): boolean {
  const words = searchKey(needle);
  if (words.length < 2) return false;
  return ` ${searchKey(haystack)} `.includes(` ${words} `);
}

function phoneDigitsIn(text: string): string[] {
  return [...text.matchAll(/\+?\d[\d\s./()-]{6,}\d/gu)].map((match) => match[0].replace(/\D/gu, ''));
}

// A phone number is found whatever its form: +32 470 12 34 56, 0470/12.34.56, 470123456.
function containsPhone(text: string, e164: string): boolean {
  const significant = e164.replace(/\D/gu, '').slice(-8);
  return phoneDigitsIn(text).some((digits) => digits.endsWith(significant));
}

/**
 * Looks for the client's data in the clear subject and body of a draft (SPEC F1.7): name, phone, e-mail,
 * street, or anything shaped like a national number. Returns what was found where, never the data itself.
 */
export function leakCheck(referral: Referral, draft: { subject: string; body: string }): LeakFinding[] {
  const { client } = referral;
  const findings: LeakFinding[] = [];
  for (const where of ['subject', 'body'] as const) {
    const text = draft[where];
    const found = (kind: LeakKind) => findings.push({ kind, where });
    if (containsWords(text, client.lastName) || containsWords(text, `${client.firstName} ${client.lastName}`)) found('name');
    if (client.phone && containsPhone(text, client.phone)) found('phone');
    if (client.email && text.toLowerCase().includes(client.email.toLowerCase())) found('email');
    if (client.address && containsWords(text, client.address.street)) found('street');
    if (containsNationalNumber(text)) found('nationalNumber');
  }
  return findings;
}
