import { describe, expect, it } from 'vitest';
import en from '../public/_locales/en/messages.json';
import fr from '../public/_locales/fr/messages.json';
import nl from '../public/_locales/nl/messages.json';
import { locales, t } from '../lib/i18n';

const catalogues: Record<string, Record<string, { message: string }>> = { nl, en, fr };

describe('locale files', () => {
  it('give every Dutch message an English and a French one, with the same substitutions', () => {
    for (const locale of locales) {
      const catalogue = catalogues[locale]!;
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(nl).sort());
      for (const [key, { message }] of Object.entries(catalogue)) {
        expect(message.trim(), `${locale}.${key}`).not.toBe('');
        const placeholders = (text: string) => [...new Set(text.match(/\$\d/gu) ?? [])].sort();
        expect(placeholders(message), `${locale}.${key}`).toEqual(placeholders(nl[key as keyof typeof nl].message));
      }
    }
  });

  it('use only keys the browser accepts', () => {
    for (const key of Object.keys(nl)) expect(key).toMatch(/^[A-Za-z0-9_]+$/u);
  });

  it('substitute $1 and default to Dutch', () => {
    expect(t('err_tooLong', [80])).toBe('Te lang: maximaal 80 tekens.');
    expect(t('err_tooLong', [80], 'fr')).toBe('Trop long : 80 caractères au maximum.');
  });

  it('speak to the worker as "je" in Dutch: never "u" or "uw" as the form of address', () => {
    // Lower case anywhere, or "U"/"Uw" opening a sentence before a word ("U kan…"); a list of letters ("0, O, 1, I, L of U") is not address.
    const formal = /(?<![\p{L}\p{N}'’-])(u|uw|uzelf)(?![\p{L}\p{N}'’-])|(?:^|[.!?:]\s+)(?:U|Uw)\s+\p{Ll}/u;
    const offenders = Object.entries(nl).filter(([, { message }]) => formal.test(message)).map(([key, { message }]) => `${key}: ${message}`);
    expect(offenders).toEqual([]);
    // The test can fail: the text the issue found.
    expect(formal.test('Door u toegevoegd op 01-12-2026')).toBe(true);
    expect(formal.test('Wilt u dit nakijken? Uw gegevens')).toBe(true);
    expect(formal.test('U kan het wachtwoord kopiëren.')).toBe(true);
  });

  it('carry no English words that leaked into Dutch screens before', () => {
    const leaked = /\b(to field|message body|file input|attachment|compose|draft|click|button|settings|error|failed|not found|upload(ing)?)\b/iu;
    const offenders = Object.entries(nl).filter(([, { message }]) => leaked.test(message)).map(([key, { message }]) => `${key}: ${message}`);
    expect(offenders).toEqual([]);
  });

  it('count with singular and plural forms: no "$1 ontvangers" that would read "1 ontvangers"', () => {
    const plurals = /\$1 (aanmeldingen|ontvangers|mailadressen|fouten|referenties|intrekkingen|verbeteringen)\b/u;
    // ui_resultsCount is shown only for two results or more (ui_resultsOne says "1 resultaat").
    const offenders = Object.entries(nl)
      .filter(([key, { message }]) => plurals.test(message) && !key.endsWith('_other') && key !== 'ui_resultsCount')
      .map(([key, { message }]) => `${key}: ${message}`);
    expect(offenders).toEqual([]);
  });
});
