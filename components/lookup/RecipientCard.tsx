import { bundledDirectory, protocolLine, referralDecision, sourceLine, type DirectoryMatch } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { CopyButton } from '../common/CopyButton';

/** One result of the lookup: where the client lives, who receives the referral, and how to reach them. */
export function RecipientCard({ match, today }: { match: DirectoryMatch; today: string }) {
  const { municipality, recipient, localities, matchedOn, matchedName } = match;
  const decision = referralDecision(recipient, today);
  const viaLocality = matchedOn === 'deelgemeente' || matchedOn === 'former' || matchedOn === 'french';
  const headingId = `recipient-${municipality.nis}`;
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
          ) : (
            <span>
              {t('source_none')}. {t('ui_noMailboxHint')}
            </span>
          )}
        </dd>
        {recipient.mailbox ? <dd className="muted source">{sourceLine(recipient)}</dd> : null}
        <dt>Protocol</dt>
        <dd>{protocolLine(recipient, today)}</dd>
        {decision.verdict !== 'allow' ? <dd className={`decision ${decision.verdict}`}>{decision.message}</dd> : null}
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
        {localities.length > 1 || (localities[0] && localities[0].name !== municipality.nameNl) ? (
          <>
            <dt>{t('ui_localities')}</dt>
            <dd>{localities.map((locality) => `${locality.postcode} ${locality.name}`).join(', ')}</dd>
          </>
        ) : null}
        {municipality.facility ? <dd className="muted">{t('ui_facility')}</dd> : null}
      </dl>
    </article>
  );
}
