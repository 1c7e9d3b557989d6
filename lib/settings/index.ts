import { browser } from 'wxt/browser';
import { z } from 'zod';
import { locales, type Locale } from '../i18n';
import { settingsKey } from './key';

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

export async function loadSettings(): Promise<Settings> {
  const parsed = settingsSchema.safeParse((await browser.storage.local.get(settingsKey))[settingsKey]);
  return parsed.success ? parsed.data : defaultSettings;
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [settingsKey]: settingsSchema.parse(settings) });
}

/** The language to show: the user's choice; Dutch until they choose. */
export async function loadLocale(): Promise<Locale> {
  return (await loadSettings()).language;
}
