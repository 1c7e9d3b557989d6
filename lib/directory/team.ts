import { z } from 'zod';
import { t, type Locale } from '../i18n';
import { belgianToday } from '../time';
import { displayDate, originLabel } from './decision';
import {
  applyLayers, layerEntrySchema, mailboxOptions, recipientIdSchema,
  type Layers, type LayerEntry, type MailboxOption, type Origin, type Recipient, type TeamEntries, type UserAdditions,
} from './layers';
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

/** A fact of the recipient that importing an entry touches. */
export type ImportField = 'mailbox' | 'phone' | 'inForceSince' | 'endedOn' | 'source' | 'origin';

/**
 * One fact the import would change (`applies`), or a value in the file that would not count because a higher layer
 * supplies that fact (`keptBy`): the worker sees both before confirming (issue 20.4).
 */
export type ImportChange = { field: ImportField; from: string | null; to: string | null; applies: boolean; keptBy: Origin | null };

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
  /** Every fact the entry would change once applied (for a conflict: once the team's mailbox is chosen). */
  changes: ImportChange[];
  /** A phone number the entry would put into force for the password call: the worker confirms it first. */
  newPhone: string | null;
};

type Facts = Record<Exclude<ImportField, 'origin'>, string | null>;
const factsOf = (recipient: Recipient): Facts => ({
  mailbox: recipient.mailbox,
  phone: recipient.phone,
  inForceSince: recipient.protocol.inForceSince,
  endedOn: recipient.protocol.endedOn,
  source: recipient.source,
});
const originOf = (recipient: Recipient, locale: Locale): string | null =>
  recipient.mailboxOrigin ? originLabel(recipient.mailboxOrigin, { addedOn: recipient.userAddedOn, file: recipient.teamFile, author: recipient.teamAuthor }, locale) : null;
const sameValue = (field: ImportField, a: string | null, b: string | null) => (field === 'mailbox' ? a?.toLowerCase() === b?.toLowerCase() : a === b);

/** The recipient now and once the entry is applied, compared fact by fact. */
function changesOf(before: Recipient, after: Recipient, entry: LayerEntry, locale: Locale): ImportChange[] {
  const was = factsOf(before);
  const will = factsOf(after);
  const keeper: Record<Exclude<ImportField, 'origin'>, Origin | null> = {
    mailbox: after.mailboxOrigin,
    phone: after.phoneSource?.origin ?? after.mailboxOrigin,
    inForceSince: after.datesOrigin ?? after.mailboxOrigin,
    endedOn: after.datesOrigin ?? after.mailboxOrigin,
    source: after.mailboxOrigin,
  };
  const changes: ImportChange[] = [];
  for (const field of ['mailbox', 'phone', 'inForceSince', 'endedOn', 'source'] as const) {
    const given = entry[field];
    if (!sameValue(field, was[field], will[field])) changes.push({ field, from: was[field], to: will[field], applies: true, keptBy: null });
    else if (given !== null && !sameValue(field, given, will[field])) changes.push({ field, from: was[field], to: given, applies: false, keptBy: keeper[field] });
  }
  const origin = { from: originOf(before, locale), to: originOf(after, locale) };
  if (origin.from !== origin.to) changes.push({ field: 'origin', ...origin, applies: true, keptBy: null });
  return changes;
}

/**
 * Each entry of a colleague's file with what it would change. `fileName` is the name the team layer will carry
 * ("van je team (bestand …)").
 */
export function planImport(
  file: TeamFile,
  directory: Directory,
  layers: Layers,
  options: { fileName?: string; today?: string; locale?: Locale } = {},
): ImportItem[] {
  const { fileName = 'team.json', today = belgianToday(), locale = 'nl' } = options;
  const withoutTeam: Layers = { ...layers, team: {} };
  return Object.entries(file.entries).map(([recipientId, entry]) => {
    const recipient = directory.recipients.find((candidate) => candidate.id === recipientId);
    if (!recipient) return { recipientId, name: recipientId, entry, kind: 'unknown', current: [], changes: [], newPhone: null };
    const current = mailboxOptions(recipient, withoutTeam);
    const differs = current.filter((option) => option.mailbox.toLowerCase() !== entry.mailbox.toLowerCase());
    const kind = current.length === 0 ? 'new' : differs.length > 0 ? 'conflict' : 'same';
    const before = applyLayers(recipient, layers);
    const after = applyLayers(recipient, {
      ...layers,
      team: { ...layers.team, [recipientId]: { ...entry, importedOn: today, file: fileName, author: file.author } },
      choices: kind === 'conflict' ? { ...layers.choices, [recipientId]: { mailbox: entry.mailbox, over: current.map((option) => option.mailbox), chosenOn: today } } : layers.choices,
    });
    const newPhone = after.phone !== null && after.phone !== before.phone ? after.phone : null;
    return { recipientId, name: recipient.name, entry, kind, current, changes: changesOf(before, after, entry, locale), newPhone };
  });
}

/** One change in words: "Telefoonnummer: geen → 0470 12 34 56", or why a value of the file does not count. */
export function changeLine(change: ImportChange, locale: Locale = 'nl'): string {
  const label = t(`team_field_${change.field}`, [], locale);
  const shown = (value: string | null) =>
    value === null ? t('team_none', [], locale) : change.field === 'inForceSince' || change.field === 'endedOn' ? displayDate(value) : value;
  if (change.applies || change.keptBy === null) return t('team_change', [label, shown(change.from), shown(change.to)], locale);
  return t('team_ignored', [label, shown(change.to), originLabel(change.keptBy, {}, locale)], locale);
}

/** The team layer after importing `items` (conflicts only where the worker chose the team's mailbox). */
export function teamEntriesOf(items: ImportItem[], file: { name: string; author: string | null }, today: string = belgianToday()): TeamEntries {
  return Object.fromEntries(
    items.filter((item) => item.kind !== 'unknown').map((item) => [item.recipientId, { ...item.entry, importedOn: today, file: file.name, author: file.author }]),
  );
}
