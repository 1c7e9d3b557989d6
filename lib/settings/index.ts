import { browser } from 'wxt/browser';
import { z } from 'zod';
import { locales, type Locale } from '../i18n';
import { settingsKey } from './key';
import { defineVaultItem } from './vault';

export { settingsKey };

export const settingsSchema = z.strictObject({
  referrer: z.strictObject({
    name: z.string().max(120),
    team: z.string().max(120),
    phone: z.string().max(40),
    email: z.union([z.literal(''), z.email()]),
  }),
  language: z.enum(locales),
});

export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = { referrer: { name: '', team: '', phone: '', email: '' }, language: 'nl' };

/**
 * The settings live in the extension's own IndexedDB, out of reach of content scripts (issue 13.5); a copy left
 * in storage.local by an earlier version is removed, not moved (a content script could have planted it). The content script learns the language from the
 * background, never from storage.
 */
export const settingsItem = defineVaultItem(settingsKey, settingsSchema, defaultSettings, {
  remove: () => browser.storage.local.remove(settingsKey),
});

export async function loadSettings(): Promise<Settings> {
  return settingsItem.get();
}

export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.set(settings);
}

/** The language to show: the user's choice; Dutch until they choose. */
export async function loadLocale(): Promise<Locale> {
  return (await loadSettings()).language;
}
