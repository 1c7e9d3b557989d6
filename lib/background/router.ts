import { browser, type Browser } from 'wxt/browser';
import {
  optionsMessageSchema,
  pageMessageSchema,
  panelMessageSchema,
  type BroadcastMessage,
  type OptionsMessage,
  type PageMessage,
  type PanelMessage,
  type TabMessage,
} from '../messages';
import { unanswered } from '../messaging/answer';
import { clearFormState, formStateSchema, loadFormState, saveFormState } from '../session/form-state';
import { loadSettings } from '../settings';
import { allowedNow, isAllowedOrigin, recordAnnouncement, senderOrigin, tabTarget } from './origins';

type Sender = Browser.runtime.MessageSender;

/** The extension pages that may talk to the background, by path. */
export const panelPath = '/sidepanel.html';
const optionsPath = '/options.html';
type OurPage = typeof panelPath | typeof optionsPath;

/** What the background does besides routing, given by the entrypoint so the router stays testable. */
export type RouterHooks = {
  syncRoundcube: () => Promise<void>;
  /**
   * Opens the panel beside the tab whose button was clicked. Called synchronously, inside the click's message:
   * Chrome lets `sidePanel.open` through only in that user gesture.
   */
  openPanel: (tabId: number, windowId: number | undefined) => Promise<unknown>;
  /**
   * True where the panel opens only inside the click's task (Chrome's side panel). Then a `panel.open` that reaches a
   * background just woken, before it read the stored Roundcube origins, opens without waiting for them: there the
   * Roundcube script is registered for the exact origins only, and every tab-bound message is still checked.
   */
  panelOpensInGesture?: boolean;
};

/** Messages dropped because of their sender, their tab's origin or their shape: counted, so a test can see forgeries fail. */
export const dropped = { count: 0 };

function drop(): undefined {
  dropped.count += 1;
  return undefined;
}

/** True when the sender is one of our own extension pages at `path` (not a content script, not another extension). */
function fromOurPage(sender: Sender, path: OurPage): boolean {
  if (sender.id !== browser.runtime.id || typeof sender.url !== 'string') return false;
  const ours = new URL(browser.runtime.getURL(path));
  try {
    const url = new URL(sender.url);
    return url.origin === ours.origin && url.pathname === ours.pathname;
  } catch {
    return false;
  }
}

/**
 * Passes a message to the content script of a webmail tab, only while that tab's origin, by the browser's account, is
 * one we drive (issue 20.5): Outlook, Gmail or exactly a stored Roundcube origin. Otherwise, or when the tab left
 * that origin before its answer came, the message or the answer is dropped.
 */
async function toTab(tabId: number, message: TabMessage): Promise<unknown> {
  const target = await tabTarget(tabId);
  if (!(await isAllowedOrigin(target.origin))) return drop();
  let answer: unknown;
  try {
    // Frame 0: the webmail page's own content script, never a frame inside it; or the very document that announced itself.
    answer = await browser.tabs.sendMessage(tabId, message, target.documentId === undefined ? { frameId: 0 } : { documentId: target.documentId });
  } catch {
    // No content script of ours listens there (not loaded yet, or gone with its page): the panel learns which (issue 23.5).
    return unanswered('noReceiver');
  }
  if ((await tabTarget(tabId)).origin !== target.origin) return drop();
  return answer;
}

type HandlerMap<M extends { type: string }> = { [K in M['type']]: (message: Extract<M, { type: K }>, sender: Sender) => unknown };

function panelHandlers(): HandlerMap<PanelMessage> {
  return {
    'draft.make': ({ tabId, request }) => toTab(tabId, { type: 'draft.make', request }),
    'draft.read': ({ tabId }) => toTab(tabId, { type: 'draft.read' }),
    'tab.describe': ({ tabId }) => toTab(tabId, { type: 'tab.describe' }),
    'form.save': async ({ form }) => {
      const parsed = formStateSchema.safeParse(form);
      if (!parsed.success) return drop();
      await saveFormState(parsed.data);
      return true;
    },
    'form.load': () => loadFormState(),
    'form.clear': async () => {
      await clearFormState();
      return true;
    },
  };
}

function pageHandlers(hooks: RouterHooks): HandlerMap<PageMessage> {
  return {
    'panel.open': (_message, sender) => {
      const tabId = sender.tab?.id;
      // From the top frame of a webmail tab only: our content script runs there, never in a frame.
      if (tabId === undefined || sender.frameId !== 0) return drop();
      const windowId = sender.tab?.windowId;
      // Judged in this task where the stored origins are known: Chrome opens its side panel only in the click's task.
      const allowed = allowedNow(senderOrigin(sender));
      if (allowed === true || (allowed === undefined && hooks.panelOpensInGesture === true)) return hooks.openPanel(tabId, windowId);
      if (allowed === false) return drop();
      return isAllowedOrigin(senderOrigin(sender)).then((ok) => (ok ? hooks.openPanel(tabId, windowId) : drop()));
    },
    'tab.ready': async (_message, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || sender.frameId !== 0 || !(await isAllowedOrigin(senderOrigin(sender)))) return drop();
      await recordAnnouncement(tabId, sender);
      // To every extension page: an open panel for this tab asks the content script again.
      return browser.runtime.sendMessage({ type: 'tab.ready', tabId } satisfies BroadcastMessage).catch(() => undefined);
    },
    // Only the language: nothing else of the settings (the referrer's details) goes to the webmail page's world.
    'page.hello': async () => ({ language: (await loadSettings()).language }),
  };
}

function optionsHandlers(hooks: RouterHooks): HandlerMap<OptionsMessage> {
  return {
    'roundcube.sync': async () => {
      await hooks.syncRoundcube();
      return true;
    },
    'selfCheck.run': ({ tabId }) => toTab(tabId, { type: 'selfCheck.run' }),
    'pilot.run': ({ tabId, to, afterNavigation }) => toTab(tabId, { type: 'pilot.run', to, ...(afterNavigation ? { afterNavigation } : {}) }),
  };
}

function run<M extends { type: string }>(handlers: HandlerMap<M>, message: M, sender: Sender): unknown {
  const handler = handlers[message.type as M['type']] as (message: M, sender: Sender) => unknown;
  return handler(message, sender);
}

/**
 * The background's whole job: pass the side panel's requests to the content script of the webmail tab it names,
 * keep the panel's form in memory-only session storage, open the panel when the in-page button asks, and serve the
 * options page. Each kind of sender has its own message vocabulary; anything from another sender, or of another
 * shape, is dropped. Not async: `panel.open` must reach `openPanel` in the same task as the click's message.
 */
export function route(message: unknown, sender: Sender, hooks: RouterHooks): Promise<unknown> {
  if (sender.id !== browser.runtime.id) return Promise.resolve(drop());
  const panel = panelMessageSchema.safeParse(message);
  if (panel.success) return Promise.resolve(fromOurPage(sender, panelPath) ? run(panelHandlers(), panel.data, sender) : drop());
  const options = optionsMessageSchema.safeParse(message);
  if (options.success) return Promise.resolve(fromOurPage(sender, optionsPath) ? run(optionsHandlers(hooks), options.data, sender) : drop());
  const page = pageMessageSchema.safeParse(message);
  // The in-page button's request comes from a content script: a tab, never an extension page.
  if (page.success && sender.tab !== undefined && sender.url !== undefined && !sender.url.startsWith(new URL(browser.runtime.getURL('/')).origin)) {
    return Promise.resolve(run(pageHandlers(hooks), page.data, sender));
  }
  return Promise.resolve(drop());
}
