/** Synthetic people only: nobody here exists. */
export const validInput = {
  client: {
    firstName: 'Jan',
    lastName: 'Peeters',
    address: { street: 'Kerkstraat', houseNumber: '1', box: '', postcode: '2275', municipality: 'Lille' },
    phone: '+32470123456',
    email: 'jan.peeters@example.org',
  },
  consent: { informed: true, consented: true, date: '2026-11-20', manner: 'mondeling' },
};

/** A fixed "now" (22 November 2026, 10:15 in Brussels) so consent dates do not age with the calendar. */
export const now = new Date('2026-11-22T09:15:00Z');

/** A deep copy of the valid input with `patch` applied at `path` (dot-separated); `undefined` deletes the key. */
export function withField(path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(validInput) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** Builds an 11-digit national number with a valid check for the pre-2000 (or post-2000) rule. */
export function nationalNumber(birth: string, serial: string, after2000 = false): string {
  const base = BigInt(`${birth}${serial}`);
  const check = 97n - ((after2000 ? 2_000_000_000n + base : base) % 97n);
  return `${birth}${serial}${String(check).padStart(2, '0')}`;
}
