import { useState } from 'react';
import type { DirectoryMatch, Recipient } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { generatePassword } from '../../lib/password/generate';
import { checkPasswordLazily } from '../../lib/password/lazy';
import type { FormState } from '../../lib/session/form-schema';
import { PasswordStep } from './PasswordStep';
import { passwordModeFor, passwordModeKey } from './recipient';

/**
 * The referral's password (RULES F1): generated (the default), the recipient's pre-shared key, or one the worker
 * typed. The mode follows the recipient (issue 13.2); `choose` gives the password "Maak concept" packs with.
 */
export function usePasswordChoice(form: FormState, setForm: (form: FormState) => void, match: DirectoryMatch | undefined) {
  const [generated] = useState(generatePassword);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  // Re-derived whenever the recipient (or its key) changes; the worker's own choice for this recipient holds.
  const key = passwordModeKey(match);
  const [modeFor, setModeFor] = useState<string | null>(null);
  if (modeFor !== key) {
    // Adjusting state while rendering when the recipient changes (React's pattern for state derived from a change).
    setModeFor(key);
    const mode = passwordModeFor(key, form.passwordMode);
    if (mode !== form.passwordMode) setForm({ ...form, passwordMode: mode });
  }
  // What the strength check must not find in a typed password: the client's details and the place.
  const userInputs = [
    ...Object.values(form.client).filter((value) => value.trim() !== ''),
    ...(match ? [match.municipality.nameNl, match.municipality.nameFr] : []),
  ];

  /** The password to pack with, or null when there is none yet (the form or the error says why). */
  async function choose(recipient: Recipient): Promise<string | null> {
    // A pre-shared mode without a key for this recipient (a restored form, a recipient changed) never makes a zip.
    if (form.passwordMode === 'preshared' && !recipient.preSharedKey) {
      setForm({ ...form, passwordMode: 'generated' });
      return null;
    }
    let password = generated;
    if (form.passwordMode === 'preshared' && recipient.preSharedKey) password = recipient.preSharedKey;
    else if (form.passwordMode === 'typed') {
      const check = await checkPasswordLazily(typed, { userInputs });
      if (!check.ok) {
        setError(check.message);
        return null;
      }
      password = typed;
    }
    setError(undefined);
    return password;
  }

  return { generated, typed, setTyped, error, userInputs, choose };
}

type Props = {
  mode: FormState['passwordMode'];
  recipient: Recipient;
  choice: ReturnType<typeof usePasswordChoice>;
  onMode: (mode: FormState['passwordMode']) => void;
};

/** The choice on the client step: the default needs no click; another is one click away, and a typed one stays open. */
export function PasswordChoice({ mode, recipient, choice, onMode }: Props) {
  return (
    <details className="password-choice" open={mode === 'typed' || choice.error !== undefined}>
      <summary>
        {mode === 'preshared'
          ? t('password_summaryPreshared', [recipient.name])
          : mode === 'typed'
            ? t('password_summaryTyped')
            : t('password_summaryGenerated')}
      </summary>
      <PasswordStep
        mode={mode}
        generated={choice.generated}
        recipientName={recipient.name}
        hasPreShared={recipient.preSharedKey !== null}
        typed={choice.typed}
        userInputs={choice.userInputs}
        error={choice.error}
        onMode={onMode}
        onTyped={choice.setTyped}
      />
    </details>
  );
}
