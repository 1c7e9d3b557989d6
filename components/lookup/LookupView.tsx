import { useId, useState } from 'react';
import { bundledDirectory } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { belgianToday } from '../../lib/time';
import { useDirectory } from '../common/useDirectory';
import { RecipientCard } from './RecipientCard';

/**
 * The panel's lookup view (RULES F4): find the receiving OCMW (or CAW Brussel) by what a worker types: a postcode,
 * a municipality or deelgemeente (one typo forgiven), or both ("2275 Gierle", "Kortrijk 8500").
 */
export function LookupView() {
  const { directory } = useDirectory();
  const [query, setQuery] = useState('');
  const inputId = useId();
  const hintId = useId();
  const today = belgianToday();
  const trimmed = query.trim();
  const { matches, notice } = directory.find(trimmed);
  const summary =
    trimmed === '' ? '' : matches.length === 1 ? t('ui_resultsOne') : matches.length > 1 ? t('ui_resultsCount', [matches.length]) : '';

  return (
    <section className="lookup">
      <h1>{t('ui_lookupTitle')}</h1>
      <label htmlFor={inputId}>{t('ui_lookupLabel')}</label>
      <input
        id={inputId}
        type="search"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hintId}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p id={hintId} className="muted">
        {t('ui_lookupHint')}
      </p>
      <p role="status" className="summary">
        {summary}
      </p>
      {notice ? <p className="decision refuse">{notice}</p> : null}
      <div className="results">
        {matches.map((match) => (
          <RecipientCard key={`${match.municipality.nis}-${match.matchedName}`} match={match} today={today} />
        ))}
      </div>
      <footer className="muted">
        {t('ui_dataVersion', [bundledDirectory.version])}
      </footer>
    </section>
  );
}
