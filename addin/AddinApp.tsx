import { useEffect, useState } from 'react';
import { useDirectory } from '../components/common/useDirectory';
import { ManagedSection } from '../components/options/ManagedSection';
import { ReferrerSection } from '../components/options/ReferrerSection';
import { PanelApp } from '../components/panel/PanelApp';
import { currentLocale, t } from '../lib/i18n';
import type { PanelClient } from '../lib/panel/client';
import type { TabSource } from '../lib/panel/webmail-tab';
import { PilotSection, type AddinPilot } from './PilotSection';
import { officeFailureText } from './texts';

/** What the task pane shows: the panel, or the add-in's settings (the worker's details, the organisation's mailboxes). */
export type AddinView = 'panel' | 'settings';

/** A small store the shell and its platform share: `openSettings` switches the view, the client reports failures. */
export type AddinShell = {
  view: AddinView;
  /** The detail of the last failed draft (`outlookAddin: <code> (…)`), or null. */
  failure: string | null;
};

type Props = {
  client: PanelClient;
  tabs: TabSource;
  shell: { get(): AddinShell; set(change: Partial<AddinShell>): void; subscribe(listener: () => void): () => void };
  /** The pilot check's mail and host (issue 22.6); without it the settings show no "Test de koppeling". */
  pilot?: AddinPilot;
};

/**
 * The add-in's settings view: the options page's sections that need no browser extension (the referrer's details and
 * language, and what the organisation set: "Ingesteld door je organisatie"), the pilot check, and a way back to the panel.
 */
function SettingsView({ onBack, pilot }: { onBack: () => void; pilot: AddinPilot | undefined }) {
  const { directory, layers } = useDirectory();
  const [, setLanguageVersion] = useState(0);
  return (
    <main className="options">
      <p>
        <button type="button" className="link" onClick={onBack}>
          {t('panel_back')}
        </button>
      </p>
      <h1>
        {t('extName')} – {t('opt_title')}
      </h1>
      <ReferrerSection directory={directory} onLanguage={() => setLanguageVersion((value) => value + 1)} />
      <ManagedSection directory={directory} layers={layers} />
      {pilot ? <PilotSection pilot={pilot} /> : null}
    </main>
  );
}

/**
 * The task pane: the extension's own panel over the Office client. Why Outlook refused the last draft (a reply, a mail
 * that is not empty, an attachment too large…) is said above it in the worker's language, beside the panel's own
 * "this step did not work".
 */
export function AddinApp({ client, tabs, shell, pilot }: Props) {
  const [state, setState] = useState(shell.get());
  useEffect(() => shell.subscribe(() => setState(shell.get())), [shell]);
  const refusal = state.failure === null ? null : officeFailureText(state.failure, currentLocale());
  // The panel stays mounted (hidden) while the settings show: a referral being typed or a draft being watched lives
  // in its memory only.
  return (
    <>
      {state.view === 'settings' ? <SettingsView onBack={() => shell.set({ view: 'panel' })} pilot={pilot} /> : null}
      <div hidden={state.view === 'settings'}>
        {refusal ? (
          <p className="decision refuse addin-refusal" role="alert">
            {refusal}
          </p>
        ) : null}
        <PanelApp client={client} tabs={tabs} />
      </div>
    </>
  );
}
