import { browser } from 'wxt/browser';
import { broadcastSchema } from '../messages';

/**
 * Which webmail tab the panel works for. The side panel (Chrome, Edge) and the sidebar (Firefox) work for the tab
 * that is active in their window and follow it when the worker switches tabs. The panel window that Firefox opens
 * from the in-page button is bound to the tab whose button was clicked (`?tab=<id>` in its address).
 */
export type TabSource = {
  /** True when the panel is bound to one tab (Firefox's panel window) rather than following the active tab. */
  readonly bound: boolean;
  current(): Promise<number | null>;
  /** Calls back whenever the answer of `current()` or that tab's page may have changed. */
  subscribe(onChange: () => void): () => void;
};

/** The tab id a panel window is bound to, from its own address; null for the side panel and the sidebar. */
export function boundTabId(search: string): number | null {
  const value = new URLSearchParams(search).get('tab');
  return value !== null && /^\d{1,10}$/u.test(value) ? Number(value) : null;
}

export function browserTabSource(search: string): TabSource {
  const bound = boundTabId(search);
  return {
    bound: bound !== null,
    async current() {
      if (bound !== null) return bound;
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      return active?.id ?? null;
    },
    subscribe(onChange) {
      const activated = () => onChange();
      const updated = (_tabId: number, change: { status?: string }) => {
        if (change.status === 'complete') onChange();
      };
      // The content script says when it is ready on a page (Roundcube reloads its compose page).
      const announced = (message: unknown) => {
        if (broadcastSchema.safeParse(message).data?.type === 'tab.ready') onChange();
      };
      browser.tabs.onActivated.addListener(activated);
      browser.tabs.onUpdated.addListener(updated);
      browser.runtime.onMessage.addListener(announced);
      return () => {
        browser.tabs.onActivated.removeListener(activated);
        browser.tabs.onUpdated.removeListener(updated);
        browser.runtime.onMessage.removeListener(announced);
      };
    },
  };
}
