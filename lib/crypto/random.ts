/**
 * A uniformly random integer in [0, max) from `crypto.getRandomValues`. Rejection sampling: taking a byte
 * modulo `max` would favour the low values whenever 256 is not a multiple of `max`.
 */
export function randomBelow(max: number): number {
  if (!Number.isInteger(max) || max < 1 || max > 256) throw new RangeError('max must be an integer in 1..256');
  const limit = 256 - (256 % max);
  const byte = new Uint8Array(1);
  for (;;) {
    crypto.getRandomValues(byte);
    const value = byte[0] ?? limit;
    if (value < limit) return value % max;
  }
}

/** `length` characters drawn independently and uniformly from `alphabet`. */
export function randomString(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet.charAt(randomBelow(alphabet.length))).join('');
}
