import { browser } from 'wxt/browser';
import { z } from 'zod';
import { roundcubeMatchPattern } from '../webmail/hosts';
import { defineVaultItem } from './vault';

/** Vault key of the Roundcube addresses the user added (origins only, e.g. "https://webmail.example.be"). */
export const roundcubeOriginsKey = 'roundcubeOrigins';
const originsSchema = z.array(z.string().regex(/^https?:\/\/[^/]+$/u)).max(20);

/** In the extension's IndexedDB like the other settings (issue 13.5): a content script can neither read nor change them. */
const originsItem = defineVaultItem(roundcubeOriginsKey, originsSchema, []);

let migrated = false;
/**
 * An earlier version kept the addresses in storage.local, which a content script can write. They are moved once, but
 * only those whose host permission the worker granted: a content script cannot grant a permission, so the grant is
 * what makes an address trustworthy (and an address without it does nothing anyway).
 */
async function migrateOnce(): Promise<void> {
  if (migrated) return;
  migrated = true;
  const stored: unknown = ((await browser.storage.local.get(roundcubeOriginsKey).catch(() => ({}))) as Record<string, unknown>)[roundcubeOriginsKey];
  if (stored === undefined) return;
  const legacy = originsSchema.safeParse(stored);
  if (legacy.success && (await originsItem.get()).length === 0) {
    const granted: string[] = [];
    for (const origin of legacy.data) {
      if (await browser.permissions.contains({ origins: [roundcubeMatchPattern(origin)] }).catch(() => false)) granted.push(origin);
    }
    if (granted.length > 0) await originsItem.set(granted);
  }
  await browser.storage.local.remove(roundcubeOriginsKey).catch(() => undefined);
}

export async function storedRoundcubeOrigins(): Promise<string[]> {
  await migrateOnce();
  return originsItem.get();
}

export async function storeRoundcubeOrigins(origins: string[]): Promise<void> {
  await migrateOnce();
  await originsItem.set(originsSchema.parse([...new Set(origins)]));
}
