import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import nl from '../../public/_locales/nl/messages.json';

/**
 * The locale files under public/_locales are the single source of every text a user reads: the browser's
 * i18n system reads them for the manifest, and this module reads the same files so lib/ can render text
 * in a language the user chose (Dutch unless told otherwise) and in tests without a browser.
 */
export const locales = ['nl', 'en', 'fr'] as const;
export type Locale = (typeof locales)[number];
export type MessageKey = keyof typeof nl;

type Catalogue = Record<MessageKey, { message: string }>;
// `satisfies` makes a key missing from en or fr a type error, not a blank label at run time.
const catalogues = { nl, en: en satisfies Catalogue, fr: fr satisfies Catalogue } as const;

let current: Locale = 'nl';

/** Sets the language of this page (the options page's choice, read at start-up); Dutch until then. */
export function setLocale(locale: Locale): void {
  current = locale;
}

export function currentLocale(): Locale {
  return current;
}

/** Renders a message, replacing `$1`…`$9` with `substitutions` (the extension i18n convention). */
export function t(key: MessageKey, substitutions: readonly (string | number)[] = [], locale: Locale = current): string {
  const template = catalogues[locale][key].message;
  return template.replace(/\$(\d)/g, (_match, digit: string) => String(substitutions[Number(digit) - 1] ?? ''));
}

/** True when `value` names a message of the catalogue. */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(nl, value);
}
