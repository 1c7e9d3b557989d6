import { z } from 'zod';
import { isStrongKey } from './key-strength';
import type { Protocol, RecipientEntry } from './schema';

/**
 * The layers over the bundled directory, highest first (RULES §7): the deployer's managed configuration (enterprise
 * policy, `storage.managed`), the worker's own additions (panel or options page), the team's shared file, the
 * bundled data. Whoever adds a mailbox gives the protocol's in-force date (and, where known, its end date and
 * source); without that date the mailbox is kept but the gate refuses it (RULES §11). Mailbox, dates and phone come
 * together from the layer that supplies the chosen mailbox: a lower layer never adds dates or a phone to a higher
 * layer's entry, and the deployer's word is final (RULES §7).
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
  /** The organisation's team list, each name as "Kind en Gezin – <team>" (lib/directory/team-names.ts, issue 21.11). */
  teams: z.array(z.string().min(1).max(120)).optional(),
  /** This worker's team, one of `teams` when a list is set. */
  referrerTeam: z.string().min(1).max(120).optional(),
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

/**
 * A phone number the worker added for a recipient during the password call (issue 21.5): the number only, never a
 * copy of the mailbox. It fills a recipient that has no number from the layer of its mailbox; it never replaces one.
 */
export const userPhoneSchema = z.strictObject({ phone: phoneSchema, addedOn: isoDate });
export const userPhonesSchema = z.record(recipientIdSchema, userPhoneSchema);

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
export type UserPhones = z.infer<typeof userPhonesSchema>;
export type Layers = { managed?: ManagedConfig; user?: UserAdditions; team?: TeamEntries; choices?: MailboxChoices; phones?: UserPhones };

export type Origin = 'managed' | 'user' | 'team' | 'bundled';
export type MailboxOrigin = Origin | null;

/** One source's mailbox for a recipient, with the protocol facts that came with it. */
export type MailboxOption = {
  mailbox: string;
  origin: Origin;
  protocol: Protocol;
  /** Where `protocol` comes from: the option's own layer, or the policy that dates the bundled mailbox. */
  datesOrigin: Origin;
  source: string | null;
  phone: string | null;
  /** The worker's addition date, or the team file's import date. */
  addedOn: string | null;
  /** The team file's name and author. */
  file: string | null;
  author: string | null;
};

/** Where a recipient's phone number comes from, with what `originLabel` needs to name it. */
export type PhoneSource = { origin: Origin; addedOn: string | null; file: string | null; author: string | null };

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
  /** Where that number comes from (null without a number), for the done step to say. */
  phoneSource: PhoneSource | null;
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
    datesOrigin: origin,
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
    options.push({
      mailbox: managed.mailbox, origin: 'managed', protocol: managedProtocol(none), datesOrigin: 'managed', source: managed.source ?? null, phone: managed.phone ?? null,
      addedOn: null, file: null, author: null,
    });
  }
  const user = layers.user?.[entry.id];
  if (user) options.push(entryOption('user', user));
  const team = layers.team?.[entry.id];
  if (team) options.push(entryOption('team', team));
  if (entry.mailbox) {
    // A policy entry without a mailbox of its own speaks for the bundled mailbox: its dates and phone are final there.
    const speaks = managed !== undefined && !managed.mailbox;
    const protocol = speaks ? managedProtocol(entry.protocol) : entry.protocol;
    options.push({
      mailbox: entry.mailbox, origin: 'bundled', protocol, datesOrigin: speaks && managed.protocol ? 'managed' : 'bundled', source: entry.source,
      phone: speaks ? (managed.phone ?? null) : null, addedOn: null, file: null, author: null,
    });
  }
  return options;
}

const hasDates = (option: MailboxOption) => option.protocol.inForceSince !== null || option.protocol.endedOn !== null || option.protocol.status === 'ended';

export function applyLayers(entry: RecipientEntry, layers: Layers): Recipient {
  return withOwnPhone(mergeLayers(entry, layers), layers.phones?.[entry.id]);
}

/** The worker's own number fills a recipient without one, shown as hers ("door jou toegevoegd op …"). */
function withOwnPhone(recipient: Recipient, own: UserPhones[string] | undefined): Recipient {
  if (recipient.phone || !own) return recipient;
  return { ...recipient, phone: own.phone, phoneSource: { origin: 'user', addedOn: own.addedOn, file: null, author: null } };
}

function mergeLayers(entry: RecipientEntry, layers: Layers): Recipient {
  const managed = layers.managed?.recipients?.[entry.id];
  const options = mailboxOptions(entry, layers);
  const distinct = options.filter((option, index) => options.findIndex((other) => sameMailbox(other.mailbox, option.mailbox)) === index);
  const recorded = layers.choices?.[entry.id];
  const choiceHolds =
    recorded !== undefined &&
    distinct.some((option) => sameMailbox(option.mailbox, recorded.mailbox)) &&
    distinct.every((option) => sameMailbox(option.mailbox, recorded.mailbox) || recorded.over.some((other) => sameMailbox(other, option.mailbox)));
  const managedPhone: PhoneSource | null = managed?.phone ? { origin: 'managed', addedOn: null, file: null, author: null } : null;
  const base = {
    ...entry,
    team: managed?.team ?? entry.team,
    securityContact: managed?.securityContact ?? entry.securityContact,
    privacyContact: managed?.privacyContact ?? entry.privacyContact,
    preSharedKey: managed?.preSharedKey ?? null,
    phone: managed?.phone ?? null,
    phoneSource: managedPhone,
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
  // The highest layer naming this mailbox supplies its dates, without help from lower ones; the policy's dates for
  // the bundled mailbox stay final whoever else names it.
  const dated = same.find((option) => option.datesOrigin === 'managed') ?? first;
  // The deployer's phone is final for its own mailbox and, from an entry without a mailbox, for the recipient;
  // otherwise the number comes with the mailbox, from the same layer.
  const phoneBy: MailboxOption | null = managed?.phone && (!managed.mailbox || sameMailbox(managed.mailbox, first.mailbox)) ? null : first;
  const phone = phoneBy ? phoneBy.phone : base.phone;
  const phoneSource: PhoneSource | null = !phone ? null : phoneBy ? { origin: phoneBy.origin, addedOn: phoneBy.addedOn, file: phoneBy.file, author: phoneBy.author } : managedPhone;
  return {
    ...base,
    mailbox: first.mailbox,
    source: first.source,
    protocol: dated.protocol,
    mailboxOrigin: first.origin,
    datesOrigin: hasDates(dated) ? dated.datesOrigin : null,
    phone,
    phoneSource,
    userAddedOn: first.origin === 'user' || first.origin === 'team' ? first.addedOn : null,
    teamFile: first.file,
    teamAuthor: first.author,
    choice: distinct.length > 1 && recorded ? recorded : null,
  };
}
