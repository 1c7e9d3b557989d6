import { useEffect, useRef, useState } from 'react';
import { protocolLine, sourceLine, type PostcodeLookup, type Recipient, type ReferralDecision } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { AddMailbox } from './AddMailbox';
import { MailboxChoice } from './MailboxChoice';
import { RefusalHelp } from './RefusalHelp';

/** What the worker can do when a postcode gives no recipient. */
const instead = { outside: 'recipient_insteadOutside', nonResidential: 'recipient_insteadNonResidential', unknown: 'recipient_insteadUnknown' } as const;

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
  // "Bewaard: …" for the recipient it was saved for; the focus follows the form's closing (issue 21.13).
  const [saved, setSaved] = useState<{ id: string; message: string } | null>(null);
  const [focus, setFocus] = useState<'saved' | 'add' | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const canAdd = decision?.action === 'addMailbox' || decision?.action === 'addDate';
  const noRecipient = lookup && lookup.status !== 'found' ? lookup : null;
  const open = recipient !== null && adding === recipient.id && canAdd;
  const status = saved && recipient && saved.id === recipient.id ? saved.message : '';
  useEffect(() => {
    const target = focus === 'saved' ? savedRef.current : focus === 'add' ? addRef.current : null;
    if (!target) return;
    target.focus();
    setFocus(null);
  }, [focus, status, open]);
  return (
    <section className="recipient-box" aria-labelledby="recipient-heading">
      <div aria-live="polite">
        <div className="recipient-head">
          <h2 id="recipient-heading">{t('recipient_heading')}</h2>
          {/* An unknown or outside postcode is said next to the postcode field, once. */}
          {recipient ? <p className="recipient">{recipient.name}</p> : <p className="muted">{noRecipient ? t('recipient_noneFor', [noRecipient.postcode]) : t('recipient_none')}</p>}
        </div>
        {/* A postcode that gives no recipient: why is said next to the field; here, what she can do instead (issue 21.9). */}
        {!recipient && noRecipient && noRecipient.status !== 'invalid' ? <p className="muted">{t(instead[noRecipient.status])}</p> : null}
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
        {recipient && decision?.verdict === 'refuse' && canAdd ? <RefusalHelp recipient={recipient} missing={recipient.mailbox ? 'date' : 'mailbox'} /> : null}
        {status ? (
          <p role="status" tabIndex={-1} ref={savedRef}>
            {status}
          </p>
        ) : null}
      </div>
      {recipient && decision?.action === 'chooseMailbox' ? <MailboxChoice recipient={recipient} /> : null}
      {recipient && canAdd && !open ? (
        <p>
          <button type="button" className="secondary" ref={addRef} onClick={() => setAdding(recipient.id)}>
            {t('add_open')}
          </button>
        </p>
      ) : null}
      {recipient && open ? (
        <AddMailbox
          focusOnOpen
          recipientId={recipient.id}
          recipientName={recipient.name}
          initial={{ mailbox: recipient.mailbox, inForceSince: recipient.protocol.inForceSince, endedOn: recipient.protocol.endedOn, phone: recipient.phone, source: recipient.mailboxOrigin === 'user' ? recipient.source : null }}
          requireDate
          onSaved={(message) => {
            setAdding(null);
            setSaved({ id: recipient.id, message });
            setFocus('saved');
          }}
          onCancel={() => {
            setAdding(null);
            setFocus('add');
          }}
        />
      ) : null}
    </section>
  );
}
