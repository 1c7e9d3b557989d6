import { z } from 'zod';
import type { Protocol, RecipientEntry } from './schema';

/**
 * The layers over the bundled directory, highest first: the deployer's managed configuration (enterprise
 * policy, `storage.managed`, schema in public/managed_schema.json), then the user's own additions (options page).
 */
const isoDate = z.iso.date();

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
  /** A key agreed with this recipient out of band, used instead of a generated password. */
  preSharedKey: z.string().min(16).max(128).regex(/^[\x20-\x7E]+$/u).optional(),
  team: z.string().min(1).max(120).optional(),
  securityContact: z.email().optional(),
  privacyContact: z.email().optional(),
  /** Where IT got the mailbox, shown to the user. */
  source: z.string().min(1).max(200).optional(),
});

export const managedConfigSchema = z.object({
  recipients: z.record(z.string().regex(/^(\d{5}|caw-brussel)$/u), managedRecipientSchema).optional(),
});

export const userAdditionSchema = z.strictObject({
  mailbox: z.email(),
  addedOn: isoDate,
});

export const userAdditionsSchema = z.record(z.string().regex(/^(\d{5}|caw-brussel)$/u), userAdditionSchema);

export type ManagedConfig = z.infer<typeof managedConfigSchema>;
export type UserAdditions = z.infer<typeof userAdditionsSchema>;
export type Layers = { managed?: ManagedConfig; user?: UserAdditions };

export type MailboxOrigin = 'managed' | 'user' | 'bundled' | null;

/** A recipient as the user sees it: the bundled entry with the layers applied, and where its mailbox comes from. */
export type Recipient = RecipientEntry & {
  mailboxOrigin: MailboxOrigin;
  /** Date the user added the mailbox, when it is theirs. */
  userAddedOn: string | null;
  preSharedKey: string | null;
};

export function applyLayers(entry: RecipientEntry, layers: Layers): Recipient {
  const managed = layers.managed?.recipients?.[entry.id];
  const user = layers.user?.[entry.id];
  const protocol: Protocol = {
    status: managed?.protocol?.status ?? entry.protocol.status,
    signedOn: managed?.protocol?.signedOn ?? entry.protocol.signedOn,
    inForceSince: managed?.protocol?.inForceSince ?? entry.protocol.inForceSince,
    endedOn: managed?.protocol?.endedOn ?? entry.protocol.endedOn,
  };
  const base = {
    ...entry,
    protocol,
    team: managed?.team ?? entry.team,
    securityContact: managed?.securityContact ?? entry.securityContact,
    privacyContact: managed?.privacyContact ?? entry.privacyContact,
    preSharedKey: managed?.preSharedKey ?? null,
    userAddedOn: null,
  };
  if (managed?.mailbox) return { ...base, mailbox: managed.mailbox, mailboxOrigin: 'managed', source: managed.source ?? null };
  if (user) return { ...base, mailbox: user.mailbox, mailboxOrigin: 'user', source: null, userAddedOn: user.addedOn };
  return { ...base, mailboxOrigin: entry.mailbox ? 'bundled' : null };
}
