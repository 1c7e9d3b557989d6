import { browser } from 'wxt/browser';
import { route } from '../../lib/background/router';
import type { PanelMessage, TabMessage } from '../../lib/messages';
import { createPanelClient, type PanelClient } from '../../lib/panel/client';
import type { TabSource } from '../../lib/panel/webmail-tab';

/** The webmail tab of the component tests: id 1, a Gmail tab whose content script answers through `reply`. */
export const webmailTabId = 1;

/**
 * What the panel's messages meet in the extension: the real background router over WXT's fake browser, with the
 * webmail tab's content script played by `reply` (it gets the message the background passes on, as the content
 * script would). `reply` also sees `tab.describe`, answered as Gmail unless it says otherwise.
 */
export function panelTransport(reply: (message: TabMessage) => unknown): PanelClient {
  const sender = { id: browser.runtime.id, url: browser.runtime.getURL('/sidepanel.html') };
  // The background sends only to a tab whose origin it drives (issue 20.5): the webmail tab is at Gmail.
  browser.tabs.get = (async (tabId: number) => {
    if (tabId !== webmailTabId) throw new Error(`No tab with id: ${tabId}.`);
    return { id: tabId, url: 'https://mail.google.com/mail/u/0/' };
  }) as unknown as typeof browser.tabs.get;
  browser.tabs.sendMessage = (async (tabId: number, message: TabMessage) => {
    if (tabId !== webmailTabId) throw new Error('Could not establish connection. Receiving end does not exist.');
    const answer = await reply(message);
    if (answer !== undefined || message.type !== 'tab.describe') return answer;
    return { adapter: 'gmail', name: 'Gmail', origin: 'https://mail.google.com', compose: true };
  }) as unknown as typeof browser.tabs.sendMessage;
  const hooks = { syncRoundcube: async () => undefined, openPanel: async () => undefined };
  return createPanelClient((message: PanelMessage) => route(message, sender as never, hooks));
}

/** A panel that works for one tab, which never changes (or for `null`: no tab at all). */
export function fixedTab(tabId: number | null = webmailTabId): TabSource {
  return { bound: false, current: async () => tabId, subscribe: () => () => undefined };
}
