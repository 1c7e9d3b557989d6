import * as z from 'zod/mini';
import { ui_button as buttonEn } from '../../public/_locales/en/messages.json';
import { ui_button as buttonFr } from '../../public/_locales/fr/messages.json';
import { ui_button as buttonNl } from '../../public/_locales/nl/messages.json';
import type { Locale } from '.';

/**
 * The one text the content script shows in the webmail page (its button), in the same language as the panel. Named imports
 * keep the rest of the catalogues out of the content script, which must stay light.
 */
const texts = {
  nl: { button: buttonNl.message },
  en: { button: buttonEn.message },
  fr: { button: buttonFr.message },
} as const satisfies Record<Locale, { button: string }>;

export function contentTexts(locale: Locale = 'nl'): { button: string } {
  return texts[locale];
}

const storedLanguage = z.object({ language: z.enum(['nl', 'en', 'fr']) });

/** The language in the background's answer to page.hello (zod/mini: the content script stays light); Dutch without one. */
export function settingsLanguage(stored: unknown): Locale {
  const parsed = storedLanguage.safeParse(stored);
  return parsed.success ? parsed.data.language : 'nl';
}
