import type { Recipient } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { CopyButton } from '../common/CopyButton';

type Props = {
  recipient: Recipient;
  /** What is missing: the mailbox (and so the date too), or only the protocol's in-force date. */
  missing: 'mailbox' | 'date';
};

/**
 * How to get unstuck when the gate refuses for lack of a mailbox or an in-force date (issue 21.2): who has them, a
 * question ready to copy (the OCMW's name only, nothing of the client), and how long what was typed stays.
 */
export function RefusalHelp({ recipient, missing }: Props) {
  const question = missing === 'mailbox' ? t('refusal_questionMailbox', [recipient.name]) : t('refusal_questionDate', [recipient.name, recipient.mailbox ?? '']);
  return (
    <div className="refusal-help">
      <p>{t('refusal_whoHas')}</p>
      <p>
        <CopyButton text={question} label={t('refusal_copy')} caption={t('refusal_copy')} />
      </p>
      <p className="muted">{t('refusal_kept')}</p>
    </div>
  );
}
