import { createDirectory } from '../directory';
import { t } from '../i18n';
import { normalizeReference, referenceAlphabet } from '../referral/reference';
import { registerFileSchema, registerFormat, registerSchema, type RegisterEntry, type RegisterFile, type RegisterStatus } from './schema';

export class RegisterError extends Error {}

/** A new referral, as the register keeps it: status "concept klaar" (stored as `concept`). */
export function newEntry(fields: Pick<RegisterEntry, 'reference' | 'createdOn' | 'recipientId' | 'recipientName' | 'mailbox' | 'team'> & { corrects?: string | null }): RegisterEntry {
  return { ...fields, status: 'concept', withdrawnOn: null, correctedBy: null, corrects: fields.corrects ?? null };
}

/**
 * How far a status went, for an import: the higher one wins. Not sent sits above a bare draft (the worker decided),
 * sent above not sent (a mail that went out cannot be taken back, and it keeps the withdrawal and the correction
 * open, which the client has a right to), then corrected, then withdrawn. Every action in the panel moves an entry
 * up this scale too, so an import never undoes one, with one exception: see `revertCorrected`.
 */
export const statusRank: Readonly<Record<RegisterStatus, number>> = { concept: 0, niet_verzonden: 1, verzonden: 2, verbeterd: 3, ingetrokken: 4 };

export type RegisterAction = 'markSent' | 'markNotSent' | 'withdraw' | 'correct' | 'remove';

const allowed: Readonly<Record<RegisterAction, readonly RegisterStatus[]>> = {
  markSent: ['concept', 'niet_verzonden'],
  markNotSent: ['concept'],
  // A corrected referral can still be withdrawn, as before: the OCMW may hold both files.
  withdraw: ['concept', 'verzonden', 'verbeterd'],
  correct: ['concept', 'verzonden'],
  // Only what never reached the OCMW: a sent, corrected or withdrawn referral stays for the evaluation.
  remove: ['concept', 'niet_verzonden'],
};

/** Whether the panel offers `action` for this entry (one rule, used by the view and checked again on every change). */
export function can(action: RegisterAction, entry: Pick<RegisterEntry, 'status'>): boolean {
  return allowed[action].includes(entry.status);
}

/** The actions the panel offers for an entry, in the order it shows them. */
export function actionsFor(entry: Pick<RegisterEntry, 'status'>): RegisterAction[] {
  return (['markSent', 'markNotSent', 'withdraw', 'correct', 'remove'] as const).filter((action) => can(action, entry));
}

/** Drops optional keys left undefined, so a stored or exported entry carries only what it has. */
function tidy(entry: RegisterEntry): RegisterEntry {
  const { sentOn, notSentOn, closedWithWarning, ...rest } = entry;
  return {
    ...rest,
    ...(sentOn === undefined ? {} : { sentOn }),
    ...(notSentOn === undefined ? {} : { notSentOn }),
    ...(closedWithWarning === undefined ? {} : { closedWithWarning }),
  };
}

/** A reference as typed or pasted: its canonical form, or why it cannot be one (a typo the check character caught). */
export type TypedReference =
  | { ok: true; reference: string }
  | { ok: false; problem: 'format' }
  | { ok: false; problem: 'check' }
  | { ok: false; problem: 'character'; character: string };

/** Reads "kg 7f3q 2m9x", "KG-7F3Q-2M9X" or "7F3Q2M9X"; tells a wrong character or a failed check apart from a wrong length. */
export function readReference(input: string): TypedReference {
  const reference = normalizeReference(input);
  if (reference) return { ok: true, reference };
  const compact = input.trim().toUpperCase().replace(/[\s-]/gu, '').replace(/^KG/u, '');
  const character = [...compact].find((char) => !referenceAlphabet.includes(char));
  if (character !== undefined) return { ok: false, problem: 'character', character };
  return compact.length === 8 ? { ok: false, problem: 'check' } : { ok: false, problem: 'format' };
}

function find(register: readonly RegisterEntry[], reference: string, action: RegisterAction): RegisterEntry {
  const entry = register.find((existing) => existing.reference === reference);
  if (!entry) throw new RegisterError(`unknown reference ${reference}`);
  if (!can(action, entry)) throw new RegisterError(`${action} is not possible for ${reference} (${entry.status})`);
  return entry;
}

function replace(register: readonly RegisterEntry[], reference: string, change: (entry: RegisterEntry) => RegisterEntry): RegisterEntry[] {
  return registerSchema.parse(register.map((existing) => (existing.reference === reference ? tidy(change(existing)) : existing)));
}

/** Adds a referral; a correction also marks the referral it corrects as "verbeterd" (when that one can be corrected). */
export function addReferral(register: readonly RegisterEntry[], entry: RegisterEntry): RegisterEntry[] {
  if (register.some((existing) => existing.reference === entry.reference)) throw new RegisterError(`duplicate reference ${entry.reference}`);
  const updated = register.map((existing) =>
    entry.corrects && existing.reference === entry.corrects && can('correct', existing) ? { ...existing, status: 'verbeterd' as const, correctedBy: entry.reference } : existing,
  );
  // A correction of a referral made on another PC is fine: the register then simply does not know the original.
  return registerSchema.parse([...updated, tidy(entry)]);
}

/** The worker marks the draft sent (from "concept klaar", or "niet verzonden" when it went out after all). */
export function markSent(register: readonly RegisterEntry[], reference: string, on: string): RegisterEntry[] {
  const entry = find(register, reference, 'markSent');
  const sent = replace(register, reference, (existing) => ({ ...existing, status: 'verzonden', sentOn: on, notSentOn: undefined }));
  // A correction marked not sent and then sent after all corrects its original again.
  const original = sent.find((existing) => existing.reference === entry.corrects);
  return original && can('correct', original) ? replace(sent, original.reference, (existing) => ({ ...existing, status: 'verbeterd', correctedBy: reference })) : sent;
}

/**
 * A correction that never went out did not correct anything: its original goes back to what it was (sent when it
 * had been marked sent, otherwise "concept klaar"), so it can be corrected again. The one step down the rank.
 */
function revertCorrected(register: readonly RegisterEntry[], correction: RegisterEntry): RegisterEntry[] {
  const original = register.find((entry) => entry.reference === correction.corrects);
  if (!original || original.status !== 'verbeterd' || original.correctedBy !== correction.reference) return [...register];
  return replace(register, original.reference, (entry) => ({ ...entry, status: entry.sentOn ? 'verzonden' : 'concept', correctedBy: null }));
}

/** The worker marks the draft not sent (discarded): it stays, dated, and the evaluation leaves it out. */
export function markNotSent(register: readonly RegisterEntry[], reference: string, on: string): RegisterEntry[] {
  const entry = find(register, reference, 'markNotSent');
  return revertCorrected(replace(register, reference, (existing) => ({ ...existing, status: 'niet_verzonden', notSentOn: on })), entry);
}

/** Records a withdrawal of consent. A withdrawn referral stays in the register (for the evaluation), never the client. */
export function withdraw(register: readonly RegisterEntry[], reference: string, on: string): RegisterEntry[] {
  find(register, reference, 'withdraw');
  return replace(register, reference, (entry) => ({ ...entry, status: 'ingetrokken', withdrawnOn: on }));
}

/** Removes an entry that never reached the OCMW ("Verwijder uit register"; the panel asks first). */
export function removeEntry(register: readonly RegisterEntry[], reference: string): RegisterEntry[] {
  const entry = find(register, reference, 'remove');
  return revertCorrected(register, entry).filter((existing) => existing.reference !== reference);
}

/** Notes that the panel closed this referral with a leak warning standing (issue 14.4); unknown references change nothing. */
export function markClosedWithWarning(register: readonly RegisterEntry[], reference: string): RegisterEntry[] {
  if (!register.some((entry) => entry.reference === reference)) return [...register];
  return replace(register, reference, (entry) => ({ ...entry, closedWithWarning: true }));
}

/** The register as a file: JSON with a format tag, checked again when it comes back. */
export function exportRegister(register: readonly RegisterEntry[], today: string): string {
  const file: RegisterFile = { format: registerFormat, exportedOn: today, entries: register.map(tidy) };
  return `${JSON.stringify(registerFileSchema.parse(file), null, 2)}\n`;
}

/** Recipient name and mailbox by id, from the bundled directory with its layers (never from a register file). */
export type RecipientOf = (recipientId: string) => { name: string; mailbox: string | null } | undefined;

/** What importing a register file would change, shown before anything is applied. */
export type ImportChange =
  | { kind: 'new'; entry: RegisterEntry }
  | { kind: 'status'; reference: string; from: RegisterStatus; to: RegisterStatus };

export type ImportPreview = { changes: ImportChange[]; unchanged: number; merged: RegisterEntry[] };

let bundledRecipients: RecipientOf | undefined;
function bundledRecipientOf(): RecipientOf {
  if (!bundledRecipients) {
    const directory = createDirectory();
    bundledRecipients = (id) => directory.recipient(id);
  }
  return bundledRecipients;
}

/**
 * Reads an exported register (`@2`, or `@1` of the first version) and works out what merging it would change,
 * without changing anything. The file is trusted only for what the register cannot check elsewhere: references,
 * dates, status and the team label (text for the evaluation's team column, neutralised there like every cell).
 * A recipient's name and mailbox come from the directory by id (a file naming another mailbox changes nothing: a
 * withdrawal or correction goes to the directory's mailbox); a new entry whose id the directory does not know, or
 * knows without a mailbox, refuses the whole file. An entry known here keeps its recipient (whatever the file
 * names); it only moves on to a status that went further (`statusRank`). Throws RegisterError, with a message to
 * show, on a bad file.
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
  for (const entry of parsed.data.entries as RegisterEntry[]) {
    const current = merged.get(entry.reference);
    if (!current) {
      const recipient = recipientOf(entry.recipientId);
      if (!recipient?.mailbox) throw new RegisterError(t('opt_registerUnknownRecipient', [entry.recipientId, entry.reference]));
      const added = tidy({
        reference: entry.reference, createdOn: entry.createdOn, corrects: entry.corrects, status: entry.status, withdrawnOn: entry.withdrawnOn,
        correctedBy: entry.correctedBy, sentOn: entry.sentOn, notSentOn: entry.notSentOn, closedWithWarning: entry.closedWithWarning,
        recipientId: entry.recipientId, recipientName: recipient.name, mailbox: recipient.mailbox, team: entry.team,
      });
      merged.set(entry.reference, added);
      changes.push({ kind: 'new', entry: added });
    } else if (statusRank[entry.status] > statusRank[current.status]) {
      const sent = statusRank[entry.status] >= statusRank.verzonden;
      merged.set(entry.reference, tidy({
        ...current,
        status: entry.status,
        withdrawnOn: entry.withdrawnOn ?? current.withdrawnOn,
        correctedBy: entry.correctedBy ?? current.correctedBy,
        sentOn: entry.sentOn ?? current.sentOn,
        notSentOn: sent ? undefined : (entry.notSentOn ?? current.notSentOn),
        closedWithWarning: entry.closedWithWarning ?? current.closedWithWarning,
      }));
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
