import { useEffect, useId, useState } from 'react';
import { t } from '../../lib/i18n';
import { checkPasswordLazily } from '../../lib/password/lazy';
import type { PasswordCheck } from '../../lib/password/strength';
import type { FormState } from '../../lib/session/form-schema';
import { CopyButton } from '../common/CopyButton';

type Props = {
  mode: FormState['passwordMode'];
  generated: string;
  recipientName: string;
  hasPreShared: boolean;
  typed: string;
  userInputs: string[];
  error?: string | undefined;
  onMode: (mode: FormState['passwordMode']) => void;
  onTyped: (value: string) => void;
};

/** The password choice on the client step: generated (the default, shown at the done step, never stored), the deployer's pre-shared key, or one typed and checked. */
export function PasswordStep({ mode, generated, recipientName, hasPreShared, typed, userInputs, error, onMode, onTyped }: Props) {
  const typedId = useId();
  const [checked, setChecked] = useState<{ password: string; result: PasswordCheck } | null>(null);
  const inputsKey = userInputs.join('\n');
  useEffect(() => {
    if (mode !== 'typed' || typed === '') return undefined;
    // The estimator takes tens of milliseconds: check when typing pauses, not on every key.
    const timer = setTimeout(() => {
      void checkPasswordLazily(typed, { userInputs: inputsKey.split('\n') }).then((result) => setChecked({ password: typed, result }));
    }, 250);
    return () => clearTimeout(timer);
  }, [mode, typed, inputsKey]);
  // A result counts only for the password it was computed for.
  const check = mode === 'typed' && checked?.password === typed ? checked.result : null;
  const message = error ?? (check && !check.ok ? check.message : undefined);
  return (
    <>
      <fieldset>
        <legend className="sr-only">{t('password_heading')}</legend>
        <label className="radio">
          <input type="radio" name="password-mode" checked={mode === 'generated'} onChange={() => onMode('generated')} /> {t('password_generated')}
        </label>
        {hasPreShared ? (
          <label className="radio">
            <input type="radio" name="password-mode" checked={mode === 'preshared'} onChange={() => onMode('preshared')} />{' '}
            {t('password_preshared', [recipientName])}
          </label>
        ) : null}
        <label className="radio">
          <input type="radio" name="password-mode" checked={mode === 'typed'} onChange={() => onMode('typed')} /> {t('password_typed')}
        </label>
      </fieldset>
      {mode === 'generated' ? (
        <div className="password-box">
          <p>
            <output className="password" aria-label={t('done_password')}>{generated}</output> <CopyButton text={generated} label={t('done_password')} sensitive />
          </p>
          <p>{t('password_advice')}</p>
        </div>
      ) : null}
      {mode === 'preshared' ? <p className="password-box">{t('password_presharedAdvice')}</p> : null}
      {mode === 'typed' ? (
        <div className="field">
          <label htmlFor={typedId}>{t('password_typedLabel')}</label>
          <input
            id={typedId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => onTyped(event.target.value)}
            aria-invalid={message ? true : undefined}
            aria-describedby={message || check?.ok ? `${typedId}-status` : undefined}
          />
          {message ? <p id={`${typedId}-status`} className="field-error">{message}</p> : null}
          {!message && check?.ok ? <p id={`${typedId}-status`} className="ok">{t('password_ok')}</p> : null}
          <p>{t('password_advice')}</p>
        </div>
      ) : null}
    </>
  );
}
