import { useState } from 'react';
import { protocolLine, sourceLine, type PostcodeLookup, type Recipient, type ReferralDecision } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { AddMailbox } from './AddMailbox';
import { MailboxChoice } from './MailboxChoice';

type Props = {
  lookup: PostcodeLookup | null;
  /** The recipient the referral would go to (the corrected referral's recipient for a correction); by default the lookup's. */
  recipient?: Recipient | null;
  /** The protocol gate's verdict for that recipient (lib/directory referralDecision). */
  decision: ReferralDecision | null;
  /** "Volgende" was pressed while the gate refuses: say so where the reason is, and take the focus there. */
  blocking?: boolean;
};

/**
 * Who will receive the referral, where its mailbox and protocol date come from, and the gate's verdict. A refusal
 * for lack of a mailbox or date offers "Mailadres en protocol toevoegen" right here; a disagreement between sources
 * asks which mailbox is right. Both are stored, and the open panel follows at once (useDirectory watches the layers).
 */
export function RecipientSummary({ lookup, recipient: given, decision, blocking = false }: Props) {
  const recipient = given !== undefined ? given : lookup?.status === 'found' ? (lookup.matches[0]?.recipient ?? null) : null;
  const [adding, setAdding] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const canAdd = decision?.action === 'addMailbox' || decision?.action === 'addDate';
  const open = recipient !== null && adding === recipient.id && canAdd;
  return (
    <section className="recipient-box" aria-labelledby="recipient-heading">
      <div aria-live="polite">
        <div className="recipient-head">
          <h2 id="recipient-heading">{t('recipient_heading')}</h2>
          {/* An unknown or outside postcode is said next to the postcode field, once. */}
          {recipient ? <p className="recipient">{recipient.name}</p> : <p className="muted">{t('recipient_none')}</p>}
        </div>
        {recipient?.mailbox ? (
          <>
            <p>
              <span className="mailbox">{recipient.mailbox}</span>
            </p>
            {/* The protocol's state is always in view; where mailbox and date come from is one click away. */}
            <details className="source">
              <summary>{protocolLine(recipient)}</summary>
              <p className="muted">{sourceLine(recipient)}</p>
            </details>
            {recipient.phone ? <p className="muted">{t('add_phoneShown', [recipient.phone])}</p> : null}
          </>
        ) : null}
        {decision && decision.verdict === 'refuse' ? (
          <p className="decision refuse" tabIndex={-1} data-blocking={blocking ? 'true' : undefined} role={blocking ? 'alert' : undefined}>
            {blocking ? `${t('recipient_refused')} ` : ''}
            {decision.message}
          </p>
        ) : null}
        {status && decision?.verdict === 'allow' ? <p role="status">{status}</p> : null}
      </div>
      {recipient && decision?.action === 'chooseMailbox' ? <MailboxChoice recipient={recipient} /> : null}
      {recipient && canAdd && !open ? (
        <p>
          <button type="button" className="secondary" onClick={() => setAdding(recipient.id)}>
            {t('add_open')}
          </button>
        </p>
      ) : null}
      {recipient && open ? (
        <AddMailbox
          recipientId={recipient.id}
          recipientName={recipient.name}
          initial={{ mailbox: recipient.mailbox, inForceSince: recipient.protocol.inForceSince, endedOn: recipient.protocol.endedOn, phone: recipient.phone, source: recipient.mailboxOrigin === 'user' ? recipient.source : null }}
          requireDate
          onSaved={(message) => {
            setAdding(null);
            setStatus(message);
          }}
          onCancel={() => setAdding(null)}
        />
      ) : null}
    </section>
  );
}
