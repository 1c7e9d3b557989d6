/**
 * Is a pre-shared key strong enough (issue 12.7)? A key agreed by policy replaces the generated 99-bit password,
 * and WinZip AES stretches it with only 1000 PBKDF2 rounds: it must carry at least 128 bits from a random source,
 * e.g. 26 characters of base32 or 32 hexadecimal digits.
 *
 * We cannot see where a key came from. We accept what a key generator writes (hex, base32, base36, base64) long
 * enough to carry 128 bits in that encoding, and refuse the tell-tale signs of a key made by hand that such an
 * estimate would overrate: a word with dashes ("pre-shared-key-of-lille-2026"), few distinct characters, a
 * repeated block, runs of neighbouring characters.
 */
export const minimumKeyBits = 128;

/** The encodings a key generator writes, with the shortest key that carries 128 bits in each. */
const encodings: { name: string; test: (key: string) => boolean; bitsPerChar: number }[] = [
  { name: 'hex', test: (key) => /^[0-9a-f]+$/u.test(key) || /^[0-9A-F]+$/u.test(key), bitsPerChar: 4 },
  { name: 'base32', test: (key) => /^[A-Z2-7]+=*$/u.test(key) || /^[a-z2-7]+=*$/u.test(key), bitsPerChar: 5 },
  // Lowercase (or uppercase) letters and digits, both present: base36 and alphabets such as our generated passwords'.
  { name: 'base36', test: (key) => (/^[a-z0-9]+$/u.test(key) || /^[A-Z0-9]+$/u.test(key)) && /\d/u.test(key) && /[a-zA-Z]/u.test(key), bitsPerChar: Math.log2(31) },
  // Base64 (or base64url): all of upper case, lower case and digits appear in any random key of this length.
  { name: 'base64', test: (key) => /^[A-Za-z0-9+/_-]+=*$/u.test(key) && /[A-Z]/u.test(key) && /[a-z]/u.test(key) && /\d/u.test(key), bitsPerChar: 6 },
];

/** What the key could carry if it was drawn at random in the encoding it is written in (0: no known encoding). */
export function keyBits(key: string): number {
  const encoding = encodings.find((candidate) => candidate.test(key));
  return encoding ? Math.floor(key.replace(/=+$/u, '').length * encoding.bitsPerChar) : 0;
}

export function isStrongKey(key: string): boolean {
  if (!/^[\x21-\x7E]{16,128}$/u.test(key)) return false;
  if (keyBits(key) < minimumKeyBits) return false;
  const distinct = new Set(key).size;
  if (distinct < Math.min(12, Math.ceil(key.length / 3))) return false;
  // "abcabcabc…": the key is one block repeated.
  for (let size = 1; size <= key.length / 2; size++) {
    if (key.length % size === 0 && key.slice(0, size).repeat(key.length / size) === key) return false;
  }
  let neighbours = 0;
  for (let index = 1; index < key.length; index++) {
    if (Math.abs(key.charCodeAt(index) - key.charCodeAt(index - 1)) <= 1) neighbours++;
  }
  return neighbours <= key.length / 4;
}
