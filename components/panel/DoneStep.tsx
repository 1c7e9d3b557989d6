import { useEffect, useRef, useState } from 'react';
import type { Recipient } from '../../lib/directory';
import { t } from '../../lib/i18n';
import type { ReadBack } from '../../lib/messages';
import type { DraftProblem } from '../../lib/panel/verify';
import { CopyButton } from '../common/CopyButton';
import { ProblemList, ReadBackList } from './DraftCheckView';
import { PasswordCall } from './PasswordCall';
import { SentQuestion } from './SentQuestion';

/** The draft as read back from the webmail and what is wrong with it; null when it could not be read. */
export type DraftCheck = { draft: ReadBack; problems: DraftProblem[] } | null;

type Props = {
  reference: string;
  fileName: string;
  /** Null for a pre-shared key: the OCMW has it already. */
  password: string | null;
  /** Who gets the referral: its social service's phone number is where the password goes. */
  recipient: Recipient | null;
  check: DraftCheck;
  /** The compose is no longer open in its tab (sent, or saved and closed): the last check stays shown. */
  closed: boolean;
  /** The worker is on another tab than the one the draft was made in: the panel checks only that one. */
  elsewhere: boolean;
  onRecheck: () => void;
  /** "Vul opnieuw in": the webmail lost the draft's fields; the panel makes it again in the same tab. */
  onRefill: () => void;
  /** Records "verstuurd" (or not) in the register, asked right where the sending happens (issue 21.3). */
  onSent: (sent: boolean) => Promise<void>;
  /** `withWarning`: the worker closes although the draft check still stands against it. */
  onFinish: (withWarning: boolean) => void;
};

type Handover = 'passed' | null;

/**
 * The draft is in the webmail. In the order the worker works (issue 21.6): send the mail (what the webmail holds,
 * checked, and "verstuurd?"), phone the password (the number, the password spelled out), note the reference. Closing
 * sits in the bar at the bottom and asks first while the password has not been handed over or the check still finds
 * something wrong.
 */
export function DoneStep({ reference, fileName, password, recipient, check, closed, elsewhere, onRecheck, onRefill, onSent, onFinish }: Props) {
  const [handover, setHandover] = useState<Handover>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const clean = check !== null && check.problems.length === 0;
  const passwordOpen = password !== null && handover === null;
  // The confirmation answers the click: in view, with the focus on its first button (issue 21.4).
  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector('button')?.focus();
  }, [confirming]);

  function finish() {
    if (!clean || passwordOpen) setConfirming(true);
    else onFinish(false);
  }

  return (
    <>
      {clean ? <p>{t('done_intro', [fileName])}</p> : null}
      <section aria-labelledby="check-heading" aria-live="polite" className="card draft-check">
        <h2 id="check-heading">{t('done_sendHeading')}</h2>
        {elsewhere ? (
          <p className="decision warn" role="status">
            {t('done_elsewhere')}
          </p>
        ) : null}
        {closed ? (
          <p className="muted" role="status">
            {t('done_closed')}
          </p>
        ) : null}
        {check === null ? <p className="decision warn">{t('leak_unavailable')}</p> : null}
        {check ? <ReadBackList draft={check.draft} /> : null}
        {clean ? <p className="ok">{t('check_clean')}</p> : null}
        {check ? <ProblemList problems={check.problems} fileName={fileName} onRefill={closed ? undefined : onRefill} /> : null}
        <p>
          <button type="button" className="secondary" onClick={onRecheck}>
            {t('leak_recheck')}
          </button>{' '}
          {!clean ? (
            <button type="button" className="secondary" onClick={onRecheck}>
              {t('done_adjusted')}
            </button>
          ) : null}
        </p>
        <SentQuestion question={t('sent_question')} onAnswer={async (answer) => (answer === 'yes' ? onSent(true) : undefined)} />
      </section>

      {password ? (
        <PasswordCall password={password} recipient={recipient} passed={handover === 'passed'} onPassed={(passed) => setHandover(passed ? 'passed' : null)} />
      ) : (
        <p>{t('password_presharedAdvice')}</p>
      )}

      <section aria-labelledby="reference-heading" className="card">
        <div className="reference-row">
          <h2 id="reference-heading">{t('done_referenceHeading')}</h2>
          <span className="mailbox reference">{reference}</span> <CopyButton text={reference} label={t('done_reference')} />
        </div>
        <p className="muted">{t('done_noteReference')}</p>
      </section>

      {/* Closing stays in view at the bottom of the panel, and so does its confirmation (issue 21.6). */}
      <div className="actions sticky-bar">
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-close" className="confirm" ref={confirmRef}>
            <p id="confirm-close">{t('done_confirmClose')}</p>
            <ul>
              {passwordOpen ? <li>{t('done_confirmPassword')}</li> : null}
              {!clean ? <li>{t('done_confirmWarning')}</li> : null}
            </ul>
            <p>
              <button type="button" className="danger" onClick={() => onFinish(!clean)}>
                {t('done_closeAnyway')}
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('panel_back')}
              </button>
            </p>
          </div>
        ) : (
          <button type="button" onClick={finish}>
            {t('done_finish')}
          </button>
        )}
      </div>
    </>
  );
}
