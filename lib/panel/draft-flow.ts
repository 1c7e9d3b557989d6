import { browser } from 'wxt/browser';
import { broadcastSchema, type Displaced, type DraftRequestMessage, type DraftResult } from '../messages';
import type { PanelClient } from './client';

/** How long a webmail may take to load its compose page after we sent it there (Roundcube). */
const navigationTimeoutMs = 20_000;

/** Resolves true when the content script of `tabId` says it is ready on a new page, false after `timeoutMs`. */
export function tabReady(tabId: number, timeoutMs: number = navigationTimeoutMs): { ready: Promise<boolean>; cancel: () => void } {
  let cancel: () => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => {
    const listener = (message: unknown) => {
      const parsed = broadcastSchema.safeParse(message);
      if (parsed.success && parsed.data.type === 'tab.ready' && parsed.data.tabId === tabId) done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (value: boolean) => {
      clearTimeout(timer);
      browser.runtime.onMessage.removeListener(listener);
      resolve(value);
    };
    cancel = () => done(false);
    browser.runtime.onMessage.addListener(listener);
  });
  return { ready, cancel };
}

/**
 * Asks the webmail tab for the draft. When the webmail composes on a page of its own (Roundcube), the content
 * script sends the tab there and answers "navigating": wait for the new page's content script, then ask again,
 * saying that the page was opened for us. Null when the tab cannot be reached.
 */
export async function fillDraft(client: Pick<PanelClient, 'makeDraft'>, tabId: number, request: DraftRequestMessage): Promise<DraftResult | null> {
  let afterNavigation = false;
  // What the page it left held (issue 21.10): only the answer before the navigation knows it.
  let displaced: Displaced | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const waiting = tabReady(tabId);
    const answer = await client.makeDraft(tabId, afterNavigation ? { ...request, afterNavigation } : request);
    if (answer?.status !== 'navigating') {
      waiting.cancel();
      return answer && displaced && !answer.displaced ? { ...answer, displaced } : answer;
    }
    displaced = answer.displaced ?? displaced;
    if (!(await waiting.ready)) return null;
    afterNavigation = true;
  }
  return null;
}
