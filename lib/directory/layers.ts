import { z } from 'zod';
import { isStrongKey } from './key-strength';
import type { Protocol, RecipientEntry } from './schema';

/**
 * The layers over the bundled directory, highest first (SPEC §7): the deployer's managed configuration (enterprise
 * policy, `storage.managed`), the worker's own additions (panel or options page), the team's shared file, the
 * bundled data. Whoever adds a mailbox gives the protocol's in-force date (and, where known, its end date and
 * source); without that date the mailbox is kept but the gate refuses it (SPEC §11).
 */
const isoDate = z.iso.date();
export const recipientIdSchema = z.string().regex(/^(\d{5}|caw-brussel)$/u);

/** The social service's phone number, for the password call: digits, spaces and + ( ) . / - only. */
const phoneSchema = z.string().trim().min(6).max(40).regex(/^\+?[\d\s()./-]+$/u);

export const managedRecipientSchema = z.strictObject({
  mailbox: z.email().optional(),
  protocol: z
    .strictObject({
      status: z.enum(['in_force', 'signed', 'ended', 'unknown']).optional(),
      signedOn: isoDate.optional(),
      inForceSince: isoDate.optional(),
      endedOn: isoDate.optional(),
    })
    .optional(),
  /** A key agreed with this recipient out of band, used instead of a generated password: at least 128 random bits. */
  preSharedKey: z.string().refine(isStrongKey, { message: 'weak-key' }).optional(),
  /** The social service's phone number, for the password call. */
  phone: phoneSchema.optional(),
  team: z.string().min(1).max(120).optional(),
  securityContact: z.email().optional(),
  privacyContact: z.email().optional(),
  /** Where IT got the mailbox and the protocol dates, shown to the user. */
  source: z.string().min(1).max(200).optional(),
});

export const managedConfigSchema = z.object({
  recipients: z.record(recipientIdSchema, managedRecipientSchema).optional(),
});

/** A mailbox with its protocol, as the worker or a team file gives it. */
export const layerEntrySchema = z.strictObject({
  mailbox: z.email(),
  inForceSince: isoDate.nullable().default(null),
  endedOn: isoDate.nullable().default(null),
  phone: phoneSchema.nullable().default(null),
  source: z.string().trim().min(1).max(200).nullable().default(null),
});

export const userAdditionSchema = layerEntrySchema.extend({ addedOn: isoDate });
export const userAdditionsSchema = z.record(recipientIdSchema, userAdditionSchema);

/** An entry imported from a colleague's file ("van je team"). */
export const teamEntrySchema = layerEntrySchema.extend({
  importedOn: isoDate,
  /** The file it came from ("mailadressen-team-dender.json"), shown as "van je team (bestand van …)". */
  file: z.string().min(1).max(200),
  author: z.string().max(120).nullable(),
});
export const teamEntriesSchema = z.record(recipientIdSchema, teamEntrySchema);

/** The worker's answer when sources disagree on a recipient's mailbox: which one is right, and over which others. */
export const mailboxChoiceSchema = z.strictObject({ mailbox: z.email(), over: z.array(z.email()), chosenOn: isoDate });
export const mailboxChoicesSchema = z.record(recipientIdSchema, mailboxChoiceSchema);

export type ManagedRecipient = z.infer<typeof managedRecipientSchema>;
export type ManagedConfig = z.infer<typeof managedConfigSchema>;
export type LayerEntry = z.infer<typeof layerEntrySchema>;
export type UserAddition = z.infer<typeof userAdditionSchema>;
export type UserAdditions = z.infer<typeof userAdditionsSchema>;
export type TeamEntry = z.infer<typeof teamEntrySchema>;
export type TeamEntries = z.infer<typeof teamEntriesSchema>;
export type MailboxChoice = z.infer<typeof mailboxChoiceSchema>;
export type MailboxChoices = z.infer<typeof mailboxChoicesSchema>;
export type Layers = { managed?: ManagedConfig; user?: UserAdditions; team?: TeamEntries; choices?: MailboxChoices };

export type Origin = 'managed' | 'user' | 'team' | 'bundled';
export type MailboxOrigin = Origin | null;

/** One source's mailbox for a recipient, with the protocol facts that came with it. */
export type MailboxOption = {
  mailbox: string;
  origin: Origin;
  protocol: Protocol;
  source: string | null;
  phone: string | null;
  /** The worker's addition date, or the team file's import date. */
  addedOn: string | null;
  /** The team file's name and author. */
  file: string | null;
  author: string | null;
};

/** A recipient as the user sees it: the bundled entry with the layers applied, and where each fact comes from. */
export type Recipient = RecipientEntry & {
  mailboxOrigin: MailboxOrigin;
  /** Where the protocol dates come from (the mailbox's own source when it gave them). */
  datesOrigin: MailboxOrigin;
  /** Date the user added the mailbox, when it is theirs (or the team file's import date). */
  userAddedOn: string | null;
  /** The team file, when the mailbox is "van je team". */
  teamFile: string | null;
  teamAuthor: string | null;
  /** The social service's phone number for the password call, when known. */
  phone: string | null;
  preSharedKey: string | null;
  /** Sources that disagree on the mailbox, with no recorded choice: the worker must choose (mailbox is then null). */
  conflict: MailboxOption[] | null;
  /** The recorded choice that settled a disagreement. */
  choice: MailboxChoice | null;
};

const sameMailbox = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function entryOption(origin: 'user' | 'team', entry: LayerEntry & { addedOn?: string; importedOn?: string; file?: string; author?: string | null }): MailboxOption {
  return {
    mailbox: entry.mailbox,
    origin,
    protocol: { status: entry.inForceSince ? 'in_force' : 'unknown', signedOn: null, inForceSince: entry.inForceSince, endedOn: entry.endedOn },
    source: entry.source,
    phone: entry.phone,
    addedOn: entry.addedOn ?? entry.importedOn ?? null,
    file: entry.file ?? null,
    author: entry.author ?? null,
  };
}

/** Every source's mailbox for this recipient, highest layer first. */
export function mailboxOptions(entry: RecipientEntry, layers: Layers): MailboxOption[] {
  const managed = layers.managed?.recipients?.[entry.id];
  const options: MailboxOption[] = [];
  const managedProtocol = (base: Protocol): Protocol =>
    managed?.protocol
      ? {
          status: managed.protocol.status ?? (managed.protocol.inForceSince ? 'in_force' : base.status),
          signedOn: managed.protocol.signedOn ?? null,
          inForceSince: managed.protocol.inForceSince ?? null,
          endedOn: managed.protocol.endedOn ?? null,
        }
      : base;
  const none: Protocol = { status: 'unknown', signedOn: null, inForceSince: null, endedOn: null };
  if (managed?.mailbox) {
    options.push({ mailbox: managed.mailbox, origin: 'managed', protocol: managedProtocol(none), source: managed.source ?? null, phone: managed.phone ?? null, addedOn: null, file: null, author: null });
  }
  const user = layers.user?.[entry.id];
  if (user) options.push(entryOption('user', user));
  const team = layers.team?.[entry.id];
  if (team) options.push(entryOption('team', team));
  if (entry.mailbox) {
    // Protocol dates by policy without a mailbox of its own speak for the bundled mailbox.
    const protocol = managed && !managed.mailbox ? managedProtocol(entry.protocol) : entry.protocol;
    options.push({ mailbox: entry.mailbox, origin: 'bundled', protocol, source: entry.source, phone: managed?.phone ?? null, addedOn: null, file: null, author: null });
  }
  return options;
}

const hasDates = (option: MailboxOption) => option.protocol.inForceSince !== null || option.protocol.endedOn !== null || option.protocol.status === 'ended';

export function applyLayers(entry: RecipientEntry, layers: Layers): Recipient {
  const managed = layers.managed?.recipients?.[entry.id];
  const options = mailboxOptions(entry, layers);
  const distinct = options.filter((option, index) => options.findIndex((other) => sameMailbox(other.mailbox, option.mailbox)) === index);
  const recorded = layers.choices?.[entry.id];
  const choiceHolds =
    recorded !== undefined &&
    distinct.some((option) => sameMailbox(option.mailbox, recorded.mailbox)) &&
    distinct.every((option) => sameMailbox(option.mailbox, recorded.mailbox) || recorded.over.some((other) => sameMailbox(other, option.mailbox)));
  const base = {
    ...entry,
    team: managed?.team ?? entry.team,
    securityContact: managed?.securityContact ?? entry.securityContact,
    privacyContact: managed?.privacyContact ?? entry.privacyContact,
    preSharedKey: managed?.preSharedKey ?? null,
    phone: managed?.phone ?? null,
    choice: null,
    conflict: null,
    userAddedOn: null,
    teamFile: null,
    teamAuthor: null,
  };
  if (distinct.length === 0) return { ...base, mailbox: null, source: null, mailboxOrigin: null, datesOrigin: entry.protocol.inForceSince ? 'bundled' : null };
  if (distinct.length > 1 && !choiceHolds) {
    const noDates: Protocol = { ...entry.protocol, inForceSince: null, endedOn: null, status: 'unknown' };
    return { ...base, mailbox: null, source: null, protocol: noDates, mailboxOrigin: null, datesOrigin: null, conflict: distinct };
  }
  const wanted = distinct.length > 1 && recorded ? recorded.mailbox : (options[0]?.mailbox ?? '');
  const same = options.filter((option) => sameMailbox(option.mailbox, wanted));
  const first = same[0] as MailboxOption;
  const dated = same.find(hasDates) ?? first;
  return {
    ...base,
    mailbox: first.mailbox,
    source: first.source,
    protocol: dated.protocol,
    mailboxOrigin: first.origin,
    datesOrigin: hasDates(dated) ? dated.origin : null,
    phone: same.find((option) => option.phone)?.phone ?? base.phone,
    userAddedOn: first.origin === 'user' || first.origin === 'team' ? first.addedOn : null,
    teamFile: first.file,
    teamAuthor: first.author,
    choice: distinct.length > 1 && recorded ? recorded : null,
  };
}
