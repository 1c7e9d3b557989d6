import { platform } from '../platform';
import bundled from './directory.json';
import { currentLocale } from '../i18n';
import { defineVaultItem, onVaultChange } from '../settings/vault';
import { belgianToday } from '../time';
import {
  layerEntrySchema, mailboxChoicesSchema, teamEntriesSchema, userAdditionSchema, userAdditionsSchema, userPhonesSchema,
  type Layers, type MailboxChoices, type TeamEntries, type UserAdditions, type UserPhones,
} from './layers';
import { parsePolicyChecked, type PolicyProblem } from './policy';

/** Vault key of the user's own mailboxes. They name organisations, never clients. */
export const userAdditionsKey = 'directoryAdditions';
export const teamEntriesKey = 'directoryTeam';
export const mailboxChoicesKey = 'directoryChoices';
export const userPhonesKey = 'directoryPhones';

/**
 * The worker's layers live in the extension's own IndexedDB (lib/settings/vault.ts), where no content script can
 * read or plant them (issue 13.5). A list left in storage.local by an earlier version is removed, never moved.
 */
export const userAdditionsItem = defineVaultItem(userAdditionsKey, userAdditionsSchema, {});
export const teamEntriesItem = defineVaultItem(teamEntriesKey, teamEntriesSchema, {});
export const mailboxChoicesItem = defineVaultItem(mailboxChoicesKey, mailboxChoicesSchema, {});
export const userPhonesItem = defineVaultItem(userPhonesKey, userPhonesSchema, {});

export const knownRecipientIds: ReadonlySet<string> = new Set((bundled as { recipients: { id: string }[] }).recipients.map((entry) => entry.id));

export type LoadedLayers = Layers & {
  /** What in the policy was ignored, and why (each bad entry alone; the others apply). */
  managedProblems: PolicyProblem[];
  /** The policy was present but nothing of it could be used. */
  managedInvalid: boolean;
};

async function readManaged(): Promise<{ raw: unknown }> {
  return { raw: await platform().organisationSettings() };
}

/** Reads every layer, each checked with zod; what fails the check is left out rather than trusted, and named. */
export async function loadLayers(): Promise<LoadedLayers> {
  const [{ raw }, user, team, choices, phones] = await Promise.all([
    readManaged(), userAdditionsItem.get(), teamEntriesItem.get(), mailboxChoicesItem.get(), userPhonesItem.get(),
  ]);
  const policy = await parsePolicyChecked(raw, knownRecipientIds, currentLocale());
  const good = Object.keys(policy.config.recipients ?? {}).length;
  return { managed: policy.config, user, team, choices, phones, managedProblems: policy.problems, managedInvalid: policy.problems.length > 0 && good === 0 };
}

/**
 * Calls `listener` whenever a layer changes: the policy (Chrome applies a changed policy file within seconds), the
 * worker's additions, team entries or choices (from any page of the extension). Returns the unsubscribe function.
 */
export function watchLayers(listener: () => void): () => void {
  const stopOrganisation = platform().onOrganisationSettingsChange(listener);
  const keys = new Set([userAdditionsKey, teamEntriesKey, mailboxChoicesKey, userPhonesKey]);
  const stopVault = onVaultChange((key) => {
    if (keys.has(key)) listener();
  });
  return () => {
    stopOrganisation();
    stopVault();
  };
}

export type AdditionInput = { mailbox: string; inForceSince?: string | null; endedOn?: string | null; phone?: string | null; source?: string | null };

/** Adds or corrects the user's mailbox for a recipient. Throws on an invalid entry (the forms check first). */
export async function saveUserAddition(recipientId: string, input: string | AdditionInput, today: string = belgianToday()): Promise<UserAdditions> {
  const given = typeof input === 'string' ? { mailbox: input } : input;
  const entry = layerEntrySchema.parse({
    mailbox: given.mailbox.trim(),
    inForceSince: given.inForceSince || null,
    endedOn: given.endedOn || null,
    phone: given.phone?.trim() || null,
    source: given.source?.trim() || null,
  });
  const addition = userAdditionSchema.parse({ ...entry, addedOn: today });
  const additions = userAdditionsSchema.parse({ ...(await userAdditionsItem.get()), [recipientId]: addition });
  await userAdditionsItem.set(additions);
  return additions;
}

export async function removeUserAddition(recipientId: string): Promise<UserAdditions> {
  const additions = Object.fromEntries(Object.entries(await userAdditionsItem.get()).filter(([id]) => id !== recipientId));
  await userAdditionsItem.set(additions);
  return additions;
}

export async function saveTeamEntries(entries: TeamEntries): Promise<void> {
  await teamEntriesItem.set({ ...(await teamEntriesItem.get()), ...entries });
}

export async function removeTeamEntry(recipientId: string): Promise<void> {
  await teamEntriesItem.set(Object.fromEntries(Object.entries(await teamEntriesItem.get()).filter(([id]) => id !== recipientId)));
}

/** Stores the social service's phone number for a recipient, as a number only (issue 21.5). Throws on a bad number. */
export async function saveUserPhone(recipientId: string, phone: string, today: string = belgianToday()): Promise<UserPhones> {
  const phones = userPhonesSchema.parse({ ...(await userPhonesItem.get()), [recipientId]: { phone: phone.trim(), addedOn: today } });
  await userPhonesItem.set(phones);
  return phones;
}

/** Records which mailbox is right for a recipient whose sources disagree, over which others, today. */
export async function recordMailboxChoice(recipientId: string, mailbox: string, over: string[], today: string = belgianToday()): Promise<MailboxChoices> {
  const choices = mailboxChoicesSchema.parse({ ...(await mailboxChoicesItem.get()), [recipientId]: { mailbox, over, chosenOn: today } });
  await mailboxChoicesItem.set(choices);
  return choices;
}
