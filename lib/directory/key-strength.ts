import { randomString } from '../crypto/random';
import { loadGuessEstimator } from '../password/lazy';

/**
 * Pre-shared keys (issue 12.7, issue 20 item 3). A key agreed by policy replaces the generated 99-bit password for
 * every referral to that recipient, and WinZip AES stretches it with only 1000 PBKDF2 rounds: it must carry at least
 * 128 bits from a random source (RULES §6).
 *
 * We cannot see where a key came from, and a key made of words ("KortrijkSocialeDienst2026Protocol") looks random to
 * any count of character classes. So the policy takes only what the policy maker generates: 26 characters of base32
 * (RFC 4648: A–Z and 2–7, 130 bits from `crypto.getRandomValues`), in upper case, in groups of four joined by dashes
 * ("ABCD-EFGH-JKMN-PQRS-TUVW-XY23-45"). That grouped text is the key itself: IT stores it, the zip is encrypted with
 * it and the OCMW types it into 7-Zip exactly as shown, so there is one way to write it. Any other key passes only
 * when zxcvbn (with the Belgian Dutch dictionary) estimates it at 10^38 guesses or more (about 128 bits); the
 * estimator is loaded on demand (`loadKeyEstimator`), never with the content scripts or the background.
 */
export const minimumKeyBits = 128;
/** zxcvbn's estimate a key not of the generated form needs: 10^38 ≈ 2^126. */
export const minimumKeyGuessesLog10 = 38;

export const keyAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const keyLength = 26;
export const keyGroupLength = 4;
/** Bits of a generated key: 26 × 5 = 130. */
export const generatedKeyBits = keyLength * Math.log2(keyAlphabet.length);

/** The generated form: six groups of four and one of two, "ABCD-EFGH-JKMN-PQRS-TUVW-XY23-45". */
const generatedKeyPattern = /^[A-Z2-7]{4}(?:-[A-Z2-7]{4}){5}-[A-Z2-7]{2}$/u;
/** What a key may be made of at all: printable ASCII without spaces, as every zip tool reads it alike. */
const keyCharacters = /^[\x21-\x7E]{16,128}$/u;

/** Groups 26 base32 characters as the generator shows them. */
export function groupKey(characters: string): string {
  return (characters.match(/.{1,4}/gu) ?? []).join('-');
}

/** A new pre-shared key from `crypto.getRandomValues`, in its one written form. */
export function generateKey(): string {
  return groupKey(randomString(keyAlphabet, keyLength));
}

export function isGeneratedKey(key: string): boolean {
  return generatedKeyPattern.test(key);
}

/**
 * The generator's characters written another way (lower case, no dashes, spaces, other groups): refused, because the
 * OCMW would type one text and the zip would hold another, but with a message that shows the form to use.
 */
export function looksLikeGeneratedKey(key: string): boolean {
  const bare = key.replace(/[\s-]/gu, '').toUpperCase();
  return !isGeneratedKey(key) && bare.length === keyLength && /^[A-Z2-7]+$/u.test(bare);
}

/** zxcvbn's estimate of a text, as log10 of the guesses (see lib/password/strength.ts). */
export type KeyEstimator = (key: string) => number;

/** Strong enough for a policy: the generated form, or (with the estimator at hand) at least 10^38 guesses. */
export function isStrongKey(key: string, estimate?: KeyEstimator): boolean {
  if (isGeneratedKey(key)) return true;
  if (!keyCharacters.test(key) || typeof estimate !== 'function') return false;
  return estimate(key) >= minimumKeyGuessesLog10;
}

/** The bits a key carries as far as we can tell: 130 for the generated form, else the estimate in bits (0 without it). */
export function keyBits(key: string, estimate?: KeyEstimator): number {
  if (isGeneratedKey(key)) return Math.floor(generatedKeyBits);
  if (!keyCharacters.test(key) || typeof estimate !== 'function') return 0;
  return Math.floor(estimate(key) * Math.log2(10));
}

/** Whether judging these keys needs the estimator: any key that is a string not of the generated form. */
export function needsKeyEstimator(keys: readonly unknown[]): boolean {
  return keys.some((key) => typeof key === 'string' && !isGeneratedKey(key) && keyCharacters.test(key));
}

/** zxcvbn, loaded on first use (its dictionaries are most of a page's weight). */
export function loadKeyEstimator(): Promise<KeyEstimator> {
  return loadGuessEstimator();
}
