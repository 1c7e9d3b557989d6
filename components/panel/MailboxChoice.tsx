import { useId, useState } from 'react';
import { optionLabel, protocolLine, type Recipient } from '../../lib/directory';
import { recordMailboxChoice } from '../../lib/directory/storage';
import { t } from '../../lib/i18n';
import { belgianToday } from '../../lib/time';

/**
 * Sources disagree on a recipient's mailbox (a policy, a team file or the worker's own addition names another
 * mailbox than the bundled protocol, as for Lille): both are shown side by side, the worker says which is right
 * before the first referral, and the choice is recorded. Nothing is picked for them.
 */
export function MailboxChoice({ recipient, onChosen }: { recipient: Recipient; onChosen?: (mailbox: string) => void }) {
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | undefined>();
  const name = useId();
  const options = recipient.conflict ?? [];
  const today = belgianToday();

  async function confirm() {
    if (!chosen) {
      setError(t('choice_required'));
      return;
    }
    setError(undefined);
    await recordMailboxChoice(recipient.id, chosen, options.map((option) => option.mailbox).filter((mailbox) => mailbox !== chosen));
    onChosen?.(chosen);
  }

  return (
    <fieldset className="mailbox-choice">
      <legend>{t('choice_legend', [recipient.name])}</legend>
      <p className="muted">{t('choice_intro')}</p>
      <div className="choice-options">
        {options.map((option) => (
          <label key={`${option.origin}-${option.mailbox}`} className="card choice-option">
            <input type="radio" name={name} value={option.mailbox} checked={chosen === option.mailbox} onChange={() => setChosen(option.mailbox)} />{' '}
            <span className="mailbox">{option.mailbox}</span>
            <span className="muted"> – {optionLabel(option)}</span>
            <span className="muted"> – {protocolLine(option, today)}</span>
            {option.source ? <span className="muted"> – {t('source_text', [option.source])}</span> : null}
          </label>
        ))}
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      <p>
        <button type="button" onClick={() => void confirm()}>
          {t('choice_confirm')}
        </button>
      </p>
    </fieldset>
  );
}
