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

/** The language in the background's answer to page.hello (checked by hand: no zod in the webmail page); Dutch without one. */
export function settingsLanguage(answer: unknown): Locale {
  const language = typeof answer === 'object' && answer !== null ? (answer as { language?: unknown }).language : undefined;
  return language === 'nl' || language === 'en' || language === 'fr' ? language : 'nl';
}
