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
});
