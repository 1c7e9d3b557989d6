import { registerFileSchema, registerSchema, type RegisterEntry, type RegisterFile } from './schema';

export class RegisterError extends Error {}

/** A new referral, as the register keeps it: status "concept gemaakt". */
export function newEntry(fields: Pick<RegisterEntry, 'reference' | 'createdOn' | 'recipientId' | 'recipientName' | 'mailbox' | 'team'> & { corrects?: string | null }): RegisterEntry {
  return { ...fields, status: 'concept', withdrawnOn: null, correctedBy: null, corrects: fields.corrects ?? null };
}

/** Adds a referral; a correction also marks the referral it corrects as "verbeterd". */
export function addReferral(register: readonly RegisterEntry[], entry: RegisterEntry): RegisterEntry[] {
  if (register.some((existing) => existing.reference === entry.reference)) throw new RegisterError(`duplicate reference ${entry.reference}`);
  const updated = register.map((existing) =>
    entry.corrects && existing.reference === entry.corrects ? { ...existing, status: 'verbeterd' as const, correctedBy: entry.reference } : existing,
  );
  // A correction of a referral made on another PC is fine: the register then simply does not know the original.
  return registerSchema.parse([...updated, entry]);
}

/** Records a withdrawal of consent. A withdrawn referral stays in the register (for the evaluation), never the client. */
export function withdraw(register: readonly RegisterEntry[], reference: string, on: string): RegisterEntry[] {
  const entry = register.find((existing) => existing.reference === reference);
  if (!entry) throw new RegisterError(`unknown reference ${reference}`);
  if (entry.status === 'ingetrokken') throw new RegisterError(`already withdrawn ${reference}`);
  return registerSchema.parse(
    register.map((existing) => (existing.reference === reference ? { ...existing, status: 'ingetrokken' as const, withdrawnOn: on } : existing)),
  );
}

/** The register as a file: JSON with a format tag, checked again when it comes back. */
export function exportRegister(register: readonly RegisterEntry[], today: string): string {
  const file: RegisterFile = { format: 'veilig-aanmelden/register@1', exportedOn: today, entries: [...register] };
  return `${JSON.stringify(registerFileSchema.parse(file), null, 2)}\n`;
}

/**
 * Reads an exported register and merges it into this one: entries are matched by reference; for one known on both
 * sides, the one that went further (withdrawn over corrected over concept) wins. Throws RegisterError on a bad file.
 */
export function importRegister(register: readonly RegisterEntry[], text: string): RegisterEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RegisterError('not JSON');
  }
  const parsed = registerFileSchema.safeParse(data);
  if (!parsed.success) throw new RegisterError('not a register file');
  const rank = { concept: 0, verbeterd: 1, ingetrokken: 2 } as const;
  const merged = new Map(register.map((entry) => [entry.reference, entry]));
  for (const entry of parsed.data.entries) {
    const current = merged.get(entry.reference);
    if (!current || rank[entry.status] > rank[current.status]) merged.set(entry.reference, entry);
  }
  return registerSchema.parse([...merged.values()].sort((a, b) => a.createdOn.localeCompare(b.createdOn) || a.reference.localeCompare(b.reference)));
}
