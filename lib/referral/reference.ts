import { randomBelow } from '../crypto/random';

/**
 * Reference codes such as "KG-7F3Q-2M9X": random, carrying no personal data, easy to dictate. The alphabet
 * leaves out 0/O, 1/I/L and U (heard as V or W); the last character is a Luhn mod-30 check, so a code typed
 * back for a withdrawal with one wrong character or two swapped neighbours is caught.
 */
export const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const base = referenceAlphabet.length;
const randomLength = 7;

function luhnSum(values: number[], startFactor: 1 | 2): number {
  let factor = startFactor;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    const addend = factor * (values[i] ?? 0);
    sum += Math.floor(addend / base) + (addend % base);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % base;
}

/** A new random reference code, e.g. "KG-7F3Q-2M9X" (about 34 bits of randomness plus a check character). */
export function generateReference(): string {
  const values = Array.from({ length: randomLength }, () => randomBelow(base));
  values.push((base - luhnSum(values, 2)) % base);
  const code = values.map((value) => referenceAlphabet[value]).join('');
  return `KG-${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Normalises a typed reference ("kg 7f3q 2m9x") to its canonical form, or null when it is not a valid code. */
export function normalizeReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/gu, '').replace(/^KG/u, '');
  if (compact.length !== randomLength + 1) return null;
  const values = [...compact].map((char) => referenceAlphabet.indexOf(char));
  if (values.some((value) => value < 0) || luhnSum(values, 1) !== 0) return null;
  return `KG-${compact.slice(0, 4)}-${compact.slice(4)}`;
}
