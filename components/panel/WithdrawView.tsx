import { useState } from 'react';
import { t } from '../../lib/i18n';
import { recordWithdrawal } from '../../lib/register/storage';
import type { PanelClient } from '../../lib/panel/client';
import type { Settings } from '../../lib/settings';
import { withdrawalMailText } from '../../lib/templates/cover';
import { belgianToday } from '../../lib/time';
import { CopyButton } from '../common/CopyButton';
import type { WebmailTab } from './useWebmailTab';

/** What a withdrawal needs: the reference and the same mailbox; the date when the register knows it. */
export type WithdrawTarget = { reference: string; createdOn: string | null; recipientName: string; mailbox: string; inRegister: boolean };

type Phase = { kind: 'review' } | { kind: 'noWebmail' } | { kind: 'making' } | { kind: 'done' } | { kind: 'fallback'; failedStep: string };

/** The withdrawal notice (SPEC F2): a draft to the same mailbox, naming the reference and nothing about the client. */
type Props = { client: PanelClient; tab: WebmailTab; settings: Settings; target: WithdrawTarget; onFinished: () => void };

export function WithdrawView({ client, tab, settings, target, onFinished }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'review' });
  const mail = withdrawalMailText(target.reference, target.createdOn ?? '', settings.referrer);
  // Without a known date the sentence names none: "die wij op -- aan jullie bezorgden" would confuse.
  const body = target.createdOn ? mail.body : mail.body.replace(/, die wij op [^,]*, /u, ' ');

  async function make() {
    if (tab.tabId === null || !tab.info) {
      setPhase({ kind: 'noWebmail' });
      return;
    }
    setPhase({ kind: 'making' });
    const answer = await client.makeDraft(tab.tabId, { to: target.mailbox, subject: mail.subject, body });
    if (answer?.ok) {
      if (target.inRegister) await recordWithdrawal(target.reference, belgianToday());
      setPhase({ kind: 'done' });
      return;
    }
    setPhase({ kind: 'fallback', failedStep: answer && !answer.ok ? answer.failedStep : 'connection' });
  }

  return (
    <>
      <h1 tabIndex={-1}>{phase.kind === 'done' ? t('withdraw_doneHeading') : t('withdraw_heading')}</h1>
      {phase.kind === 'done' ? (
        <>
          <p role="status">{t('withdraw_done')}</p>
          <p>
            <button type="button" onClick={onFinished}>
              {t('done_finish')}
            </button>
          </p>
        </>
      ) : (
        <>
          <p>{t('withdraw_intro', [`${target.recipientName} (${target.mailbox})`, target.reference])}</p>
          <h2>{t('withdraw_preview')}</h2>
          <p className="mailbox">{mail.subject}</p>
          <pre className="notice-preview">{body}</pre>
          {phase.kind === 'fallback' ? (
            <div role="alert">
              <p>{t('fallback_intro', [t(`step_${phase.failedStep}` as Parameters<typeof t>[0])])}</p>
              <p>
                <span className="mailbox">{target.mailbox}</span> <CopyButton text={target.mailbox} label={t('fallback_copyTo')} />{' '}
                <CopyButton text={mail.subject} label={t('fallback_copySubject')} /> <CopyButton text={body} label={t('fallback_copyBody')} />
              </p>
            </div>
          ) : null}
          {phase.kind === 'noWebmail' ? (
            <p className="field-error" role="alert">
              {t('panel_noWebmailDraft')}
            </p>
          ) : null}
          <div className="actions">
            <button type="button" onClick={() => void make()} disabled={phase.kind === 'making'}>
              {t('withdraw_make')}
            </button>
          </div>
        </>
      )}
    </>
  );
}
