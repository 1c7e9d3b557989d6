import { useId, useState } from 'react';
import { bundledDirectory } from '../../lib/directory';
import { currentLocale, locales, t, type Locale } from '../../lib/i18n';

const languageNames = { nl: 'Nederlands', en: 'English', fr: 'Français' } as const;

/** The information text the referrer reads out or hands to the client before consent (RULES §2.2), in three languages. */
export function InfoPage() {
  const [locale, setLocale] = useState<Locale>(currentLocale());
  const selectId = useId();
  const text = (key: Parameters<typeof t>[0], substitutions: string[] = []) => t(key, substitutions, locale);
  return (
    <main className="info" lang={locale}>
      <div className="no-print">
        <label htmlFor={selectId}>{t('info_language')}</label>{' '}
        <select id={selectId} value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
          {locales.map((value) => (
            <option key={value} value={value}>
              {languageNames[value]}
            </option>
          ))}
        </select>{' '}
        <button type="button" onClick={() => window.print()}>
          {t('info_print')}
        </button>
      </div>
      <h1>{text('info_title')}</h1>
      <p>{text('info_what')}</p>
      <p>{text('info_whom')}</p>
      <p>{text('info_why')}</p>
      <p>{text('info_how')}</p>
      <p>{text('info_rights')}</p>
      <p>{text('info_questions', [bundledDirectory.senderDpo])}</p>
    </main>
  );
}
