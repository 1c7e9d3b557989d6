// Firefox ESR's side of the end-to-end referral (the steps themselves are shared with Chromium: flow.ts).
//
// In Firefox the in-page button opens the panel in a small browser popup window bound to the tab whose button was
// clicked: moz-extension://<fixedUuid>/sidepanel.html?tab=<tabId>. What works in Firefox 153 (measured): the window
// is a new top-level browsing context (browsingContext.getTree lists it, in a client window of its own), and
// puppeteer makes a Page for it. That Page's url() stays 'about:blank' (BiDi sends no navigation events for
// extension documents, bug 1755014), but scripts, element handles, pointer clicks and keyboard input reach the
// panel's document. So the panel window is found by asking each page for its own location, and driven with real
// clicks and typing.
import type { Page } from 'puppeteer-core';
import { vi } from 'vitest';
import { bidiConnection, type FirefoxWithExtension } from '../browser/firefox';

type Context = { context: string; url: string; clientWindow: string; parent: string | null; children: Context[] | null };

/** The top-level browsing contexts (tabs and windows) with their documents' addresses, as Firefox reports them. */
export async function topLevelContexts(firefox: FirefoxWithExtension): Promise<Context[]> {
  const tree = (await bidiConnection(firefox.browser).send('browsingContext.getTree', { maxDepth: 0 }, 10_000)).result as { contexts: Context[] };
  return tree.contexts;
}

/** puppeteer's BiDi browsing context id of a page (internal, stable since v22). */
export function contextId(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof id !== 'string') throw new Error('puppeteer-core no longer exposes the frame id');
  return id;
}

export type PanelWindow = { page: Page; tabId: number; url: string };

/**
 * The panel window the last click opened: a page, other than those in `known`, whose document is
 * `<extensionBaseUrl>sidepanel.html?tab=<n>` and has loaded. Polled: Firefox sends no navigation event for an
 * extension document, and puppeteer's url() of that page says about:blank.
 */
export async function panelWindow(firefox: FirefoxWithExtension, known: ReadonlySet<Page> = new Set(), options: { timeout?: number } = {}): Promise<PanelWindow> {
  const prefix = new URL('sidepanel.html?tab=', firefox.extensionBaseUrl).href;
  const find = async (): Promise<PanelWindow> => {
    for (const page of await firefox.browser.pages()) {
      if (known.has(page)) continue;
      // A page closed meanwhile (a closed options tab) answers with "no such frame": skip it.
      const state = await page.evaluate(() => [location.href, document.readyState, document.querySelector('main.panel') !== null] as const).catch(() => null);
      if (state?.[0].startsWith(prefix) && state[1] === 'complete' && state[2]) {
        return { page, tabId: Number(new URL(state[0]).searchParams.get('tab')), url: state[0] };
      }
    }
    throw new Error(`no ${prefix}<n> window yet`);
  };
  return vi.waitFor(find, { timeout: options.timeout ?? 10_000, interval: 50 }).catch(async (error: unknown) => {
    const contexts = await topLevelContexts(firefox).catch(() => []);
    throw new Error(`no ${prefix}<n> window appeared; top-level contexts: ${JSON.stringify(contexts.map((context) => context.url))}`, { cause: error });
  });
}

/** Waits until Firefox no longer lists the page's browsing context (its window closed). */
export async function waitUntilClosed(firefox: FirefoxWithExtension, page: Page, options: { timeout?: number } = {}): Promise<void> {
  const id = contextId(page);
  await vi.waitFor(
    async () => {
      if ((await topLevelContexts(firefox)).some((context) => context.context === id)) throw new Error('the panel window is still open');
    },
    { timeout: options.timeout ?? 5_000, interval: 50 },
  );
}
