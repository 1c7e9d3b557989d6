import { useState, type FormEvent } from 'react';
import type { DirectoryIndex } from '../../lib/directory';
import { teamToStore } from '../../lib/directory/team-names';
import { t } from '../../lib/i18n';
import { checkReferrer, loadSettings, saveSettings, type Settings } from '../../lib/settings';
import { TeamField } from '../common/TeamField';
import { useTeamChoice } from '../common/useTeamPolicy';
import { Field } from './Field';

type Referrer = Settings['referrer'];
type Props = {
  referrer: Referrer;
  directory: DirectoryIndex;
};

/**
 * "Aan de slag" in the panel (issue 14.1): while the worker's name or phone is missing, the mail would be signed
 * "Kind en Gezin" only, so the panel says so and takes them right here (name, team, phone, work e-mail), checked as
 * in the options page. Saved, the settings reach every open page (the vault announces it); this then says "Bewaard"
 * (issue 21.11) and otherwise shows nothing while name and phone are there.
 */
export function ReferrerStart({ referrer, directory }: Props) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState<Referrer>(referrer);
  const [problems, setProblems] = useState<Partial<Record<keyof Referrer, string>>>({});
  const [failed, setFailed] = useState(false);
  const [saved, setSaved] = useState(false);
  // The organisation's team list or the worker's team, when its policy sets them (issue 21.11).
  const teamChoice = useTeamChoice(directory);

  if (saved) {
    return (
      <p className="notice" role="status">
        {t('team_startSaved')}
      </p>
    );
  }
  if (referrer.name.trim() !== '' && referrer.phone.trim() !== '') return null;

  if (!open) {
    return (
      <p className="decision warn">
        {t('panel_referrerMissing')}{' '}
        <button
          type="button"
          className="link"
          onClick={() => {
            // The details as stored now (the settings may have arrived after this mounted).
            setTyped(referrer);
            setOpen(true);
          }}
        >
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
    const checked = checkReferrer({ ...typed, team: teamToStore(teamChoice, typed.team) });
    const found = { ...missing, ...(checked.ok ? {} : checked.problems) };
    setProblems(found);
    if (!checked.ok || Object.keys(found).length > 0) return;
    try {
      // The language as stored now, not as this panel loaded it.
      const current = await loadSettings();
      await saveSettings({ ...current, referrer: checked.referrer });
      setSaved(true);
    } catch {
      setFailed(true);
    }
  }

  const field = (key: 'name' | 'phone' | 'email', label: string, extra: { type?: string; hint?: string } = {}) => (
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
        <TeamField choice={teamChoice} value={typed.team} error={problems.team} onValue={(value) => setTyped({ ...typed, team: value })} />
        {field('phone', t('opt_referrerPhone'), { type: 'tel' })}
        {field('email', t('opt_referrerEmail'), { type: 'email', hint: t('team_emailHint') })}
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
