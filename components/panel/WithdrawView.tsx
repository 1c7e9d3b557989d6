import { useEffect, useRef, useState } from 'react';
import { t } from '../../lib/i18n';
import type { Displaced, ReadBack } from '../../lib/messages';
import { recordWithdrawal } from '../../lib/register/storage';
import type { PanelClient } from '../../lib/panel/client';
import type { DraftProblem, ExpectedDraft } from '../../lib/panel/verify';
import type { Settings } from '../../lib/settings';
import { withdrawalMailText } from '../../lib/templates/cover';
import { belgianToday } from '../../lib/time';
import { CopyButton } from '../common/CopyButton';
import { ProblemList, ReadBackList } from './DraftCheckView';
import { DisplacedNotice } from './DisplacedNotice';
import { checkDraft, fillOutcome } from './draft-session';
import { SentQuestion } from './SentQuestion';
import type { WebmailTab } from './useWebmailTab';

/** What a withdrawal needs: the reference and the same mailbox; the date when the register knows it. */
export type WithdrawTarget = { reference: string; createdOn: string | null; recipientName: string; mailbox: string; inRegister: boolean };

type Phase =
  | { kind: 'review' }
  | { kind: 'noWebmail' }
  | { kind: 'making' }
  // The tab the notice was made in: "Controleer opnieuw" reads that one, never the tab now active (issue 20.6), and
  // checks it against the same expectation, the sending identity of the first read-back included (issue 20.1).
  | { kind: 'done'; tabId: number; expected: ExpectedDraft; draft: ReadBack; problems: DraftProblem[]; displaced: Displaced | null }
  | { kind: 'fallback'; failedStep: string; displaced: Displaced | null };

/** The withdrawal notice (RULES F2): a draft to the same mailbox, naming the reference and nothing about the client. */
type Props = { client: PanelClient; tab: WebmailTab; settings: Settings; target: WithdrawTarget; onFinished: () => void };

export function WithdrawView({ client, tab, settings, target, onFinished }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'review' });
  const heading = useRef<HTMLHeadingElement>(null);
  const answer = useRef<HTMLDivElement & HTMLParagraphElement>(null);
  // Every answer to "Maak concept van de intrekking" takes the focus where it is said, in view (issue 21.4).
  useEffect(() => {
    if (phase.kind === 'done') heading.current?.focus();
    if (phase.kind === 'fallback' || phase.kind === 'noWebmail') answer.current?.focus();
    if (phase.kind !== 'review' && phase.kind !== 'making') (phase.kind === 'done' ? heading : answer).current?.scrollIntoView({ block: 'nearest' });
  }, [phase.kind]);
  const mail = withdrawalMailText(target.reference, target.createdOn ?? '', settings.referrer);
  // Without a known date the sentence names none: "aangemaakt op --" would confuse. (Mails to the OCMW are Dutch.)
  const body = target.createdOn ? mail.body : mail.body.replace(/, aangemaakt op [^,]*,/u, '');
  // A notice: To exactly the mailbox, no Cc or Bcc, no attachment (it carries no client data to check).
  const expected: ExpectedDraft = { to: target.mailbox, fileName: null, referral: null, subject: mail.subject, body, from: null };

  async function make() {
    if (tab.tabId === null || !tab.info) {
      setPhase({ kind: 'noWebmail' });
      return;
    }
    setPhase({ kind: 'making' });
    const tabId = tab.tabId;
    const outcome = fillOutcome(await client.fillDraft(tabId, { to: target.mailbox, subject: mail.subject, body }), expected);
    // Registered as withdrawn only once the worker says it was sent (issue 21.3).
    if (outcome.status === 'filled') setPhase({ kind: 'done', tabId, expected: outcome.expected, ...outcome.check, displaced: outcome.displaced });
    else setPhase({ kind: 'fallback', failedStep: outcome.failedStep, displaced: outcome.displaced });
  }

  async function recheck(done: Extract<Phase, { kind: 'done' }>) {
    const check = await checkDraft(client, done.tabId, done.expected);
    if (check !== null && check !== 'closed') setPhase({ ...done, ...check });
  }

  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {phase.kind === 'done' ? t('withdraw_doneHeading') : t('withdraw_heading')}
      </h1>
      {phase.kind === 'done' ? (
        <>
          {phase.problems.length === 0 ? <p role="status">{t('withdraw_done')}</p> : null}
          <DisplacedNotice displaced={phase.displaced} />
          {/* The same read-back as a referral's: what the webmail holds, then what is wrong with it (issue 21.13). */}
          <ReadBackList draft={phase.draft} />
          <ProblemList problems={phase.problems} fileName={null} />
          {phase.problems.length > 0 ? (
            <p>
              <button type="button" className="secondary" onClick={() => void recheck(phase)}>
                {t('leak_recheck')}
              </button>
            </p>
          ) : null}
          {target.inRegister ? (
            <SentQuestion
              question={t('withdraw_sentQuestion')}
              recorded={t('withdraw_recorded')}
              onAnswer={async (answer) => void (answer === 'yes' ? await recordWithdrawal(target.reference, belgianToday()) : undefined)}
            />
          ) : null}
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
            <div role="alert" tabIndex={-1} ref={answer}>
              <p>{t('fallback_intro', [t(`step_${phase.failedStep}` as Parameters<typeof t>[0])])}</p>
              <DisplacedNotice displaced={phase.displaced} />
              <p>
                <span className="mailbox">{target.mailbox}</span> <CopyButton text={target.mailbox} label={t('fallback_copyTo')} />{' '}
                <CopyButton text={mail.subject} label={t('fallback_copySubject')} /> <CopyButton text={body} label={t('fallback_copyBody')} />
              </p>
            </div>
          ) : null}
          {phase.kind === 'noWebmail' ? (
            <p className="field-error" role="alert" tabIndex={-1} ref={answer}>
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
