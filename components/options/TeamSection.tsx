import { useEffect, useId, useState } from 'react';
import { bundledDirectory, displayDate, optionLabel, originLabel, type TeamEntries, type UserAdditions } from '../../lib/directory';
import { groupOptions } from '../../lib/directory/decision';
import { recordMailboxChoice, removeTeamEntry, saveTeamEntries, type LoadedLayers } from '../../lib/directory/storage';
import { changeLine, exportTeamFile, parseTeamFile, planImport, teamEntriesOf, type ImportItem } from '../../lib/directory/team';
import { t } from '../../lib/i18n';
import { plural } from '../../lib/i18n/plural';
import { loadSettings } from '../../lib/settings';
import { belgianToday } from '../../lib/time';
import { downloadFile } from './download';

type Props = { additions: UserAdditions; team: TeamEntries; layers: LoadedLayers | null };
type Pending = { fileName: string; author: string | null; items: ImportItem[] };
/** Per entry: apply it ("team"), or, for a conflict, keep one mailbox that is there ("keep:<mailbox>"); nothing chosen yet: "". */
type Answer = 'team' | `keep:${string}` | '';

const itemDates = (item: ImportItem) =>
  item.entry.inForceSince ? t('additions_inForce', [displayDate(item.entry.inForceSince)]) : t('additions_noDate');

/** Every fact the entry would change (phone, dates, source, origin), and what of it does not count. */
function Changes({ item }: { item: ImportItem }) {
  if (item.kind === 'unknown') return null;
  if (item.changes.length === 0) return <p className="muted">{t('team_noChange')}</p>;
  return (
    <ul className="team-changes">
      {item.changes.map((change) => (
        <li key={change.field} className={change.applies ? undefined : 'muted'}>
          {changeLine(change)}
        </li>
      ))}
    </ul>
  );
}

/**
 * Team sharing (issue 12.3): the worker's own mailboxes as a file for colleagues, and a colleague's file read back
 * entry by entry, each shown with every fact it would change and applied only on confirmation; a new phone number
 * for the password call is confirmed on its own (issue 20.4). An entry never silently replaces a bundled or policy
 * mailbox: a conflicting one is shown side by side and needs a choice.
 */
export function TeamSection({ additions, team, layers }: Props) {
  const [withName, setWithName] = useState(false);
  const [name, setName] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [phoneChecked, setPhoneChecked] = useState<Record<string, boolean>>({});
  const [previewError, setPreviewError] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const ids = { author: useId(), file: useId() };

  useEffect(() => {
    void loadSettings().then((settings) => setName(settings.referrer.name));
  }, []);

  function exportFile() {
    const text = exportTeamFile(additions, { author: withName && name.trim() ? name : null, directoryVersion: bundledDirectory.version });
    downloadFile(`mailadressen-${belgianToday()}.json`, text, 'application/json');
    setStatus(plural('team_exported', Object.keys(additions).length));
  }

  async function readFile(file: File | undefined) {
    if (!file) return;
    const parsed = parseTeamFile(await file.text());
    if (!parsed) {
      setPending(null);
      setError(t('team_badFile'));
      return;
    }
    setError('');
    const items = planImport(parsed, bundledDirectory, layers ?? {}, { fileName: file.name });
    setPending({ fileName: file.name, author: parsed.author, items });
    setPhoneChecked({});
    setPreviewError('');
    setAnswers(Object.fromEntries(items.map((item) => [item.recipientId, item.kind === 'conflict' || item.kind === 'unknown' ? '' : 'team'])));
  }

  async function apply() {
    if (!pending) return;
    const chosen = pending.items.filter((item) => item.kind !== 'unknown' && answers[item.recipientId] === 'team');
    const unconfirmed = chosen.find((item) => item.newPhone !== null && !phoneChecked[item.recipientId]);
    if (unconfirmed) {
      setPreviewError(t('team_confirmPhoneFirst', [unconfirmed.name]));
      return;
    }
    setPreviewError('');
    await saveTeamEntries(teamEntriesOf(chosen, { name: pending.fileName, author: pending.author }));
    for (const item of chosen.filter((entry) => entry.kind === 'conflict')) {
      await recordMailboxChoice(item.recipientId, item.entry.mailbox, item.current.map((option) => option.mailbox));
    }
    setStatus(plural('team_applied', chosen.length, [pending.items.length - chosen.length]));
    setPending(null);
  }

  const teamList = Object.entries(team);
  return (
    <section aria-labelledby="team-title">
      <h2 id="team-title">{t('team_title')}</h2>
      <p>{t('team_intro')}</p>
      <div className="field check">
        <input id={ids.author} type="checkbox" checked={withName} onChange={(event) => setWithName(event.target.checked)} disabled={!name.trim()} />
        <label htmlFor={ids.author}>{name.trim() ? t('team_withName', [name.trim()]) : t('team_noName')}</label>
      </div>
      <p>
        <button type="button" onClick={exportFile} disabled={Object.keys(additions).length === 0}>
          {t('team_export')}
        </button>
      </p>
      <div className="field">
        <label htmlFor={ids.file}>{t('team_import')}</label>
        <input id={ids.file} type="file" accept="application/json,.json" onChange={(event) => void readFile(event.target.files?.[0])} />
        {error ? <p className="field-error" role="alert">{error}</p> : null}
      </div>
      {pending ? (
        <div role="group" aria-label={t('team_preview', [pending.fileName])}>
          <h3>{t('team_preview', [pending.fileName])}</h3>
          {pending.author ? <p className="muted">{t('team_author', [pending.author])}</p> : null}
          <ul className="team-preview">
            {pending.items.map((item) => (
              <li key={item.recipientId} className="card">
                <strong>{item.name}</strong>:{' '}
                {item.kind === 'unknown' ? <span>{t('team_unknown', [item.recipientId])}</span> : null}
                {item.kind === 'new' ? (
                  <label>
                    <input type="checkbox" checked={answers[item.recipientId] === 'team'} onChange={(event) => setAnswers({ ...answers, [item.recipientId]: event.target.checked ? 'team' : '' })} />{' '}
                    {t('team_new', [item.entry.mailbox, itemDates(item)])}
                  </label>
                ) : null}
                {item.kind === 'same' ? (
                  <label>
                    <input type="checkbox" checked={answers[item.recipientId] === 'team'} onChange={(event) => setAnswers({ ...answers, [item.recipientId]: event.target.checked ? 'team' : '' })} />{' '}
                    {t('team_same', [item.entry.mailbox, itemDates(item)])}
                  </label>
                ) : null}
                {item.kind === 'conflict' ? (
                  <fieldset>
                    <legend>{t('team_conflict', [item.name])}</legend>
                    {groupOptions(item.current).map((option) => (
                      <label key={`${option.origin}-${option.mailbox}`} className="choice-option">
                        <input type="radio" name={`team-${item.recipientId}`} checked={answers[item.recipientId] === `keep:${option.mailbox}`} onChange={() => setAnswers({ ...answers, [item.recipientId]: `keep:${option.mailbox}` })} />{' '}
                        {t('team_keep', [option.mailbox, optionLabel(option)])}
                      </label>
                    ))}
                    <label className="choice-option">
                      <input type="radio" name={`team-${item.recipientId}`} checked={answers[item.recipientId] === 'team'} onChange={() => setAnswers({ ...answers, [item.recipientId]: 'team' })} />{' '}
                      {t('team_take', [item.entry.mailbox, originLabel('team', { file: pending.fileName, author: pending.author }), itemDates(item)])}
                    </label>
                  </fieldset>
                ) : null}
                <Changes item={item} />
                {item.newPhone !== null && answers[item.recipientId] === 'team' ? (
                  <label className="choice-option">
                    <input
                      type="checkbox"
                      checked={phoneChecked[item.recipientId] === true}
                      onChange={(event) => setPhoneChecked({ ...phoneChecked, [item.recipientId]: event.target.checked })}
                    />{' '}
                    {t('team_confirmPhone', [item.newPhone, item.name])}
                  </label>
                ) : null}
              </li>
            ))}
          </ul>
          {previewError ? <p className="field-error" role="alert">{previewError}</p> : null}
          <p>
            <button type="button" onClick={() => void apply()}>
              {t('team_apply')}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setPending(null)}>
              {t('add_cancel')}
            </button>
          </p>
        </div>
      ) : null}
      <p role="status">{status}</p>
      {teamList.length > 0 ? (
        <>
          <h3>{t('team_listTitle')}</h3>
          <ul className="additions">
            {teamList.map(([id, entry]) => {
              const recipientName = bundledDirectory.recipients.find((recipient) => recipient.id === id)?.name ?? id;
              return (
                <li key={id}>
                  {recipientName}: <span className="mailbox">{entry.mailbox}</span>{' '}
                  <span className="muted">
                    ({originLabel('team', entry)}; {entry.inForceSince ? t('additions_inForce', [displayDate(entry.inForceSince)]) : t('additions_noDate')})
                  </span>{' '}
                  <button type="button" onClick={() => void removeTeamEntry(id)} aria-label={t('opt_remove', [recipientName])}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
