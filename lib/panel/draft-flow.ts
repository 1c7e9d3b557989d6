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
 * Asks a webmail tab across the webmail's own navigation. When the webmail composes on a page of its own (Roundcube),
 * the content script sends the tab there and answers "navigating": wait for the new page's content script, then ask
 * again, saying that the page was opened for us. Each "navigating" answer is shown to `left` on the way. Null when
 * the tab cannot be reached, or does not come back from its navigation. The draft and the pilot check both use it.
 */
export async function acrossNavigation<T extends { status: string }>(
  tabId: number,
  ask: (afterNavigation: boolean) => Promise<T | null>,
  left: (answer: T) => void = () => undefined,
): Promise<T | null> {
  let afterNavigation = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const waiting = tabReady(tabId);
    const answer = await ask(afterNavigation);
    if (answer?.status !== 'navigating') {
      waiting.cancel();
      return answer;
    }
    left(answer);
    if (!(await waiting.ready)) return null;
    afterNavigation = true;
  }
  return null;
}

/** The draft in the tab, through the webmail's navigation when it has one (acrossNavigation). */
export async function fillDraft(client: Pick<PanelClient, 'makeDraft'>, tabId: number, request: DraftRequestMessage): Promise<DraftResult | null> {
  // What the page it left held (issue 21.10): only the answer before the navigation knows it.
  // Set in the callback: declared wide, as TypeScript does not follow assignments there.
  let displaced = null as Displaced | null;
  const answer = await acrossNavigation(
    tabId,
    (afterNavigation) => client.makeDraft(tabId, afterNavigation ? { ...request, afterNavigation } : request),
    (navigating) => {
      if (navigating.status === 'navigating') displaced = navigating.displaced ?? displaced;
    },
  );
  return answer && displaced && !answer.displaced ? { ...answer, displaced } : answer;
}
