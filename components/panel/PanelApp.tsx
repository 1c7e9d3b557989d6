import { useCallback, useEffect, useState } from 'react';
import { clearCopiedSecrets } from '../../lib/clipboard';
import { t } from '../../lib/i18n';
import { panelWipeAfterMs } from '../../lib/panel/idle';
import { platform } from '../../lib/platform';
import { broadcastSchema } from '../../lib/messages';
import type { PanelClient } from '../../lib/panel/client';
import type { TabSource } from '../../lib/panel/webmail-tab';
import type { RegisterEntry } from '../../lib/register/schema';
import { loadRegister } from '../../lib/register/storage';
import type { FormState } from '../../lib/session/form-schema';
import { loadSettings, settingsItem, type Settings } from '../../lib/settings';
import { LookupView } from '../lookup/LookupView';
import { PendingSent } from './PendingSent';
import { ReferralWizard } from './ReferralWizard';
import { RegisterView } from './RegisterView';
import { useIdle } from './useIdle';
import { useWebmailTab, type WebmailTab } from './useWebmailTab';
import { WithdrawView, type WithdrawTarget } from './WithdrawView';

type Mode =
  | { kind: 'referral'; correcting: RegisterEntry | null; initialForm: FormState | null; key: number }
  | { kind: 'lookup' }
  | { kind: 'register' }
  | { kind: 'withdraw'; target: WithdrawTarget }
  | { kind: 'loading' };

type Props = {
  client: PanelClient;
  tabs: TabSource;
  /** Closes the panel's own window (Firefox's panel window); absent where the browser owns closing (side panel). */
  onClose?: () => void;
};

/** Back to the referral being typed (kept in the background's session storage), or a new one. */
async function referralMode(client: PanelClient): Promise<Mode> {
  const [form, register] = await Promise.all([client.loadForm(), loadRegister()]);
  // A correction closed by accident reopens as that correction.
  const correcting = form?.corrects ? (register.find((entry) => entry.reference === form.corrects) ?? null) : null;
  return { kind: 'referral', correcting, initialForm: form, key: Date.now() };
}

/** Where the draft will go: the webmail of the tab the panel works for, or what to do when there is none. */
function TargetLine({ tab }: { tab: WebmailTab }) {
  return (
    <>
      <p className={tab.info ? 'target' : 'target decision warn'}>
        {tab.info ? t('panel_target', [tab.info.name, new URL(tab.info.origin).host]) : t('panel_noWebmail')}
      </p>
      {/* "Het concept komt nu in dit tabblad" only where a draft can come: a tab with a webmail (issue 21.14). */}
      {tab.switched && tab.info ? (
        <p className="muted" role="status">
          {t('panel_followed')}
        </p>
      ) : null}
    </>
  );
}

/**
 * The panel beside the webmail (side panel, sidebar or panel window; never inside the page), with three views:
 * a referral (RULES F1, F3), the lookup (F4), and the register for a withdrawal (F2) or a correction.
 */
export function PanelApp({ client, tabs, onClose }: Props) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'loading' });
  const [expired, setExpired] = useState(false);
  const tab = useWebmailTab(client, tabs);

  const openReferral = useCallback(() => void referralMode(client).then(setMode), [client]);
  const fresh = () => setMode({ kind: 'referral', correcting: null, initialForm: null, key: Date.now() });

  useEffect(() => {
    void loadSettings().then(setSettings);
    openReferral();
  }, [openReferral]);
  // Settings saved in the options page or in this panel's "Aan de slag" count at once: the next draft is signed
  // with them, without reopening the panel.
  useEffect(() => settingsItem.watch(setSettings), []);

  useEffect(() => {
    // The background's idle wipe: the open panel lets go of the client's data too.
    const listener = (message: unknown) => {
      if (broadcastSchema.safeParse(message).data?.type !== 'form.expired') return;
      setExpired(true);
      setMode({ kind: 'referral', correcting: null, initialForm: null, key: Date.now() });
    };
    return platform().onBroadcast(listener);
  }, []);

  // The panel's own idle wipe, in every phase (issue 20.2): after 30 minutes without input the client's data, the
  // password, the zip and a password still on the clipboard go, also at the done step and in the fallback, where the
  // background's form is already gone.
  useIdle(panelWipeAfterMs, () => {
    setExpired(true);
    setMode({ kind: 'referral', correcting: null, initialForm: null, key: Date.now() });
    void clearCopiedSecrets();
    void client.clearForm();
  });

  // Done or discarded: the panel window closes; the side panel starts a blank referral (the browser closes it).
  const finished = () => (onClose ? onClose() : fresh());
  const inReferral = mode.kind === 'referral';
  const inRegister = mode.kind === 'register' || mode.kind === 'withdraw' || (mode.kind === 'referral' && mode.correcting !== null);

  return (
    <main className="panel">
      <header className="panel-header">
        <nav aria-label={t('panel_views')}>
          <button type="button" className="link" aria-pressed={inReferral && !inRegister} onClick={openReferral}>
            {t('panel_viewReferral')}
          </button>
          {' · '}
          <button type="button" className="link" aria-pressed={mode.kind === 'lookup'} onClick={() => setMode({ kind: 'lookup' })}>
            {t('panel_viewLookup')}
          </button>
          {' · '}
          <button type="button" className="link" aria-pressed={inRegister} onClick={() => setMode({ kind: 'register' })}>
            {t('panel_viewRegister')}
          </button>
        </nav>
        <button type="button" className="link" onClick={() => platform().openSettings()}>
          {t('ui_settings')}
        </button>
      </header>
      {mode.kind !== 'lookup' ? <TargetLine tab={tab} /> : null}
      {expired && mode.kind === 'referral' ? (
        <p className="muted" role="status">
          {t('panel_expired')}
        </p>
      ) : null}
      {/* Asked once per opening of the panel, above the next referral (issue 21.3). */}
      {mode.kind === 'referral' ? <PendingSent /> : null}
      {settings === null || mode.kind === 'loading' ? null : mode.kind === 'referral' ? (
        <ReferralWizard
          key={mode.key}
          client={client}
          tab={tab}
          settings={settings}
          correcting={mode.correcting}
          initialForm={mode.initialForm}
          onFinished={finished}
        />
      ) : mode.kind === 'lookup' ? (
        <LookupView />
      ) : mode.kind === 'register' ? (
        <RegisterView
          onWithdraw={(target) => setMode({ kind: 'withdraw', target })}
          onCorrect={(entry) => setMode({ kind: 'referral', correcting: entry, initialForm: null, key: Date.now() })}
        />
      ) : (
        <WithdrawView client={client} tab={tab} settings={settings} target={mode.target} onFinished={finished} />
      )}
    </main>
  );
}
