import { useId, useState, type FormEvent } from 'react';
import { knownTeams, type DirectoryIndex } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { checkReferrer, loadSettings, saveSettings, type Settings } from '../../lib/settings';
import { Field } from './Field';

type Referrer = Settings['referrer'];
type Props = {
  referrer: Referrer;
  directory: DirectoryIndex;
};

/**
 * "Aan de slag" in the panel (issue 14.1): while the worker's name or phone is missing, the mail would be signed
 * "Kind en Gezin" only, so the panel says so and takes them right here (name, team, phone), checked as in the
 * options page. Saved, the settings reach every open page (the vault announces it) and this goes away.
 */
export function ReferrerStart({ referrer, directory }: Props) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState<Referrer>(referrer);
  const [problems, setProblems] = useState<Partial<Record<keyof Referrer, string>>>({});
  const [failed, setFailed] = useState(false);
  const [teams] = useState(() => knownTeams(directory));
  const teamsId = useId();

  if (!open) {
    return (
      <p className="decision warn">
        {t('panel_referrerMissing')}{' '}
        <button type="button" className="link" onClick={() => setOpen(true)}>
          {t('panel_referrerFill')}
        </button>
      </p>
    );
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    // Name and phone are what the OCMW needs; without them this is not done yet.
    const missing: Partial<Record<keyof Referrer, string>> = {};
    if (typed.name.trim() === '') missing.name = t('panel_referrerNameNeeded');
    if (typed.phone.trim() === '') missing.phone = t('panel_referrerPhoneNeeded');
    const checked = checkReferrer(typed);
    const found = { ...missing, ...(checked.ok ? {} : checked.problems) };
    setProblems(found);
    if (!checked.ok || Object.keys(found).length > 0) return;
    try {
      // The rest of the settings (e-mail address, language) as stored now, not as this panel loaded them.
      const current = await loadSettings();
      await saveSettings({ ...current, referrer: { ...checked.referrer, email: current.referrer.email } });
    } catch {
      setFailed(true);
    }
  }

  const field = (key: 'name' | 'team' | 'phone', label: string, extra: { type?: string; list?: string } = {}) => (
    <Field
      label={label}
      value={typed[key]}
      error={problems[key]}
      onValue={(value) => setTyped({ ...typed, [key]: value })}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <section className="card first-run" aria-labelledby="referrer-start-title">
      <h2 id="referrer-start-title">{t('start_title')}</h2>
      <p className="muted">{t('panel_referrerWhy')}</p>
      <form onSubmit={(event) => void save(event)} noValidate>
        {field('name', t('opt_referrerName'))}
        {field('team', t('opt_referrerTeam'), { list: teamsId })}
        <datalist id={teamsId}>
          {teams.map((team) => (
            <option key={team} value={team} />
          ))}
        </datalist>
        {field('phone', t('opt_referrerPhone'), { type: 'tel' })}
        {failed ? (
          <p className="field-error" role="alert">
            {t('opt_saveFailed')}
          </p>
        ) : null}
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            {t('panel_referrerLater')}
          </button>
          <button type="submit">{t('panel_referrerSave')}</button>
        </div>
      </form>
    </section>
  );
}
