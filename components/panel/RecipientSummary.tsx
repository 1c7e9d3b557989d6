import { useId } from 'react';
import { protocolLine, sourceLine, type PostcodeLookup, type ReferralDecision } from '../../lib/directory';
import { t } from '../../lib/i18n';

type Props = {
  lookup: PostcodeLookup | null;
  decision: ReferralDecision | null;
  acknowledged: boolean;
  ackError?: string | undefined;
  onAcknowledge: (value: boolean) => void;
};

/** Who will receive the referral, with the mailbox's source and the protocol's status, decided before any typing of a password. */
export function RecipientSummary({ lookup, decision, acknowledged, ackError, onAcknowledge }: Props) {
  const ackId = useId();
  const match = lookup?.status === 'found' ? lookup.matches[0] : undefined;
  return (
    <section className="recipient-box" aria-labelledby="recipient-heading" aria-live="polite">
      <h2 id="recipient-heading">{t('recipient_heading')}</h2>
      {!lookup ? <p className="muted">{t('recipient_none')}</p> : null}
      {lookup && lookup.status !== 'found' ? <p className="decision refuse">{lookup.message}</p> : null}
      {match ? (
        <>
          <p className="recipient">{match.recipient.name}</p>
          <p>
            <span className="mailbox">{match.recipient.mailbox ?? t('source_none')}</span>
          </p>
          {match.recipient.mailbox ? <p className="muted">{sourceLine(match.recipient)}</p> : null}
          <p>{protocolLine(match.recipient)}</p>
        </>
      ) : null}
      {decision && decision.verdict !== 'allow' ? <p className={`decision ${decision.verdict}`}>{decision.message}</p> : null}
      {decision?.verdict === 'warn' ? (
        <div className="field check">
          <input
            id={ackId}
            type="checkbox"
            checked={acknowledged}
            onChange={(event) => onAcknowledge(event.target.checked)}
            aria-describedby={ackError ? `${ackId}-error` : undefined}
          />
          <label htmlFor={ackId}>{t('recipient_ackWarning')}</label>
          {ackError ? <p id={`${ackId}-error`} className="field-error">{ackError}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
