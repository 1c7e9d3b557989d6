import { randomString } from '../crypto/random';

/**
 * Generated passwords. WinZip AES stretches a password with only 1000 rounds of PBKDF2-HMAC-SHA1, so the
 * password itself carries the strength: 20 characters from 31 give 99 bits. Lowercase letters and digits in
 * groups of four read well over the phone; 0/o, 1/l/i are left out because they are confused when heard or read.
 */
export const passwordAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
export const passwordGroups = 5;
export const passwordGroupLength = 4;

/** Bits of entropy of a generated password. */
export const generatedPasswordBits = passwordGroups * passwordGroupLength * Math.log2(passwordAlphabet.length);

// Words of the product and the protocol: a password that spells one would hint at what the zip holds.
export const productWords = [
  'kind', 'gezin', 'kindengezin', 'kind en gezin', 'opgroeien', 'ocmw', 'cpas', 'caw', 'aanmelding', 'aanmelden',
  'veilig', 'veiligaanmelden', 'sociale', 'dienst', 'socialedienst', 'brussel', 'vlaanderen', 'wachtwoord', 'password',
  'zip', '7zip', 'geheim',
] as const;

/** A new random password such as "k7xm-4rp9-tz2c-h8vd-qn3w", from `crypto.getRandomValues`. */
export function generatePassword(): string {
  for (;;) {
    const groups = Array.from({ length: passwordGroups }, () => randomString(passwordAlphabet, passwordGroupLength));
    const candidate = groups.join('-');
    // Astronomically rare, but a password that happens to spell "ocmw" would be refused by the strength check.
    if (!productWords.some((word) => word.length >= 4 && candidate.replace(/-/gu, '').includes(word))) return candidate;
  }
}
