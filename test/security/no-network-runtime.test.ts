import type { Browser, CDPSession, Page, Protocol, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithReloadableExtension, type ChromiumWithExtension } from '../browser/chromium';
import { fillReferral } from '../e2e/flow';
import { byLabel, byRole, waitForText } from '../support/driver';
import { buildDir } from './build';

// RULES §2.8 at run time: the built extension (the e2e build, which even holds a loopback host) in Debian's Chromium.
// Every request of its service worker and of its pages is recorded while the user looks up a postcode, opens the
// options and makes a referral (which falls back: there is no webmail here). Only the extension's own files may be
// requested. The recorder first proves it sees a deliberate request from the service worker.
//
// The recorder is plain CDP (puppeteer-core): the browser session auto-attaches to every target (pages, the side
// panel, service workers, and through each of them its frames and workers), and each target waits for the debugger
// at its start until Network is enabled on it, so a start-up request cannot slip by. Besides the requests that
// reach the network it records those the extension's CSP stopped (connect-src 'self'): an attempt counts too.

type Recorded = { url: string; from: string; stopped?: string };

/** Records the requests of every target of the browser from now on (what each target attempts, see above). */
async function record(browser: Browser): Promise<{ recorded: Recorded[]; attached: string[] }> {
  const recorded: Recorded[] = [];
  /** Every target the recorder watched, as "type url (waited)": how it joined. */
  const attached: string[] = [];
  const watched = new Set<string>();
  const autoAttach = (session: CDPSession) => session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });

  const watch = (parent: CDPSession) =>
    parent.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }: Protocol.Target.AttachedToTargetEvent) => {
      const session = parent.connection()?.session(sessionId);
      if (!session) return;
      const resume = () => session.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
      // A service worker is attached again under each page it controls: one session per target is enough.
      if (watched.has(targetInfo.targetId)) {
        await resume();
        await session.detach().catch(() => undefined);
        return;
      }
      watched.add(targetInfo.targetId);
      attached.push(`${targetInfo.type} ${targetInfo.url}${waitingForDebugger ? ' (waited)' : ''}`);
      // Who asked: the document of a page or frame (its main frame's, for a CSP report), or the worker's script.
      let document = targetInfo.url;
      const from = (frameDocument?: string) =>
        frameDocument || ['page', 'iframe', 'other'].includes(targetInfo.type)
          ? `frame ${frameDocument || document}`
          : `${targetInfo.type === 'service_worker' ? 'service worker' : targetInfo.type} ${targetInfo.url}`;
      const add = (url: string, by: string, stopped?: string) => {
        // data: URLs never reach the network (Playwright leaves them out too).
        if (!url.startsWith('data:')) recorded.push(stopped ? { url, from: by, stopped } : { url, from: by });
      };
      session.on('Network.requestWillBeSent', (event: Protocol.Network.RequestWillBeSentEvent) => {
        if (event.type === 'Document' && event.frameId === targetInfo.targetId) document = event.documentURL;
        add(event.request.url, from(event.frameId ? event.documentURL : undefined));
      });
      session.on('Network.webSocketCreated', (event: Protocol.Network.WebSocketCreatedEvent) => add(event.url, from()));
      session.on('Network.webTransportCreated', (event: Protocol.Network.WebTransportCreatedEvent) => add(event.url, from()));
      session.on('Audits.issueAdded', ({ issue }: Protocol.Audits.IssueAddedEvent) => {
        const csp = issue.details.contentSecurityPolicyIssueDetails;
        if (csp?.blockedURL && !csp.isReportOnly) add(csp.blockedURL, from(), `by the CSP (${csp.violatedDirective})`);
      });
      watch(session);
      try {
        await Promise.all([session.send('Network.enable'), session.send('Audits.enable'), autoAttach(session)]);
      } catch {
        // The target went away while it was being set up: nothing more can come from it.
      } finally {
        await resume();
      }
    });

  const root = await browser.target().createCDPSession();
  watch(root);
  await autoAttach(root);
  return { recorded, attached };
}

describe('the extension makes no network request at run time', () => {
  let extension: ChromiumWithExtension;
  let recorded: Recorded[];
  let attached: string[];
  let own: string;
  const outside = () => recorded.filter((request) => !request.url.startsWith(own));

  const isOwnWorker = (target: Target) => target.type() === 'service_worker' && target.url() === `${own}background.js`;
  const open = (path: string): Promise<Page> => extension.open(path);
  const networkIdle = (page: Page) => page.waitForNetworkIdle({ idleTime: 500, timeout: 10_000 });

  beforeAll(async () => {
    // Loaded from the command line, so that the restart below brings it back.
    extension = await launchChromiumWithReloadableExtension(buildDir('chromeE2e'));
    own = extension.extensionBaseUrl;
    ({ recorded, attached } = await record(extension.browser));
  }, 60_000);

  afterAll(async () => {
    await extension?.close();
  });

  it('the recorder catches a request from the service worker (a deliberate fetch to a closed loopback port)', async () => {
    const worker = await extension.worker();
    const outcome = await worker.evaluate(() => fetch('http://127.0.0.1:1/').then(() => 'answered', () => 'failed'));
    expect(outcome).toBe('failed');
    // The build's CSP stops it before the network (connect-src 'self'); without that CSP it would be a request.
    await expect.poll(() => outside().length).toBeGreaterThan(0);
    expect(outside()).toMatchObject([{ url: 'http://127.0.0.1:1/', from: `service worker ${own}background.js` }]);
    // And a request that does reach the network from the service worker: one of its own files.
    expect(await worker.evaluate(() => fetch('/manifest.json').then((response) => response.ok))).toBe(true);
    await expect.poll(() => recorded).toContainEqual({ url: `${own}manifest.json`, from: `service worker ${own}background.js` });
    recorded.length = 0;
  });

  it('records nothing outside the extension through a restart, a lookup, the options and a referral to the fallback', async () => {
    // Restart the extension while recording, so its start-up (install, Roundcube registrations) is watched too.
    const before = extension.browser.targets().find(isOwnWorker);
    expect(before, 'the service worker runs').toBeDefined();
    const restarted = extension.browser.waitForTarget((target) => target !== before && isOwnWorker(target), { timeout: 10_000 });
    const worker = await before!.worker();
    // The worker goes away while it answers: the call's own error means nothing.
    await worker!.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
    await restarted;
    // The recorder held the new service worker at its start until it listened.
    expect(attached.filter((target) => target === `service_worker ${own}background.js (waited)`)).toHaveLength(1);

    const popup = await open('sidepanel.html');
    await (await byRole(popup, 'button', 'Opzoeken')).click();
    // The search field takes focus by itself; type once it has it.
    const search = await byLabel(popup, 'Gemeente, deelgemeente of postcode');
    await expect.poll(() => search.evaluate((element) => element === document.activeElement)).toBe(true);
    await popup.keyboard.type('2275');
    await byRole(popup, 'article', /Lille/u);
    await networkIdle(popup);

    const options = await open('options.html');
    await byLabel(options, 'Adres van je Roundcube');
    await networkIdle(options);

    const panel = await open('sidepanel.html');
    await fillReferral(panel);
    await (await byRole(panel, 'button', 'Maak concept')).click();
    // Opened in a tab of its own, the panel has no webmail beside it: it says so, and offers the file alone.
    await waitForText(panel, /^Open je webmail in dit tabblad en klik dan opnieuw/u);
    await (await byRole(panel, 'button', /^Of maak alleen het versleutelde bestand/u)).click();
    await byRole(panel, 'heading', 'Zelf mailen');
    await byRole(panel, 'link', 'Download het versleutelde bestand');

    const info = await open('info.html');
    await networkIdle(info);
    await networkIdle(panel);

    expect(outside()).toEqual([]);
    // The recorder saw the pages load their own files, so it was listening all along.
    const pages = new Set(recorded.filter((request) => request.from.startsWith('frame')).map((request) => request.url.slice(own.length)));
    for (const file of ['sidepanel.html', 'options.html', 'info.html']) expect(pages).toContain(file);
    expect([...pages].some((file) => /^chunks\/sidepanel-[\w-]+\.js$/u.test(file))).toBe(true);
  }, 30_000);
});
