import { z } from 'zod';
import { belgianToday } from '../time';
import { layerEntrySchema, mailboxOptions, recipientIdSchema, type Layers, type LayerEntry, type MailboxOption, type TeamEntries, type UserAdditions } from './layers';
import type { Directory } from './schema';

/**
 * Team sharing (issue 12.3): the worker's own mailboxes as a file for colleagues ("Deel met je team"), and a
 * colleague's file read back, entry by entry. The file names organisations and protocol dates only, never a client;
 * the referrer's name travels only as the file's author, and only when the worker agrees.
 */
export const teamFileFormat = 'veilig-aanmelden/mailadressen@1';

export const teamFileSchema = z.strictObject({
  format: z.literal(teamFileFormat),
  exportedOn: z.iso.date(),
  /** The directory version of the exporting extension, for whoever reads the file. */
  directoryVersion: z.string().min(1).max(40),
  author: z.string().trim().min(1).max(120).nullable(),
  entries: z.record(recipientIdSchema, layerEntrySchema),
});
export type TeamFile = z.infer<typeof teamFileSchema>;

export function exportTeamFile(additions: UserAdditions, options: { author: string | null; directoryVersion: string; today?: string }): string {
  const entries = Object.fromEntries(
    Object.entries(additions).map(([id, { mailbox, inForceSince, endedOn, phone, source }]) => [id, { mailbox, inForceSince, endedOn, phone, source }]),
  );
  const file: TeamFile = {
    format: teamFileFormat,
    exportedOn: options.today ?? belgianToday(),
    directoryVersion: options.directoryVersion,
    author: options.author?.trim() || null,
    entries,
  };
  return `${JSON.stringify(teamFileSchema.parse(file), null, 2)}\n`;
}

export function parseTeamFile(text: string): TeamFile | null {
  try {
    const parsed = teamFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * What importing one entry would change: `new` (no mailbox known yet), `same` (the mailbox is already known; the
 * entry may add dates), `conflict` (another source names a different mailbox: shown side by side, applied only when
 * the worker chooses the team's), `unknown` (no such recipient here).
 */
export type ImportItem = {
  recipientId: string;
  name: string;
  entry: LayerEntry;
  kind: 'new' | 'same' | 'conflict' | 'unknown';
  /** The mailboxes other sources give for this recipient now (the team's own earlier entry left out). */
  current: MailboxOption[];
};

export function planImport(file: TeamFile, directory: Directory, layers: Layers): ImportItem[] {
  const withoutTeam: Layers = { ...layers, team: {} };
  return Object.entries(file.entries).map(([recipientId, entry]) => {
    const recipient = directory.recipients.find((candidate) => candidate.id === recipientId);
    if (!recipient) return { recipientId, name: recipientId, entry, kind: 'unknown', current: [] };
    const current = mailboxOptions(recipient, withoutTeam);
    const differs = current.filter((option) => option.mailbox.toLowerCase() !== entry.mailbox.toLowerCase());
    const kind = current.length === 0 ? 'new' : differs.length > 0 ? 'conflict' : 'same';
    return { recipientId, name: recipient.name, entry, kind, current };
  });
}

/** The team layer after importing `items` (conflicts only where the worker chose the team's mailbox). */
export function teamEntriesOf(items: ImportItem[], file: { name: string; author: string | null }, today: string = belgianToday()): TeamEntries {
  return Object.fromEntries(
    items.filter((item) => item.kind !== 'unknown').map((item) => [item.recipientId, { ...item.entry, importedOn: today, file: file.name, author: file.author }]),
  );
}
