import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DirectoryIndex } from '../../lib/directory';
import { teamToStore } from '../../lib/directory/team-names';
import { locales, setLocale, t } from '../../lib/i18n';
import { checkReferrer, loadSettings, saveSettings, settingsItem, type Settings } from '../../lib/settings';
import { TeamField } from '../common/TeamField';
import { useTeamChoice } from '../common/useTeamPolicy';

const languageNames = { nl: 'Nederlands', en: 'English', fr: 'Français' } as const;

/** The referrer's own work details (signature, the zip's "referrer") and the language of the extension. */
export function ReferrerSection({ directory, onLanguage }: { directory: DirectoryIndex; onLanguage: () => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [firstRun, setFirstRun] = useState(false);
  // The organisation's team list or the worker's team, when its policy sets them (issue 21.11).
  const teamChoice = useTeamChoice(directory);
  const ids = { name: useId(), team: useId(), phone: useId(), email: useId(), language: useId() };

  // Typed here and not saved yet: a save elsewhere (the panel's "Aan de slag") does not overwrite it.
  const edited = useRef(false);

  useEffect(() => {
    const show = (loaded: Settings) => {
      setSettings(loaded);
      // "Aan de slag" until the worker has said who they are: the mail is signed with it.
      setFirstRun(loaded.referrer.name.trim() === '');
    };
    void loadSettings().then(show);
    // Saved in the panel while this page is open: shown here, so a later "Bewaar" here does not put back the old
    // (empty) details.
    return settingsItem.watch((loaded) => {
      if (!edited.current) show(loaded);
    });
  }, []);
  if (!settings) return null;

  const referrer = settings.referrer;
  const change = (key: keyof Settings['referrer'], value: string) => {
    edited.current = true;
    setSettings({ ...settings, referrer: { ...referrer, [key]: value } });
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    // The referrer's phone is checked like the client's, and everything is kept as typed when it is not right.
    // The team in the one pattern, or exactly one of the organisation's names.
    const checked = checkReferrer({ ...settings.referrer, team: teamToStore(teamChoice, settings.referrer.team) });
    if (!checked.ok) {
      setErrors(checked.problems);
      return;
    }
    setErrors({});
    const next = { ...settings, referrer: checked.referrer };
    await saveSettings(next);
    edited.current = false;
    setLocale(next.language);
    onLanguage();
    setStatus(t('opt_settingsSaved'));
    if (next.referrer.name !== '') setFirstRun(false);
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
      {firstRun ? (
        <div className="card first-run" aria-labelledby="first-run-title">
          <h2 id="first-run-title">{t('start_title')}</h2>
          <ul>
            <li>{t('start_needed')}</li>
            <li>{t('start_roundcube')}</li>
            <li className="muted">{t('start_optional')}</li>
          </ul>
        </div>
      ) : null}
      <h2 id="referrer-title">{t('opt_referrerTitle')}</h2>
      <p>{t('opt_referrerIntro')}</p>
      <form onSubmit={(event) => void save(event)} noValidate>
        {input('name', t('opt_referrerName'))}
        <TeamField choice={teamChoice} value={referrer.team} error={errors.team} onValue={(value) => change('team', value)} />
        {input('phone', t('opt_referrerPhone'), 'tel')}
        {input('email', t('opt_referrerEmail'), 'email')}
        <div className="field">
          <label htmlFor={ids.language}>{t('opt_language')}</label>
          <select id={ids.language} value={settings.language} onChange={(event) => {
              edited.current = true;
              setSettings({ ...settings, language: event.target.value as Settings['language'] });
            }}>
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
