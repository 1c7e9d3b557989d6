// Debian's Chromium with the built extension, driven by puppeteer-core over CDP: the only driver here that sees the
// side panel (Playwright lists no side panel page at all). See TOOLCHAIN.md, "The side panel".
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page, type Target, type WebWorker } from 'puppeteer-core';
import { chromeE2eBuild } from './extension';

export const chromiumExecutable = '/usr/bin/chromium';

export type ChromiumWithExtension = {
  browser: Browser;
  /** The extension's id (32 letters a–p). */
  id: string;
  /** `chrome-extension://<id>/`, with the trailing slash. */
  extensionBaseUrl: string;
  /** The extension's service worker, for storage reads (started again by Chromium when it went idle). */
  worker: () => Promise<WebWorker>;
  /** A new tab that has `url` loaded (an extension page such as `options.html` is taken relative to the extension). */
  open: (url: string) => Promise<Page>;
  close: () => Promise<void>;
  timings: { launchMs: number };
};

const isWorker = (id: string | null) => (target: Target) =>
  target.type() === 'service_worker' && target.url().startsWith(id ? `chrome-extension://${id}/` : 'chrome-extension://');

/** Debian's Chromium, headless, with the built extension (default: the e2e build) and a fresh profile. */
export async function launchChromiumWithExtension(build: string = chromeE2eBuild): Promise<ChromiumWithExtension> {
  return launchChromium(build, 'cdp');
}

/**
 * The same, but the extension is loaded from the command line (--load-extension), as Chromium loads a developer's
 * unpacked extension, instead of over CDP (Extensions.loadUnpacked): only then does it come back after
 * chrome.runtime.reload(). Chromium 156 leaves an extension loaded over CDP disabled after a reload.
 */
export async function launchChromiumWithReloadableExtension(build: string = chromeE2eBuild): Promise<ChromiumWithExtension> {
  return launchChromium(build, 'command line');
}

async function launchChromium(build: string, loadBy: 'cdp' | 'command line'): Promise<ChromiumWithExtension> {
  const profile = mkdtempSync(join(tmpdir(), 'va-chromium-pptr-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  const started = performance.now();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: chromiumExecutable,
      headless: true,
      pipe: true,
      enableExtensions: loadBy === 'cdp' ? [build] : true,
      userDataDir: profile,
      timeout: 30_000,
      // A Flemish user's browser (the extension's i18n answers in Dutch), and nothing that talks to the network.
      args: [
        '--no-sandbox', '--disable-gpu', '--lang=nl-BE', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check',
        ...(loadBy === 'cdp' ? [] : [`--disable-extensions-except=${build}`, `--load-extension=${build}`]),
      ],
    });
  } catch (error) {
    removeProfile();
    throw error;
  }
  const close = async () => {
    try {
      await browser.close();
    } finally {
      removeProfile();
    }
  };
  try {
    const workerTarget = await browser.waitForTarget(isWorker(null), { timeout: 15_000 });
    const id = new URL(workerTarget.url()).host;
    const extensionBaseUrl = `chrome-extension://${id}/`;
    return {
      browser,
      id,
      extensionBaseUrl,
      worker: async () => {
        const target = await browser.waitForTarget(isWorker(id), { timeout: 10_000 });
        const worker = await target.worker();
        if (!worker) throw new Error('the service worker target has no worker');
        return worker;
      },
      open: async (url) => {
        const page = await browser.newPage();
        await page.goto(new URL(url, extensionBaseUrl).href, { waitUntil: 'load', timeout: 15_000 });
        return page;
      },
      close,
      timings: { launchMs: Math.round(performance.now() - started) },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

const isSidePanel = (target: Target) => target.type() === 'page' && /^chrome-extension:\/\/[a-p]{32}\/sidepanel\.html$/u.test(target.url());

/**
 * The side panel's page, once `open` (a real click on the in-page button) has made Chromium show it, or at once
 * when it was open already (the side panel stays open across the tab's navigations; a second click opens nothing).
 * Chromium first announces the side panel as a target of type "other" with no URL, then changes it to a page.
 */
export async function openSidePanel(browser: Browser, open: () => Promise<void>, options: { timeout?: number } = {}): Promise<Page> {
  const [target] = await Promise.all([browser.waitForTarget(isSidePanel, { timeout: options.timeout ?? 10_000 }), open()]);
  const panel = await target.asPage();
  if (!panel) throw new Error('the side panel target has no page');
  await panel.waitForFunction(() => document.readyState === 'complete' && document.querySelector('main.panel') !== null, { timeout: 10_000, polling: 50 });
  return panel;
}

/** The side panel pages open now (zero or one per window). */
export function sidePanelTargets(browser: Browser): Target[] {
  return browser.targets().filter(isSidePanel);
}

/** Closes the side panel the way its own page can (window.close()); resolves once Chromium dropped its target. */
export async function closeSidePanel(browser: Browser, panel: Page): Promise<void> {
  const target = panel.target();
  const gone = new Promise<void>((resolve) => {
    const listener = (destroyed: Target) => {
      if (destroyed !== target) return;
      browser.off('targetdestroyed', listener);
      resolve();
    };
    browser.on('targetdestroyed', listener);
  });
  await panel.evaluate(() => window.close());
  await Promise.race([gone, new Promise((_, reject) => setTimeout(() => reject(new Error('the side panel did not close')), 5_000))]);
}

// Locating and filling, for the tests that used Playwright's getByRole, getByText and fill: the same questions
// asked of the page in plain DOM terms, waiting (polling) the way Playwright's locators do.

/** A page or one of its frames. */
type Surface = Page | Frame;
/**
 * A text to find, as Playwright's locators take it: a string is looked for case-insensitively anywhere in the text
 * (white space collapsed), a pattern is tested against the whole text.
 */
type Name = string | RegExp;
/** The name crosses into the page as a pattern's source and flags. */
type NameInPage = { source: string; flags: string };
const inPage = (name: Name): NameInPage =>
  typeof name === 'string' ? { source: name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'), flags: 'iu' } : { source: name.source, flags: name.flags };

/** The roles the tests ask for, as the elements that carry them. A section is a region only when it is named. */
const roleSelectors = {
  article: 'article, [role="article"]',
  button: 'button, [role="button"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  link: 'a[href], [role="link"]',
  region: 'section[aria-label], section[aria-labelledby], [role="region"]',
} as const;

export type Role = keyof typeof roleSelectors;

/**
 * The one visible element with `role` whose accessible name (aria-labelledby, else aria-label, else its text, white
 * space collapsed) holds `name` (see Name), looked for inside `within` when given; a button must be enabled (what
 * Playwright's click waits for). Waits up to `timeout`. Like Playwright's strict locators it fails when two match,
 * and its error lists the names of that role on show.
 */
export async function byRole<T extends Element = HTMLElement>(
  surface: Surface,
  role: Role,
  name: Name,
  options: { timeout?: number; within?: ElementHandle<Element> } = {},
): Promise<ElementHandle<T>> {
  const find = (selector: string, wanted: NameInPage, root: Element | null, list: boolean) => {
    const normal = (text: string | null | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();
    const nameOf = (element: Element) => {
      const labelledBy = element.getAttribute('aria-labelledby');
      if (labelledBy) return normal(labelledBy.split(/\s+/u).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
      return normal(element.getAttribute('aria-label') ?? element.textContent);
    };
    const shown = [...(root ?? document).querySelectorAll(selector)].filter(
      (element) => element.checkVisibility() && !(element instanceof HTMLButtonElement && element.disabled),
    );
    if (list) return shown.map(nameOf);
    const pattern = new RegExp(wanted.source, wanted.flags);
    const found = shown.filter((element) => pattern.test(nameOf(element)));
    if (found.length > 1) return `${found.length} match: ${JSON.stringify(found.map(nameOf))}`;
    return found[0] ?? null;
  };
  const selector = roleSelectors[role];
  const root = options.within ?? null;
  let handle;
  try {
    handle = await surface.waitForFunction(find, { timeout: options.timeout ?? 5_000, polling: 50 }, selector, inPage(name), root, false);
  } catch (error) {
    const names = await surface.evaluate(find, selector, inPage(name), root, true).catch(() => []);
    throw new Error(`no ${role} named ${String(name)}; on show: ${JSON.stringify(names).slice(0, 1_000)}`, { cause: error });
  }
  const element = handle.asElement();
  if (!element) throw new Error(`more than one ${role} named ${String(name)}: ${String(await handle.jsonValue())}`);
  // To the middle of the page, as a worker scrolls to what they click (the panel's button bar sits over the bottom).
  await element.evaluate((node) => (node as unknown as Element).scrollIntoView({ block: 'center', inline: 'nearest' })).catch(() => undefined);
  return element as ElementHandle<T>;
}

/**
 * Waits until a visible element matching `selector` has a text (white space collapsed) that holds `text` (see Name);
 * resolves with that element's text.
 */
export async function waitForText(surface: Surface, text: Name, options: { timeout?: number; selector?: string } = {}): Promise<string> {
  const handle = await surface
    .waitForFunction(
      (selector: string, wanted: NameInPage) => {
        const pattern = new RegExp(wanted.source, wanted.flags);
        return (
          [...document.querySelectorAll(selector)]
            .filter((element) => element.checkVisibility())
            .map((element) => (element.textContent ?? '').replace(/\s+/gu, ' ').trim())
            .find((content) => pattern.test(content)) ?? null
        );
      },
      { timeout: options.timeout ?? 5_000, polling: 50 },
      options.selector ?? 'body *',
      inPage(text),
    )
    .catch(async (error: unknown) => {
      const shown = await surface.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      throw new Error(`${String(text)} did not appear; the page shows: ${JSON.stringify(shown.slice(0, 1_500))}`, { cause: error });
    });
  return (await handle.jsonValue()) as string;
}

/**
 * Replaces what the field holds with `value` the way Playwright's fill does: focus, select all, then one insertText
 * (an input event carrying the whole value, as a paste or an input method gives), or Delete for the empty string.
 */
export async function fill(control: ElementHandle<HTMLInputElement | HTMLTextAreaElement>, value: string): Promise<void> {
  const { keyboard } = control.frame.page();
  await control.focus();
  await control.evaluate((element) => element.select());
  if (value === '') await keyboard.press('Delete');
  else await keyboard.sendCharacter(value);
}

/** Chooses `value` in the <select> labelled `label`, once the list offers it (the lists fill in as the form is typed). */
export async function selectByLabel(surface: Surface, label: string, value: string, options: { timeout?: number } = {}): Promise<void> {
  const select = (await surface.waitForFunction(
    (text: string, choice: string) => {
      const control = [...document.querySelectorAll('label')].find((element) => (element.textContent ?? '').replace(/\s+/gu, ' ').trim() === text)?.control;
      return control instanceof HTMLSelectElement && [...control.options].some((option) => option.value === choice) ? control : null;
    },
    { timeout: options.timeout ?? 5_000, polling: 50 },
    label,
    value,
  )) as ElementHandle<HTMLSelectElement>;
  const chosen = await select.select(value);
  if (chosen[0] !== value) throw new Error(`${label}: ${value} is not a choice (got ${JSON.stringify(chosen)})`);
}

/** A plain page on loopback with `title` and one line of `text` (no webmail): a stand-in for another site. */
export function servePage(title: string, text: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="nl"><title>${title}</title><p>${text}</p></html>`);
  });
  return listenOnLoopback(server);
}

/**
 * A loopback server on a port of its own that passes every request on to `target` (an http origin on loopback) and
 * its answers back: that site's pages, served from another origin of the same host. The Host header is passed as the
 * browser sent it, so the site's own links stay on this port; cookies, which ignore the port, are shared.
 */
export function serveProxy(target: string): Promise<{ server: Server; origin: string }> {
  const upstream = new URL(target);
  const server = createServer((incoming, response) => {
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    incoming.pipe(forward);
  });
  return listenOnLoopback(server);
}

function listenOnLoopback(server: Server): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/**
 * Resolves once the panel shows its first step and its main element has not changed for `quietMs`: a control found
 * while the panel still renders its start-up (settings, form state, the directory) could be replaced a moment later.
 */
export async function settled(panel: Page, quietMs = 200): Promise<void> {
  await panel.waitForSelector('main.panel h1', { timeout: 10_000 });
  await panel.evaluate(
    (quiet: number) =>
      new Promise<void>((resolve) => {
        const main = document.querySelector('main.panel') ?? document.body;
        const done = () => {
          observer.disconnect();
          resolve();
        };
        let timer = setTimeout(done, quiet);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quiet);
        });
        observer.observe(main, { childList: true, subtree: true });
        setTimeout(done, 3_000);
      }),
    quietMs,
  );
}
