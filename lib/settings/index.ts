import { z } from 'zod';
import { locales, t } from '../i18n';
import { checkPhone } from '../referral/phone';
import { settingsKey } from './key';
import { defineVaultItem } from './vault';

export { settingsKey };

/** The longest each of the worker's own details may be. */
const referrerLimits = { name: 120, team: 120, phone: 40 } as const;

export const settingsSchema = z.strictObject({
  referrer: z.strictObject({
    name: z.string().max(referrerLimits.name),
    team: z.string().max(referrerLimits.team),
    phone: z.string().max(referrerLimits.phone),
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
export const settingsItem = defineVaultItem(settingsKey, settingsSchema, defaultSettings);

export async function loadSettings(): Promise<Settings> {
  return settingsItem.get();
}

export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.set(settings);
}

/**
 * The worker's own details as typed, checked where they are typed (the options page and the panel's "Aan de slag"):
 * the phone like a client's, the e-mail address as an address. The message per field that is not right (in the
 * worker's language); the referrer ready to store (trimmed) when all are.
 */
export function checkReferrer(
  referrer: Settings['referrer'],
): { ok: true; referrer: Settings['referrer'] } | { ok: false; problems: Partial<Record<keyof Settings['referrer'], string>> } {
  const problems: Partial<Record<keyof Settings['referrer'], string>> = {};
  const phone = referrer.phone.trim() === '' ? null : checkPhone(referrer.phone);
  if (phone && !phone.ok) problems.phone = t(phone.message, phone.substitutions);
  const trimmed = { name: referrer.name.trim(), team: referrer.team.trim(), phone: referrer.phone.trim(), email: referrer.email.trim() };
  const parsed = settingsSchema.shape.referrer.safeParse(trimmed);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === 'email') problems.email = t('err_email');
      else if (key === 'name' || key === 'team' || key === 'phone') problems[key] ??= t('err_tooLong', [referrerLimits[key]]);
    }
  }
  return parsed.success && Object.keys(problems).length === 0 ? { ok: true, referrer: parsed.data } : { ok: false, problems };
}
