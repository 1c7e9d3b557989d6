import type { z } from 'zod';
import { isMessageKey, t, type Locale, type MessageKey } from '../i18n';
import { referralInputSchema, type Referral } from './schema';

export type ParseResult = { ok: true; referral: Referral } | { ok: false; errors: Record<string, string> };

// Keys that name exactly what the protocol forbids get that reason rather than the general "not permitted".
const forbiddenKeyMessages: [RegExp, MessageKey][] = [
  [/insz|rijksregister|national|niss|ssin|registry|register/iu, 'err_nationalNumber'],
  [/birth|geboorte|naissance|dob/iu, 'err_birthDate'],
];

function messageFor(issue: z.core.$ZodIssue, locale: Locale, key?: string): string {
  if (key !== undefined) {
    const forbidden = forbiddenKeyMessages.find(([pattern]) => pattern.test(key));
    return t(forbidden ? forbidden[1] : 'err_unknownField', [], locale);
  }
  const substitutions = (issue as { params?: { substitutions?: (string | number)[] } }).params?.substitutions ?? [];
  // Every message this schema sets is a key of the catalogue; anything else (a zod default) gets a safe text.
  return isMessageKey(issue.message) ? t(issue.message, substitutions, locale) : t('err_notText', [], locale);
}

/**
 * Checks a referral's `client` and `consent` against the protocol's rules and cleans them (NFC, trimmed,
 * phone in E.164). Never throws: every problem comes back as a field path ("client.address.postcode")
 * with a message fit to show next to that field, in Dutch unless another locale is asked for.
 */
export function parseReferral(input: unknown, options: { now?: Date; locale?: Locale } = {}): ParseResult {
  const locale = options.locale ?? 'nl';
  const result = referralInputSchema(options.now ?? new Date()).safeParse(input);
  if (result.success) return { ok: true, referral: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const base = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const path = (key === undefined ? base : [...base, key]).join('.') || 'referral';
      // The first problem of a field is the one to show; later ones follow from it.
      errors[path] ??= messageFor(issue, locale, key);
    }
  }
  return { ok: false, errors };
}
