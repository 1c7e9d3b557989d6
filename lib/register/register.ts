import { createDirectory } from '../directory';
import { t } from '../i18n';
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

/** Recipient name and mailbox by id, from the bundled directory with its layers (never from a register file). */
export type RecipientOf = (recipientId: string) => { name: string; mailbox: string | null } | undefined;

/** What importing a register file would change, shown before anything is applied. */
export type ImportChange =
  | { kind: 'new'; entry: RegisterEntry }
  | { kind: 'status'; reference: string; from: RegisterEntry['status']; to: RegisterEntry['status'] };

export type ImportPreview = { changes: ImportChange[]; unchanged: number; merged: RegisterEntry[] };

let bundledRecipients: RecipientOf | undefined;
function bundledRecipientOf(): RecipientOf {
  if (!bundledRecipients) {
    const directory = createDirectory();
    bundledRecipients = (id) => directory.recipient(id);
  }
  return bundledRecipients;
}

const rank = { concept: 0, verbeterd: 1, ingetrokken: 2 } as const;

/**
 * Reads an exported register and works out what merging it would change, without changing anything. The file is
 * trusted only for what the register cannot check elsewhere: references, dates and status. A recipient's name and
 * mailbox come from the directory by id (a file naming another mailbox changes nothing: a withdrawal or correction
 * goes to the directory's mailbox); a new entry whose id the directory does not know, or knows without a mailbox,
 * refuses the whole
 * file. An entry known here keeps its recipient (whatever the file names); it only moves on to a status that went further (withdrawn over
 * corrected over concept). Throws RegisterError, with a message to show, on a bad file.
 */
export function previewImport(register: readonly RegisterEntry[], text: string, recipientOf: RecipientOf = bundledRecipientOf()): ImportPreview {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RegisterError(t('opt_registerBadFile'));
  }
  const parsed = registerFileSchema.safeParse(data);
  if (!parsed.success) throw new RegisterError(t('opt_registerBadFile'));
  const merged = new Map(register.map((entry) => [entry.reference, entry]));
  const changes: ImportChange[] = [];
  let unchanged = 0;
  for (const entry of parsed.data.entries) {
    const current = merged.get(entry.reference);
    const fromFile = { status: entry.status, withdrawnOn: entry.withdrawnOn, correctedBy: entry.correctedBy };
    if (!current) {
      const recipient = recipientOf(entry.recipientId);
      if (!recipient?.mailbox) throw new RegisterError(t('opt_registerUnknownRecipient', [entry.recipientId, entry.reference]));
      const added: RegisterEntry = {
        reference: entry.reference, createdOn: entry.createdOn, corrects: entry.corrects, ...fromFile,
        recipientId: entry.recipientId, recipientName: recipient.name, mailbox: recipient.mailbox, team: '',
      };
      merged.set(entry.reference, added);
      changes.push({ kind: 'new', entry: added });
    } else if (rank[entry.status] > rank[current.status]) {
      merged.set(entry.reference, { ...current, ...fromFile, correctedBy: fromFile.correctedBy ?? current.correctedBy });
      changes.push({ kind: 'status', reference: entry.reference, from: current.status, to: entry.status });
    } else unchanged += 1;
  }
  const list = registerSchema.parse([...merged.values()].sort((a, b) => a.createdOn.localeCompare(b.createdOn) || a.reference.localeCompare(b.reference)));
  return { changes, unchanged, merged: list };
}

/** Merges an exported register into this one at once (previewImport, applied); see previewImport for the rules. */
export function importRegister(register: readonly RegisterEntry[], text: string, recipientOf?: RecipientOf): RegisterEntry[] {
  return previewImport(register, text, recipientOf).merged;
}
