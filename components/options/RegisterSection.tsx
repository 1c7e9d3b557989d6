import { useEffect, useId, useState } from 'react';
import { displayDate } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { plural } from '../../lib/i18n/plural';
import { evaluationCsv, evaluationRows, evaluationTotals } from '../../lib/register/evaluation';
import { exportRegister, previewImport, RegisterError, type ImportPreview } from '../../lib/register/register';
import type { RegisterEntry } from '../../lib/register/schema';
import { loadRegister, registerItem, saveRegister } from '../../lib/register/storage';
import { belgianToday } from '../../lib/time';
import { useDirectory } from '../common/useDirectory';
import { downloadFile } from './download';

/** Register export/import (to move to a new PC) and the yearly evaluation as CSV (seed 003). */
export function RegisterSection() {
  const [register, setRegister] = useState<RegisterEntry[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const thisYear = Number(belgianToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const ids = { file: useId(), year: useId(), preview: useId() };
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const { directory } = useDirectory();

  useEffect(() => {
    void loadRegister().then(setRegister);
    // A referral marked sent in the panel meanwhile changes the counts here at once.
    return registerItem.watch(setRegister);
  }, []);

  // Reading a file only shows what it would change; nothing is stored until "Voer deze wijzigingen door".
  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setPreview(null);
    setStatus('');
    try {
      const current = await loadRegister();
      setRegister(current);
      setPreview(previewImport(current, await file.text(), (id) => directory.recipient(id)));
      setError('');
    } catch (caught) {
      setError(caught instanceof RegisterError ? caught.message : t('opt_registerBadFile'));
    } finally {
      input.value = '';
    }
  }

  async function applyImport() {
    if (!preview) return;
    await saveRegister(preview.merged);
    setRegister(preview.merged);
    setPreview(null);
    setStatus(plural('opt_registerImported', preview.merged.length));
  }

  // The same rows as the CSV, so the page and the file never disagree (issue 14.9).
  const totals = evaluationTotals(register, year, (id) => directory.recipient(id)?.name);
  const years = [...new Set([thisYear, ...register.map((entry) => Number(entry.createdOn.slice(0, 4)))])].sort((a, b) => b - a);

  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">{t('opt_registerTitle')}</h2>
      <p>{t('opt_registerIntro')}</p>
      <p>{plural('opt_registerCount', register.length)}</p>
      <p>
        <button type="button" onClick={() => downloadFile(`register-${belgianToday()}.json`, exportRegister(register, belgianToday()), 'application/json')}>
          {t('opt_registerExport')}
        </button>
      </p>
      <div className="field">
        <label htmlFor={ids.file}>{t('opt_registerImport')}</label>
        <input id={ids.file} type="file" accept="application/json,.json" onChange={(event) => void importFile(event.target)} aria-describedby={error ? `${ids.file}-error` : undefined} />
        {error ? <p id={`${ids.file}-error`} className="field-error">{error}</p> : null}
      </div>
      {preview ? (
        <div role="group" aria-labelledby={ids.preview}>
          <p id={ids.preview}>{t('opt_registerPreviewTitle')}</p>
          {preview.changes.length === 0 ? <p>{t('opt_registerPreviewNothing')}</p> : (
            <ul>
              {preview.changes.map((change) => (
                <li key={change.kind === 'new' ? change.entry.reference : change.reference}>
                  {change.kind === 'new'
                    ? t('opt_registerPreviewNew', [change.entry.reference, displayDate(change.entry.createdOn), t(`register_status_${change.entry.status}`),
                        change.entry.recipientId, change.entry.recipientName, change.entry.mailbox])
                    : t('opt_registerPreviewStatus', [change.reference, t(`register_status_${change.from}`), t(`register_status_${change.to}`)])}
                </li>
              ))}
            </ul>
          )}
          {preview.unchanged > 0 ? <p>{plural('opt_registerPreviewUnchanged', preview.unchanged)}</p> : null}
          <p>
            {preview.changes.length > 0 ? <button type="button" onClick={() => void applyImport()}>{t('opt_registerApply')}</button> : null}{' '}
            <button type="button" onClick={() => setPreview(null)}>{t('opt_registerCancelImport')}</button>
          </p>
        </div>
      ) : null}
      <p role="status">{status}</p>
      <div className="field">
        <label htmlFor={ids.year}>{t('opt_evaluationYear')}</label>
        <select id={ids.year} value={year} onChange={(event) => setYear(Number(event.target.value))}>
          {years.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>{' '}
        <button
          type="button"
          onClick={() => downloadFile(`evaluatie-${year}.csv`, evaluationCsv(evaluationRows(register, year, (id) => directory.recipient(id)?.name)), 'text/csv;charset=utf-8')}
        >
          {t('opt_evaluationExport')}
        </button>
      </div>
      <p>
        {t('opt_evaluationSummary', [year, plural('opt_countReferrals', totals.referrals), plural('opt_countWithdrawals', totals.withdrawals),
          plural('opt_countCorrections', totals.corrections)])}
      </p>
      {totals.pending > 0 ? <p>{plural('opt_evaluationPending', totals.pending, [year])}</p> : null}
      <p className="muted">{t('opt_evaluationRule')}</p>
    </section>
  );
}
