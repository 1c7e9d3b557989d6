import { useState } from 'react';
import type { Recipient } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { spellPassword } from '../../lib/password/spelling';
import { CopyButton } from '../common/CopyButton';
import { AddPhone, usePhoneFocus } from './AddPhone';
import { PasswordVeil } from './PasswordVeil';
import { PhoneSource } from './PhoneSource';

type Props = {
  password: string;
  /** Whose social service gets the call: its phone number, where it comes from, or one field to add it. */
  recipient: Recipient | null;
  passed: boolean;
  onPassed: (passed: boolean) => void;
};

/** A generated password reads "k7xm-4rp9-…": the aid says to type it in lower case with the dashes (issue 21.1). */
const generatedForm = /^[a-z2-9]{4}(-[a-z2-9]{4})+$/u;

/**
 * The password call, the same box at the done step and on the manual route (issue 21.8): the number to ring and where
 * it comes from, the password (hidden after a few idle minutes), the spelling aid that starts with how to type it,
 * and "Wachtwoord doorgegeven".
 */
export function PasswordCall({ password, recipient, passed, onPassed }: Props) {
  const [addingPhone, setAddingPhone] = useState(false);
  const { phoneRef, addRef, closed } = usePhoneFocus(recipient?.phone ?? null);
  return (
    <section aria-labelledby="password-heading" className="card password-call">
      <h2 id="password-heading">{t('done_callHeading')}</h2>
      {recipient?.phone ? (
        <>
          <p ref={phoneRef} tabIndex={-1}>
            {t('done_callPhone', [recipient.name, recipient.phone])}
          </p>
          <PhoneSource recipient={recipient} />
        </>
      ) : recipient ? (
        <>
          <p className="muted">{t('done_noPhone', [recipient.name])}</p>
          {addingPhone ? (
            <AddPhone
              recipientId={recipient.id}
              recipientName={recipient.name}
              onDone={(saved) => {
                setAddingPhone(false);
                closed(saved);
              }}
            />
          ) : (
            <p>
              <button type="button" className="secondary" ref={addRef} onClick={() => setAddingPhone(true)}>
                {t('done_addPhone')}
              </button>
            </p>
          )}
        </>
      ) : null}
      <PasswordVeil>
        <p>
          <output className="password password-large" aria-label={t('done_password')}>{password}</output>{' '}
          <CopyButton text={password} label={t('done_password')} sensitive />
        </p>
        <p className="muted">{t(generatedForm.test(password) ? 'done_spellIntro' : 'done_spellIntroTyped')}</p>
        <ol className="spelling">
          {spellPassword(password).map(({ group, spoken }, index) => (
            <li key={`${index}-${group}`}>
              <span className="password">{group}</span>: {spoken}
            </li>
          ))}
        </ol>
      </PasswordVeil>
      <p className="muted">{t('done_passwordAdvice')}</p>
      <label className="check">
        <input type="checkbox" name="handover" checked={passed} onChange={(event) => onPassed(event.target.checked)} /> {t('done_passed')}
      </label>
    </section>
  );
}
