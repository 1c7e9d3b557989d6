import { useEffect, useId, useState } from 'react';
import { t } from '../../lib/i18n';
import { evaluationCsv, evaluationRows } from '../../lib/register/evaluation';
import { exportRegister, importRegister } from '../../lib/register/register';
import type { RegisterEntry } from '../../lib/register/schema';
import { loadRegister, saveRegister } from '../../lib/register/storage';
import { belgianToday } from '../../lib/time';

/** Offers text as a file download from the extension page (no network: a blob URL, revoked right after). */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Register export/import (to move to a new PC) and the yearly evaluation as CSV (seed 003). */
export function RegisterSection() {
  const [register, setRegister] = useState<RegisterEntry[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const thisYear = Number(belgianToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const ids = { file: useId(), year: useId() };

  useEffect(() => {
    void loadRegister().then(setRegister);
  }, []);

  async function importFile(file: File | undefined) {
    if (!file) return;
    try {
      const merged = importRegister(register, await file.text());
      await saveRegister(merged);
      setRegister(merged);
      setError('');
      setStatus(t('opt_registerImported', [merged.length]));
    } catch {
      setError(t('opt_registerBadFile'));
    }
  }

  const years = [...new Set([thisYear, ...register.map((entry) => Number(entry.createdOn.slice(0, 4)))])].sort((a, b) => b - a);

  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">{t('opt_registerTitle')}</h2>
      <p>{t('opt_registerIntro')}</p>
      <p>{t('opt_registerCount', [register.length])}</p>
      <p>
        <button type="button" onClick={() => download(`register-${belgianToday()}.json`, exportRegister(register, belgianToday()), 'application/json')}>
          {t('opt_registerExport')}
        </button>
      </p>
      <div className="field">
        <label htmlFor={ids.file}>{t('opt_registerImport')}</label>
        <input id={ids.file} type="file" accept="application/json,.json" onChange={(event) => void importFile(event.target.files?.[0])} aria-describedby={error ? `${ids.file}-error` : undefined} />
        {error ? <p id={`${ids.file}-error`} className="field-error">{error}</p> : null}
      </div>
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
        <button type="button" onClick={() => download(`evaluatie-${year}.csv`, evaluationCsv(evaluationRows(register, year)), 'text/csv;charset=utf-8')}>
          {t('opt_evaluationExport')}
        </button>
      </div>
    </section>
  );
}
