import type { BrowserContext, Page, Request, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type LoadedExtension } from '../browser/extension';
import { fillReferral } from '../e2e/panel-flow';
import { buildDir } from './build';

// SPEC §2.8 at run time: the built extension (the e2e build, which even holds a loopback host) in Debian's Chromium.
// Every request of its service worker and of its pages is recorded while the user looks up a postcode, opens the
// options and makes a referral (which falls back: there is no webmail here). Only the extension's own files may be
// requested. The recorder first proves it sees a deliberate request from the service worker.

type Recorded = { url: string; from: string };

/** Records every request of the context: service workers (Playwright reports those in Chromium) and every frame. */
function record(context: BrowserContext): Recorded[] {
  const recorded: Recorded[] = [];
  const from = (request: Request) => {
    const worker = request.serviceWorker();
    if (worker) return `service worker ${worker.url()}`;
    try {
      return `frame ${request.frame().url()}`;
    } catch {
      return 'unknown';
    }
  };
  context.on('request', (request) => recorded.push({ url: request.url(), from: from(request) }));
  // WebSockets are not requests to Playwright: record their opening too.
  const watch = (page: Page) => page.on('websocket', (socket) => recorded.push({ url: socket.url(), from: `frame ${page.url()}` }));
  context.pages().forEach(watch);
  context.on('page', watch);
  return recorded;
}

describe('the extension makes no network request at run time', () => {
  let extension: LoadedExtension;
  let recorded: Recorded[];
  let own: string;
  const outside = () => recorded.filter((request) => !request.url.startsWith(own));

  async function serviceWorker(): Promise<Worker> {
    const [worker] = extension.context.serviceWorkers();
    return worker ?? (await extension.context.waitForEvent('serviceworker'));
  }

  async function open(path: string): Promise<Page> {
    const page = await extension.context.newPage();
    await page.goto(`${own}${path}`);
    return page;
  }

  beforeAll(async () => {
    extension = await launchWithExtension(buildDir('chromeE2e'));
    own = `chrome-extension://${extension.id}/`;
    recorded = record(extension.context);
  }, 60_000);

  afterAll(async () => {
    await extension?.close();
  });

  it('the recorder catches a request from the service worker (a deliberate fetch to a closed loopback port)', async () => {
    const worker = await serviceWorker();
    const outcome = await worker.evaluate(() => fetch('http://127.0.0.1:1/').then(() => 'answered', () => 'failed'));
    expect(outcome).toBe('failed');
    expect(outside()).toEqual([{ url: 'http://127.0.0.1:1/', from: `service worker ${own}background.js` }]);
    recorded.length = 0;
  });

  it('records nothing outside the extension through a restart, a lookup, the options and a referral to the fallback', async () => {
    // Restart the extension while recording, so its start-up (install, Roundcube registrations) is watched too.
    const before = await serviceWorker();
    const restarted = extension.context.waitForEvent('serviceworker');
    await before.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload());
    await restarted;

    const popup = await open('sidepanel.html');
    await popup.getByRole('button', { name: 'Opzoeken' }).click();
    // The search field takes focus by itself; type once it has it.
    const search = popup.getByLabel('Gemeente, deelgemeente of postcode');
    await expect.poll(() => search.evaluate((element) => element === document.activeElement)).toBe(true);
    await popup.keyboard.type('2275');
    await popup.getByRole('article', { name: /Lille/u }).waitFor();
    await popup.waitForLoadState('networkidle');

    const options = await open('options.html');
    await options.getByLabel('Adres van je Roundcube').waitFor();
    await options.waitForLoadState('networkidle');

    const panel = await open('sidepanel.html');
    await fillReferral(panel.mainFrame());
    await panel.getByRole('button', { name: 'Maak concept' }).click();
    // Opened in a tab of its own, the panel has no webmail beside it: it says so, and offers the file alone.
    await panel.getByText(/^Open je webmail in dit tabblad en klik dan opnieuw/u).waitFor();
    await panel.getByRole('button', { name: /^Of maak alleen het versleutelde bestand/u }).click();
    await panel.getByRole('heading', { name: 'Het concept kon niet helemaal gemaakt worden' }).waitFor();
    await panel.getByRole('link', { name: 'Download het versleutelde bestand' }).waitFor();

    const info = await open('info.html');
    await info.waitForLoadState('networkidle');
    await panel.waitForLoadState('networkidle');

    expect(outside()).toEqual([]);
    // The recorder saw the pages load their own files, so it was listening all along.
    const pages = new Set(recorded.filter((request) => request.from.startsWith('frame')).map((request) => request.url.slice(own.length)));
    for (const file of ['sidepanel.html', 'options.html', 'info.html']) expect(pages).toContain(file);
    expect([...pages].some((file) => /^chunks\/sidepanel-[\w-]+\.js$/u.test(file))).toBe(true);
  }, 30_000);
});
