import { useEffect, useState } from 'react';
import { t } from '../../lib/i18n';
import type { RegisterEntry } from '../../lib/register/schema';
import { loadRegister } from '../../lib/register/storage';
import { formStateSchema, type FormState } from '../../lib/session/form-state';
import { loadSettings, type Settings } from '../../lib/settings';
import { ReferralWizard, type Send } from './ReferralWizard';
import { RegisterView } from './RegisterView';
import { WithdrawView, type WithdrawTarget } from './WithdrawView';

export type { Send } from './ReferralWizard';

type Mode =
  | { kind: 'referral'; correcting: RegisterEntry | null; initialForm: FormState | null; key: number }
  | { kind: 'register' }
  | { kind: 'withdraw'; target: WithdrawTarget }
  | { kind: 'loading' };

/** Back to the referral being typed (kept in the background's session storage), or a new one. */
async function referralMode(send: Send): Promise<Mode> {
  const [saved, register] = await Promise.all([send({ type: 'form.load' }).catch(() => null), loadRegister()]);
  const parsed = formStateSchema.safeParse(saved);
  const form = parsed.success ? parsed.data : null;
  // A correction closed by accident reopens as that correction.
  const correcting = form?.corrects ? (register.find((entry) => entry.reference === form.corrects) ?? null) : null;
  return { kind: 'referral', correcting, initialForm: form, key: Date.now() };
}

/** The panel in the webmail: a new referral (SPEC F1), or from the register a withdrawal (F2) or a correction (F3). */
export function PanelApp({ send }: { send: Send }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'loading' });

  const openReferral = () => void referralMode(send).then(setMode);

  useEffect(() => {
    void loadSettings().then(setSettings);
    void referralMode(send).then(setMode);
  }, [send]);

  const close = () => void send({ type: 'panel.close' }).catch(() => undefined);

  return (
    <main className="panel">
      <header className="panel-header">
        <nav aria-label={t('panel_heading')}>
          <button type="button" className="link" aria-pressed={mode.kind === 'referral' && !mode.correcting} onClick={openReferral}>
            {t('panel_modeNew')}
          </button>
          {' · '}
          <button type="button" className="link" aria-pressed={mode.kind === 'register' || mode.kind === 'withdraw'} onClick={() => setMode({ kind: 'register' })}>
            {t('panel_modeRegister')}
          </button>
        </nav>
        <button type="button" className="link close" onClick={close} aria-label={t('panel_close')} title={t('panel_close')}>
          ×
        </button>
      </header>
      {settings === null || mode.kind === 'loading' ? null : mode.kind === 'referral' ? (
        <ReferralWizard key={mode.key} send={send} settings={settings} correcting={mode.correcting} initialForm={mode.initialForm} onFinished={close} />
      ) : mode.kind === 'register' ? (
        <RegisterView
          onWithdraw={(target) => setMode({ kind: 'withdraw', target })}
          onCorrect={(entry) => setMode({ kind: 'referral', correcting: entry, initialForm: null, key: Date.now() })}
        />
      ) : (
        <WithdrawView send={send} settings={settings} target={mode.target} onFinished={close} />
      )}
    </main>
  );
}
