import { useEffect, useRef, useState } from 'react';
import { bundledDirectory, protocolLine, referralDecision, sourceLine, type DirectoryMatch } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { CopyButton } from '../common/CopyButton';
import { AddMailbox } from '../panel/AddMailbox';
import { MailboxChoice } from '../panel/MailboxChoice';

/** One result of the lookup: where the client lives, who receives the referral, and how to reach them. */
export function RecipientCard({ match, today }: { match: DirectoryMatch; today: string }) {
  const { municipality, recipient, localities, matchedOn, matchedName } = match;
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  // After the add form closes, the focus goes to "Bewaard: …" or back to the button, never the page body (issue 21.13).
  const [focus, setFocus] = useState<'saved' | 'add' | null>(null);
  const savedRef = useRef<HTMLElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target = focus === 'saved' ? savedRef.current : focus === 'add' ? addRef.current : null;
    if (!target) return;
    target.focus();
    setFocus(null);
  }, [focus, status, adding]);
  const decision = referralDecision(recipient, today);
  const viaLocality = matchedOn === 'deelgemeente' || matchedOn === 'former' || matchedOn === 'french';
  const headingId = `recipient-${municipality.nis}`;
  const places = [...new Set(localities.map((locality) => locality.name))];
  const canAdd = decision.action === 'addMailbox' || decision.action === 'addDate';
  return (
    <article className={`card verdict-${decision.verdict}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {municipality.nameNl}
        {matchedOn === 'postcode' ? ` (${matchedName})` : ''}
      </h2>
      {viaLocality ? <p className="muted">{t('ui_viaLocality', [matchedName, municipality.nameNl])}</p> : null}
      {municipality.region === 'brussels' ? <p className="muted">{t('ui_brussels')}</p> : null}
      <p className="recipient">{recipient.name}</p>
      <dl>
        <dt>{t('ui_mailbox')}</dt>
        <dd>
          {recipient.mailbox ? (
            <>
              <span className="mailbox">{recipient.mailbox}</span> <CopyButton text={recipient.mailbox} label={recipient.mailbox} />
            </>
          ) : recipient.conflict ? (
            <span>{t('card_conflict')}</span>
          ) : (
            <span>{t('source_none')}</span>
          )}
        </dd>
        {recipient.mailbox ? <dd className="muted source">{sourceLine(recipient)}</dd> : null}
        {recipient.phone ? <dd className="muted">{t('add_phoneShown', [recipient.phone])}</dd> : null}
        <dt>Protocol</dt>
        <dd>{protocolLine(recipient, today)}</dd>
        {decision.verdict !== 'allow' ? (
          <dd className="decision refuse">{decision.action === 'addMailbox' ? t('card_noMailboxHint') : decision.message}</dd>
        ) : null}
        {status ? (
          <dd role="status" tabIndex={-1} ref={savedRef}>
            {status}
          </dd>
        ) : null}
        {recipient.team ? (
          <>
            <dt>{t('ui_team')}</dt>
            <dd>{recipient.team}</dd>
          </>
        ) : null}
        {recipient.securityContact ? (
          <>
            <dt>{t('ui_securityContact')}</dt>
            <dd>{recipient.securityContact}</dd>
          </>
        ) : null}
        {recipient.privacyContact ? (
          <>
            <dt>{t('ui_privacyContact')}</dt>
            <dd>{recipient.privacyContact}</dd>
          </>
        ) : null}
        <dt>{t('ui_dpo')}</dt>
        <dd>{bundledDirectory.senderDpo}</dd>
        {places.length > 1 || (places[0] && places[0] !== municipality.nameNl) ? (
          <>
            <dt>{t('ui_localities')}</dt>
            <dd>{places.join(', ')}</dd>
          </>
        ) : null}
        {municipality.facility ? <dd className="muted">{t('ui_facility')}</dd> : null}
      </dl>
      {recipient.conflict ? <MailboxChoice recipient={recipient} /> : null}
      {canAdd && !adding ? (
        <p>
          <button type="button" className="secondary" ref={addRef} onClick={() => setAdding(true)} aria-label={t('add_openFor', [recipient.name])}>
            {t('add_open')}
          </button>
        </p>
      ) : null}
      {canAdd && adding ? (
        <AddMailbox
          focusOnOpen
          recipientId={recipient.id}
          recipientName={recipient.name}
          initial={{ mailbox: recipient.mailbox, phone: recipient.phone }}
          requireDate
          onSaved={(message) => {
            setAdding(false);
            setStatus(message);
            setFocus('saved');
          }}
          onCancel={() => {
            setAdding(false);
            setFocus('add');
          }}
        />
      ) : null}
    </article>
  );
}
