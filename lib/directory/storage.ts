import { browser } from 'wxt/browser';
import { belgianToday } from '../time';
import { managedConfigSchema, userAdditionSchema, userAdditionsSchema, type Layers, type ManagedConfig, type UserAdditions } from './layers';

/** storage.local key of the user's own mailboxes. They name organisations, never clients. */
export const userAdditionsKey = 'directoryAdditions';

export type LoadedLayers = Layers & {
  /** The managed configuration was present but did not match the schema: it is ignored, and the options page says so. */
  managedInvalid: boolean;
};

async function readManaged(): Promise<{ config: ManagedConfig; invalid: boolean }> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get();
  } catch {
    // Firefox rejects when no policy sets anything for this extension: that is simply "no managed layer".
    return { config: {}, invalid: false };
  }
  const parsed = managedConfigSchema.safeParse(raw ?? {});
  return parsed.success ? { config: parsed.data, invalid: false } : { config: {}, invalid: true };
}

async function readUserAdditions(): Promise<UserAdditions> {
  const stored = await browser.storage.local.get(userAdditionsKey);
  const parsed = userAdditionsSchema.safeParse(stored[userAdditionsKey] ?? {});
  return parsed.success ? parsed.data : {};
}

/** Reads both layers, each checked with zod; what fails the check is left out rather than trusted. */
export async function loadLayers(): Promise<LoadedLayers> {
  const [managed, user] = await Promise.all([readManaged(), readUserAdditions()]);
  return { managed: managed.config, user, managedInvalid: managed.invalid };
}

/** Adds or corrects the user's mailbox for a recipient. Throws on an invalid address (the form checks first). */
export async function saveUserAddition(recipientId: string, mailbox: string, today: string = belgianToday()): Promise<UserAdditions> {
  const addition = userAdditionSchema.parse({ mailbox: mailbox.trim(), addedOn: today });
  const additions = { ...(await readUserAdditions()), [recipientId]: addition };
  await browser.storage.local.set({ [userAdditionsKey]: userAdditionsSchema.parse(additions) });
  return additions;
}

export async function removeUserAddition(recipientId: string): Promise<UserAdditions> {
  const additions = Object.fromEntries(Object.entries(await readUserAdditions()).filter(([id]) => id !== recipientId));
  await browser.storage.local.set({ [userAdditionsKey]: additions });
  return additions;
}
