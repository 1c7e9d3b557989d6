/// <reference types="office-js" />
import '../lib/zod-setup';
import { mountPage } from '../components/common/mount';
import { t } from '../lib/i18n';
import { setPlatform } from '../lib/platform';
import { AddinApp, type AddinShell } from './AddinApp';
import { createOfficeClient, officeTabSource } from './client';
import type { OfficeComposeItem } from './office-draft';
import { officeHost, officeOwnAddress } from './pilot';
import { createAddinPlatform } from './platform';
import '../components/common/styles.css';

// The task pane (issue 22.2): office.js (Microsoft's CDN, a script tag before this module) says when Outlook is ready;
// then the shell is set and the same panel as the extension's is mounted over the mail the pane was opened in.

/** The shell's small store: the view shown and the last failure, shared by the platform, the client and the app. */
function createShell() {
  let state: AddinShell = { view: 'panel', failure: null };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(change: Partial<AddinShell>) {
      state = { ...state, ...change };
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Without Outlook (office.js not loaded, or the page opened outside a mail) the pane says so and does nothing else. */
function outsideOutlook(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const text = document.createElement('p');
  text.setAttribute('role', 'alert');
  text.textContent = t('addin_noMail');
  root.replaceChildren(text);
}

async function start(): Promise<void> {
  if (typeof Office === 'undefined') {
    outsideOutlook();
    return;
  }
  await Office.onReady();
  // Compose mode only: a message being written has `to.setAsync`; a read item (or none) does not.
  const item: unknown = Office.context.mailbox?.item;
  if (typeof item !== 'object' || item === null || typeof (item as { to?: { setAsync?: unknown } }).to?.setAsync !== 'function') {
    outsideOutlook();
    return;
  }
  const shell = createShell();
  setPlatform(createAddinPlatform({ pageUrl: location.href, openSettings: () => shell.set({ view: 'settings' }) }));
  const client = createOfficeClient(item as OfficeComposeItem, { onFailure: (failure) => shell.set({ failure }) });
  const pilot = { item: item as OfficeComposeItem, ownAddress: officeOwnAddress(), host: officeHost() };
  await mountPage(() => <AddinApp client={client} tabs={officeTabSource} shell={shell} pilot={pilot} />);
}

void start();
