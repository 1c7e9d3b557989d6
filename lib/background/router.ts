import { browser, type Browser } from 'wxt/browser';
import { backgroundMessageSchema, panelMessageSchema, type TabMessage } from '../messages';
import { clearFormState, formStateSchema, loadFormState, saveFormState } from '../session/form-state';

type Sender = Browser.runtime.MessageSender;

/** Messages dropped because of their sender or shape: counted, so a test can see forgeries fail. */
export const dropped = { count: 0 };

function fromOurPage(sender: Sender, page: '/panel.html' | '/options.html'): boolean {
  if (sender.id !== browser.runtime.id || typeof sender.url !== 'string') return false;
  const url = new URL(sender.url);
  const ours = new URL(browser.runtime.getURL(page));
  // Chrome may answer getURL with the panel's dynamic URL (use_dynamic_url) while the sender shows the static id.
  return url.protocol === ours.protocol && url.pathname === ours.pathname && (url.host === ours.host || url.host === browser.runtime.id);
}

function toTab(tabId: number, message: TabMessage): Promise<unknown> {
  // Frame 0: the webmail page's own content script, never a frame inside it.
  return browser.tabs.sendMessage(tabId, message, { frameId: 0 });
}

const pendingKey = (tabId: number) => `openPanel:${tabId}`;

/**
 * The background's whole job: pass the panel's requests to the content script of the tab the panel sits in,
 * remember to reopen the panel after Roundcube's navigation to its compose page, and run the self-check for
 * the options page. Anything from another sender, or of another shape, is dropped.
 */
export async function route(message: unknown, sender: Sender, hooks: { syncRoundcube: () => Promise<void> }): Promise<unknown> {
  const tabId = sender.tab?.id;
  const panel = panelMessageSchema.safeParse(message);
  if (panel.success) {
    if (!fromOurPage(sender, '/panel.html')) return drop();
    switch (panel.data.type) {
      case 'form.save': {
        const form = formStateSchema.safeParse(panel.data.form);
        if (!form.success) return drop();
        await saveFormState(form.data);
        return true;
      }
      case 'form.load':
        return loadFormState();
      case 'form.clear':
        await clearFormState();
        return true;
    }
    // The panel must sit in a tab whose address we may see: a webmail host, or a Roundcube origin the user granted.
    if (tabId === undefined || !sender.tab?.url) return drop();
    switch (panel.data.type) {
      case 'draft.make':
        return toTab(tabId, { type: 'tab.makeDraft', request: panel.data.request });
      case 'draft.read':
        return toTab(tabId, { type: 'tab.readDraft' });
      case 'panel.close':
        return toTab(tabId, { type: 'tab.closePanel' });
    }
  }
  const other = backgroundMessageSchema.safeParse(message);
  if (!other.success || sender.id !== browser.runtime.id) return drop();
  switch (other.data.type) {
    case 'panel.openAfterNavigation':
      if (tabId === undefined) return drop();
      await browser.storage.session.set({ [pendingKey(tabId)]: true });
      return true;
    case 'panel.shouldOpen': {
      if (tabId === undefined) return drop();
      const pending = (await browser.storage.session.get(pendingKey(tabId)))[pendingKey(tabId)] === true;
      await browser.storage.session.remove(pendingKey(tabId));
      return pending;
    }
    case 'roundcube.sync':
      if (!fromOurPage(sender, '/options.html')) return drop();
      await hooks.syncRoundcube();
      return true;
    case 'selfCheck.run':
      if (!fromOurPage(sender, '/options.html')) return drop();
      return toTab(other.data.tabId, { type: 'tab.selfCheck' });
  }
}

function drop(): undefined {
  dropped.count += 1;
  return undefined;
}
