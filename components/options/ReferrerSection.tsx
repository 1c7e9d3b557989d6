import { useEffect, useId, useState, type FormEvent } from 'react';
import { locales, setLocale, t } from '../../lib/i18n';
import { loadSettings, saveSettings, settingsSchema, type Settings } from '../../lib/settings';

const languageNames = { nl: 'Nederlands', en: 'English', fr: 'Français' } as const;

/** The referrer's own work details (signature, the zip's "referrer") and the language of the extension. */
export function ReferrerSection({ onLanguage }: { onLanguage: () => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const ids = { name: useId(), team: useId(), phone: useId(), email: useId(), language: useId() };

  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);
  if (!settings) return null;

  const referrer = settings.referrer;
  const change = (key: keyof Settings['referrer'], value: string) => setSettings({ ...settings, referrer: { ...referrer, [key]: value } });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    const parsed = settingsSchema.safeParse({ ...settings, referrer: { ...settings.referrer, email: settings.referrer.email.trim() } });
    if (!parsed.success) {
      setErrors({ email: t('err_email') });
      return;
    }
    setErrors({});
    await saveSettings(parsed.data);
    setLocale(parsed.data.language);
    onLanguage();
    setStatus(t('opt_settingsSaved'));
  }

  const input = (key: keyof Settings['referrer'], label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={ids[key]}>{label}</label>
      <input
        id={ids[key]}
        type={type}
        autoComplete="off"
        value={referrer[key]}
        onChange={(event) => change(key, event.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${ids[key]}-error` : undefined}
      />
      {errors[key] ? <p id={`${ids[key]}-error`} className="field-error">{errors[key]}</p> : null}
    </div>
  );

  return (
    <section aria-labelledby="referrer-title">
      <h2 id="referrer-title">{t('opt_referrerTitle')}</h2>
      <p>{t('opt_referrerIntro')}</p>
      <form onSubmit={(event) => void save(event)} noValidate>
        {input('name', t('opt_referrerName'))}
        {input('team', t('opt_referrerTeam'))}
        {input('phone', t('opt_referrerPhone'), 'tel')}
        {input('email', t('opt_referrerEmail'), 'email')}
        <div className="field">
          <label htmlFor={ids.language}>{t('opt_language')}</label>
          <select id={ids.language} value={settings.language} onChange={(event) => setSettings({ ...settings, language: event.target.value as Settings['language'] })}>
            {locales.map((locale) => (
              <option key={locale} value={locale}>
                {languageNames[locale]}
              </option>
            ))}
          </select>
          <p className="muted">{t('opt_languageNote')}</p>
        </div>
        <p>
          <button type="submit">{t('opt_save')}</button>
        </p>
      </form>
      <p role="status">{status}</p>
    </section>
  );
}
