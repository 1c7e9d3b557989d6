import type { ReactNode } from 'react';
import { t } from '../../lib/i18n';
import { passwordVeilAfterMs } from '../../lib/panel/idle';
import { useIdle } from './useIdle';

/**
 * Shows the password (and what spells it out) until the panel has had no input for a few minutes; then only a
 * "Toon wachtwoord" button, so the next person at a shared PC does not find it on screen (issue 20.2). While hidden,
 * the password is not in the page at all.
 */
export function PasswordVeil({ children }: { children: ReactNode }) {
  const { idle, wake } = useIdle(passwordVeilAfterMs);
  if (!idle) return <>{children}</>;
  return (
    <p className="veiled">
      <span className="muted">{t('password_veiled')}</span>{' '}
      <button type="button" className="secondary" onClick={wake}>
        {t('password_show')}
      </button>
    </p>
  );
}
