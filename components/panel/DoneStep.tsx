import { useState } from 'react';
import type { Recipient } from '../../lib/directory';
import { t } from '../../lib/i18n';
import type { ReadBack } from '../../lib/messages';
import type { DraftProblem } from '../../lib/panel/verify';
import { spellPassword } from '../../lib/password/spelling';
import { CopyButton } from '../common/CopyButton';
import { AddMailbox } from './AddMailbox';
import { ProblemList, ReadBackList } from './DraftCheckView';

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
  onRecheck: () => void;
  /** `withWarning`: the worker closes although the draft check still stands against it. */
  onFinish: (withWarning: boolean) => void;
};

type Handover = 'passed' | 'later' | null;

/**
 * The draft is in the webmail: the reference for the client's file, the password call (the number to ring and the
 * password spelled out), and the check of what the webmail holds (SPEC F1.7). Closing asks first while the password
 * has not been handed over or the check still finds something wrong.
 */
export function DoneStep({ reference, fileName, password, recipient, check, onRecheck, onFinish }: Props) {
  const [handover, setHandover] = useState<Handover>(null);
  const [confirming, setConfirming] = useState(false);
  const [addingPhone, setAddingPhone] = useState(false);
  const clean = check !== null && check.problems.length === 0;
  const passwordOpen = password !== null && handover === null;

  function finish() {
    if (!clean || passwordOpen) setConfirming(true);
    else onFinish(false);
  }

  return (
    <>
      {clean ? <p>{t('done_intro', [fileName])}</p> : null}
      <section aria-labelledby="reference-heading" className="card">
        <div className="reference-row">
          <h2 id="reference-heading">{t('done_reference')}</h2>
          <span className="mailbox reference">{reference}</span> <CopyButton text={reference} label={t('done_reference')} />
        </div>
        <p>{t('done_noteReference')}</p>
      </section>

      {password ? (
        <section aria-labelledby="password-heading" className="card password-call">
          <h2 id="password-heading">{t('done_callHeading')}</h2>
          {recipient?.phone ? (
            <p>{t('done_callPhone', [recipient.name, recipient.phone])}</p>
          ) : recipient ? (
            <>
              <p className="muted">{t('done_noPhone', [recipient.name])}</p>
              {addingPhone && recipient.mailbox ? (
                <AddMailbox
                  recipientId={recipient.id}
                  recipientName={recipient.name}
                  initial={{ mailbox: recipient.mailbox, inForceSince: recipient.protocol.inForceSince, endedOn: recipient.protocol.endedOn }}
                  requireDate={false}
                  onSaved={() => setAddingPhone(false)}
                  onCancel={() => setAddingPhone(false)}
                />
              ) : recipient.mailbox ? (
                <p>
                  <button type="button" className="secondary" onClick={() => setAddingPhone(true)}>
                    {t('done_addPhone')}
                  </button>
                </p>
              ) : null}
            </>
          ) : null}
          <p>
            <output className="password password-large" aria-label={t('done_password')}>{password}</output>{' '}
            <CopyButton text={password} label={t('done_password')} sensitive />
          </p>
          <p className="muted">{t('done_spellIntro')}</p>
          <ol className="spelling">
            {spellPassword(password).map(({ group, spoken }, index) => (
              <li key={`${index}-${group}`}>
                <span className="password">{group}</span>: {spoken}
              </li>
            ))}
          </ol>
          <p className="muted">{t('done_passwordAdvice')}</p>
          <fieldset>
            <legend>{t('done_handoverLegend')}</legend>
            <label className="radio">
              <input type="radio" name="handover" checked={handover === 'passed'} onChange={() => setHandover('passed')} /> {t('done_passed')}
            </label>
            <label className="radio">
              <input type="radio" name="handover" checked={handover === 'later'} onChange={() => setHandover('later')} /> {t('done_later')}
            </label>
          </fieldset>
        </section>
      ) : (
        <p>{t('password_presharedAdvice')}</p>
      )}

      <section aria-labelledby="check-heading" aria-live="polite" className="draft-check">
        <h2 id="check-heading">{t('leak_heading')}</h2>
        {check === null ? <p className="decision warn">{t('leak_unavailable')}</p> : null}
        {check ? <ReadBackList draft={check.draft} /> : null}
        {clean ? <p className="ok">{t('check_clean')}</p> : null}
        {check ? <ProblemList problems={check.problems} fileName={fileName} /> : null}
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
      </section>

      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-close" className="card confirm">
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
        <p>
          <button type="button" onClick={finish}>
            {t('done_finish')}
          </button>
        </p>
      )}
    </>
  );
}
