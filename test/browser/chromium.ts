// Debian's Chromium with the built extension, driven by puppeteer-core over CDP, which sees the side panel as a page
// of its own (openSidePanel below); the side panel's ways in and out, and loopback stand-in servers.
// Finding and acting on a page's elements: test/support/driver.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer-core';
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

/** A Flemish user's browser (the extension's i18n answers in Dutch), and nothing that talks to the network. */
export const quietChromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--lang=nl-BE', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check',
] as const;

/** Debian's Chromium, headless, without any extension: for pages that are not ours (the add-in's task pane, Roundcube). */
export function launchPlainChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: chromiumExecutable, headless: true, pipe: true, timeout: 30_000, args: [...quietChromiumArgs] });
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
      args: [...quietChromiumArgs, ...(loadBy === 'cdp' ? [] : [`--disable-extensions-except=${build}`, `--load-extension=${build}`])],
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
