import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRoundcubeInOptions, clickPanelButton, fillReferral, waitForTargetLine } from '../e2e/flow';
import { loginRoundcube, waitForRoundcube } from '../e2e/roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from '../e2e/roundcube/server';
import { button, textAppears } from '../support/driver';
import { launchChromiumWithExtension, openSidePanel, serveProxy, type ChromiumWithExtension } from './chromium';
import { chromeE2eBuild } from './extension';
import { readyDraftRequest } from '../support/draft-request';

// Issue 20.5: after granting the Roundcube sandbox at its port, a page with Roundcube's markers on another port of
// 127.0.0.1 got the button, the zip and the cover text, and the panel said "Concept klaar". Here that page is the
// real Roundcube, served through a loopback proxy on a port of its own (logged in: cookies ignore the port), so every
// marker and every field is there. Chromium takes a port in a match pattern: the content script is registered for the
// granted origin only. And where our content script does run on another port (as in Firefox, whose patterns take no
// port; here injected by hand), the background answers no message for that tab.

/** The draft request the panel would send: a mailbox, the cover text and a zip (ciphertext), ready to fill. */
const request = readyDraftRequest;

describe('only the granted Roundcube origin is driven, never another port of its host (issue 20.5), in Chromium', () => {
  let server: RoundcubeServer;
  let origin = '';
  let other: { server: Server; origin: string };
  let chromium: ChromiumWithExtension;
  let sandboxTab: Page;
  let otherTab: Page;
  let panel: Page | undefined;

  /** The ids of the sandbox's tab and the other port's tab, as the extension knows them. */
  async function tabIds(): Promise<{ sandbox: number; other: number }> {
    const worker = await chromium.worker();
    const tabs = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> } } }).chrome.tabs;
      return (await api.query({})).map((tab) => ({ id: tab.id ?? -1, url: tab.url ?? '' }));
    });
    const find = (prefix: string) => tabs.find((tab) => tab.url.startsWith(`${prefix}/`))?.id ?? -1;
    return { sandbox: find(origin), other: find(other.origin) };
  }

  /** Sends a message as the side panel does (from the side panel's own page); no answer comes back as null. */
  const ask = async (message: object) =>
    (await panel!.evaluate(
      (sent: object) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: object): Promise<unknown> } } }).chrome.runtime.sendMessage(sent),
      message,
    )) ?? null;

  const toField = (page: Page) => page.$eval('textarea#_to', (field) => (field as HTMLTextAreaElement).value);

  beforeAll(async () => {
    expect(existsSync(join(chromeE2eBuild, 'manifest.json')), 'build first: npm run build:e2e').toBe(true);
    server = await startRoundcube();
    origin = new URL(server.url).origin;
    other = await serveProxy(origin);
    chromium = await launchChromiumWithExtension(chromeE2eBuild);
    const options = await chromium.open('options.html');
    expect(await addRoundcubeInOptions(options, origin)).toEqual({ status: `Toegevoegd: ${origin}. Herlaad je webmail.`, rejections: [] });
    await options.close();

    sandboxTab = await chromium.browser.newPage();
    sandboxTab.on('dialog', (dialog) => void dialog.accept());
    await loginRoundcube(sandboxTab, server);
    // The control: the granted origin gets the button.
    await sandboxTab.waitForSelector('veilig-aanmelden', { timeout: 10_000 });

    otherTab = await chromium.browser.newPage();
    otherTab.on('dialog', (dialog) => void dialog.accept());
    await otherTab.goto(`${other.origin}/?_task=mail&_action=compose`, { waitUntil: 'load', timeout: 15_000 });
    // Roundcube's own compose page, with its markers and fields, on the other port.
    await waitForRoundcube(otherTab, 'compose').catch(async (error: unknown) => {
      const shown = await otherTab.evaluate(() => `${location.href} ${document.body.className}: ${document.body.innerText.slice(0, 300)}`);
      throw new Error(`no Roundcube compose on the other port; it shows ${shown}`, { cause: error });
    });
  }, 900_000);

  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => other?.server.close(resolve));
    await stopRoundcube();
  });

  it('registers the content script for the granted origin with its port: no button on the other port', async () => {
    const worker = await chromium.worker();
    const registered = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } }).chrome.scripting;
      return (await api.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []);
    });
    expect(registered).toEqual([`${origin}/*`]);
    // Chromium injects a registered content script at document_idle: at the latest just after the load event. Once
    // the other tab has loaded and its page has gone idle after that, a content script of ours would have run there.
    await otherTab.evaluate(
      () =>
        new Promise<void>((resolve) => {
          if (document.readyState === 'complete') requestIdleCallback(() => resolve());
          else window.addEventListener('load', () => requestIdleCallback(() => resolve()), { once: true });
        }),
    );
    expect(await otherTab.$('veilig-aanmelden')).toBeNull();
    expect(await sandboxTab.$('veilig-aanmelden')).not.toBeNull();
  });

  it('the side panel beside the other port names no webmail there and makes no draft: never "Concept klaar"', async () => {
    await sandboxTab.bringToFront();
    panel = await openSidePanel(chromium.browser, () => clickPanelButton(sandboxTab));
    await waitForTargetLine(panel, server);
    // The worker switches to the other port's tab: the panel follows it, and finds no webmail of ours there.
    await otherTab.bringToFront();
    await textAppears(panel, 'p.target', 'Open je webmail in dit tabblad.', { timeout: 10_000 });
    await fillReferral(panel);
    await (await button(panel, 'Maak concept')).click();
    await textAppears(panel, '[role="alert"]', 'Open je webmail in dit tabblad en klik dan opnieuw op "Maak concept".', { contains: true, timeout: 10_000 });
    expect(await panel.$eval('h1', (heading) => heading.textContent ?? '')).not.toContain('Concept klaar');
    expect(await toField(otherTab)).toBe('');
    expect(otherTab.url().startsWith(`${other.origin}/`)).toBe(true);
  });

  it('where our content script runs on the other port anyway (as in Firefox), the background answers nothing for that tab', async () => {
    const ids = await tabIds();
    expect(ids.sandbox).toBeGreaterThan(0);
    expect(ids.other).toBeGreaterThan(0);
    // Our Roundcube content script, put into the other port's page by hand: it finds Roundcube and adds its button.
    const worker = await chromium.worker();
    await worker.evaluate(async (tabId: number) => {
      const api = (globalThis as unknown as { chrome: { scripting: { executeScript(injection: object): Promise<unknown> } } }).chrome.scripting;
      await api.executeScript({ target: { tabId }, files: ['content-scripts/roundcube.js'] });
    }, ids.other);
    await otherTab.waitForSelector('veilig-aanmelden', { timeout: 10_000 });

    // The control: the sandbox's tab answers, as Roundcube at its own origin.
    expect(await ask({ type: 'tab.describe', tabId: ids.sandbox })).toMatchObject({ adapter: 'roundcube', origin });
    // The other port: no description, no draft made, nothing read back.
    expect(await ask({ type: 'tab.describe', tabId: ids.other })).toBeNull();
    expect(await ask({ type: 'draft.make', tabId: ids.other, request })).toBeNull();
    expect(await ask({ type: 'draft.read', tabId: ids.other })).toBeNull();
    expect(await toField(otherTab)).toBe('');

    // The panel, asked again for that tab (the worker switches away and back), still finds no webmail there.
    await sandboxTab.bringToFront();
    await waitForTargetLine(panel!, server);
    await otherTab.bringToFront();
    await textAppears(panel!, 'p.target', 'Open je webmail in dit tabblad.', { timeout: 10_000 });
    await (await button(panel!, 'Maak concept')).click();
    await textAppears(panel!, '[role="alert"]', 'Open je webmail in dit tabblad en klik dan opnieuw op "Maak concept".', { contains: true, timeout: 10_000 });
    expect(await panel!.$eval('h1', (heading) => heading.textContent ?? '')).not.toContain('Concept klaar');
    expect(await toField(otherTab)).toBe('');
  });
});
