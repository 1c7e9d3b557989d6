import { browser } from 'wxt/browser';
import { defineVaultItem } from '../settings/vault';
import { addReferral, withdraw } from './register';
import { registerSchema, type RegisterEntry } from './schema';

/** Vault key of the register: it survives browser restarts, and holds no client data. */
export const registerKey = 'register';

/** In the extension's own IndexedDB, where a content script can neither read nor plant an entry (issue 13.5). */
export const registerItem = defineVaultItem(registerKey, registerSchema, []);

let migrated = false;
/**
 * An earlier version kept the register in storage.local. Unlike settings (re-entered in a minute), the register is
 * the worker's record of referrals, needed to withdraw one, so it is moved once rather than dropped. It holds no
 * client data, and a correction or import takes its mailbox from the directory, not from the register.
 */
async function migrateOnce(): Promise<void> {
  if (migrated) return;
  migrated = true;
  const legacy: unknown = (await browser.storage.local.get(registerKey).catch(() => ({})) as Record<string, unknown>)[registerKey];
  if (legacy === undefined) return;
  const parsed = registerSchema.safeParse(legacy);
  if (parsed.success && (await registerItem.get()).length === 0) await registerItem.set(parsed.data);
  await browser.storage.local.remove(registerKey).catch(() => undefined);
}

export async function loadRegister(): Promise<RegisterEntry[]> {
  await migrateOnce();
  return registerItem.get();
}

export async function saveRegister(register: readonly RegisterEntry[]): Promise<void> {
  await migrateOnce();
  await registerItem.set(registerSchema.parse(register));
}

export async function recordReferral(entry: RegisterEntry): Promise<RegisterEntry[]> {
  const next = addReferral(await loadRegister(), entry);
  await saveRegister(next);
  return next;
}

export async function recordWithdrawal(reference: string, on: string): Promise<RegisterEntry[]> {
  const next = withdraw(await loadRegister(), reference, on);
  await saveRegister(next);
  return next;
}
