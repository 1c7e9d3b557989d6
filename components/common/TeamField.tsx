import { useId } from 'react';
import type { TeamChoice } from '../../lib/directory/team-names';
import { t } from '../../lib/i18n';

type Props = { choice: TeamChoice; value: string; error?: string | undefined; onValue: (value: string) => void };

/**
 * The worker's team (issue 21.11): fixed when the organisation's policy names it, a choice of exactly the
 * organisation's list when it sets one, else typed, with the directory's teams as suggestions.
 */
export function TeamField({ choice, value, error, onValue }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const listId = `${id}-list`;
  const describedBy = [hintId, error ? errorId : ''].filter(Boolean).join(' ');
  const hint = choice.kind === 'fixed' ? t('team_fixedByPolicy') : choice.kind === 'list' ? t('team_listByPolicy') : t('team_pattern');
  return (
    <div className="field">
      <label htmlFor={id}>{t('opt_referrerTeam')}</label>
      <p id={hintId} className="muted hint">
        {hint}
      </p>
      {choice.kind === 'fixed' ? (
        <input id={id} type="text" value={choice.team} readOnly aria-describedby={describedBy} />
      ) : choice.kind === 'list' ? (
        <select id={id} value={choice.teams.includes(value) ? value : ''} onChange={(event) => onValue(event.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
          <option value="">{t('team_choose')}</option>
          {choice.teams.map((team) => (
            <option key={team} value={team}>
              {team}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input
            id={id}
            type="text"
            autoComplete="off"
            value={value}
            list={listId}
            onChange={(event) => onValue(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
          <datalist id={listId}>
            {choice.suggestions.map((team) => (
              <option key={team} value={team} />
            ))}
          </datalist>
        </>
      )}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
