import { describe, expect, it } from 'vitest';
import { generateReference, normalizeReference } from '../../lib/referral';

const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('reference codes', () => {
  it('look like KG-XXXX-XXXX from an alphabet without look-alikes', () => {
    for (let i = 0; i < 500; i++) {
      const reference = generateReference();
      expect(reference).toMatch(/^KG-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/u);
      expect(reference.slice(3)).not.toMatch(/[01OILU]/u);
    }
  });

  it('are unique over many draws and use the whole alphabet', () => {
    const references = new Set(Array.from({ length: 5000 }, generateReference));
    expect(references.size).toBe(5000);
    const seen = new Set([...references].join('').replace(/KG|-/gu, ''));
    expect([...seen].sort().join('')).toBe(alphabet);
  });

  it('normalise what a user types back', () => {
    const reference = generateReference();
    expect(normalizeReference(reference.toLowerCase())).toBe(reference);
    expect(normalizeReference(reference.replace(/-/gu, ' '))).toBe(reference);
    expect(normalizeReference(reference.slice(3))).toBe(reference);
    expect(normalizeReference('')).toBeNull();
    expect(normalizeReference('KG-1234-5678')).toBeNull();
  });

  it('catch every single wrong character and every swap of two different neighbours', () => {
    for (let round = 0; round < 30; round++) {
      const reference = generateReference();
      const code = reference.replace(/KG|-/gu, '');
      for (let i = 0; i < code.length; i++) {
        for (const replacement of alphabet) {
          if (replacement === code[i]) continue;
          const typo = code.slice(0, i) + replacement + code.slice(i + 1);
          expect(normalizeReference(typo), `${code} → ${typo}`).toBeNull();
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          // Luhn mod 30 misses exactly one swap: of the first and last characters of the alphabet ("2" and "Z").
          if (normalizeReference(swapped) !== null) expect([code[i], code[i + 1]].sort().join('')).toBe('2Z');
        }
      }
    }
  });
});
