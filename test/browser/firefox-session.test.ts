import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelWindow } from '../e2e/firefox-flow';
import { addRoundcubeInOptions, clickPanelButton, client, clientValues, fillReferral, waitForTargetLine } from '../e2e/flow';
import { loginRoundcube, waitForRoundcube } from '../e2e/roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from '../e2e/roundcube/server';
import { button, textAppears } from '../support/driver';
import { servePage, serveProxy } from './chromium';
import { firefoxE2eBuild, launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';
import { readyDraftRequest } from '../support/draft-request';

// Issue 20, items 12 and 5, in Firefox ESR. Firefox takes no port in a match pattern, so our Roundcube content script
// runs on every port of a granted host: there the background's origin check is all that keeps another port out.
// The Roundcube sandbox is granted at its port; its own pages are also served through a loopback proxy on another
// port (Roundcube's markers and fields, logged in: cookies ignore the port), and a plain loopback page stands for
// any other site. A panel window bound to either (`sidepanel.html?tab=<id>`) must get no draft made there, and code
// in our content-script world must not read the panel's form from storage.session.

/** The draft request the panel would send: a mailbox, the cover text and a zip (ciphertext), ready to fill. */
const request = readyDraftRequest;

type ExtensionGlobal = {
  browser: {
    tabs: { query(query: object): Promise<{ id?: number; url?: string }[]>; executeScript(tabId: number, details: object): Promise<unknown[]> };
    runtime: { sendMessage(message: object): Promise<unknown> };
    storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
  };
};

/**
 * Run in our content-script world of a tab (tabs.executeScript runs code with a content script's rights, in the same
 * sandbox as ours): every way to the panel's form, each reporting its value or why it was refused.
 */
const readFromContentWorld = `(async () => {
  const out = { session: typeof browser.storage.session };
  const attempt = async (name, run) => {
    try { out[name] = await run(); } catch (error) { out[name] = { refused: String(error && error.message || error) }; }
  };
  await attempt('sessionGet', () => browser.storage.session.get(null));
  await attempt('chromeSessionGet', () => chrome.storage.session.get(null));
  await attempt('local', () => browser.storage.local.get(null));
  await attempt('formLoad', () => browser.runtime.sendMessage({ type: 'form.load' }));
  return JSON.stringify(out);
})()`;

describe('Firefox ESR: the panel window drives only a webmail of ours, and the content world cannot read its form (issue 20.5, 20.12)', () => {
  let server: RoundcubeServer;
  let origin = '';
  let other: { server: Server; origin: string };
  let plain: { server: Server; origin: string };
  let firefox: FirefoxWithExtension;
  let options: Page;
  let sandboxTab: Page;
  let otherTab: Page;
  const ids = { sandbox: -1, other: -1, plain: -1 };
  const seenPanels = new Set<Page>();

  /** Sends a message from an extension page of ours (the panel window, the options page); no answer comes back as null. */
  const ask = async (page: Page, message: object) =>
    (await page.evaluate((sent: object) => (globalThis as unknown as ExtensionGlobal).browser.runtime.sendMessage(sent), message)) ?? null;

  const toField = (page: Page) => page.$eval('textarea#_to', (field) => (field as HTMLTextAreaElement).value);

  beforeAll(async () => {
    expect(existsSync(join(firefoxE2eBuild, 'manifest.json')), 'build first: npm run build:e2e').toBe(true);
    server = await startRoundcube();
    origin = new URL(server.url).origin;
    other = await serveProxy(origin);
    plain = await servePage('Andere site', 'Een gewone pagina, geen webmail.');
    firefox = await launchFirefoxWithExtension(firefoxE2eBuild);
    options = await firefox.newPage();
    await firefox.goto(options, 'options.html');
    expect(await addRoundcubeInOptions(options, origin)).toEqual({ status: `Toegevoegd: ${origin}. Herlaad je webmail.`, rejections: [] });

    sandboxTab = await firefox.newPage();
    sandboxTab.on('dialog', (dialog) => void dialog.accept());
    await loginRoundcube(sandboxTab, server);
    await sandboxTab.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
    otherTab = await firefox.newPage();
    otherTab.on('dialog', (dialog) => void dialog.accept());
    await otherTab.goto(`${other.origin}/?_task=mail&_action=compose`, { waitUntil: 'load', timeout: 15_000 });
    await waitForRoundcube(otherTab, 'compose');
    const plainTab = await firefox.newPage();
    await plainTab.goto(`${plain.origin}/`, { waitUntil: 'load', timeout: 15_000 });

    const tabs = await options.evaluate(async () => (await (globalThis as unknown as ExtensionGlobal).browser.tabs.query({})).map((tab) => [tab.id ?? -1, tab.url ?? ''] as const));
    const find = (prefix: string) => tabs.find(([, url]) => url.startsWith(`${prefix}/`))?.[0] ?? -1;
    Object.assign(ids, { sandbox: find(origin), other: find(other.origin), plain: find(plain.origin) });
    expect(Object.values(ids).every((id) => id > 0), JSON.stringify(tabs)).toBe(true);
  }, 900_000);

  afterAll(async () => {
    await firefox?.close();
    await new Promise((resolve) => other?.server.close(resolve));
    await new Promise((resolve) => plain?.server.close(resolve));
    await stopRoundcube();
  });

  it('on another port, where Firefox runs our content script, its button opens no panel', async () => {
    // Firefox's match pattern names the host without a port: our script runs here too, and adds its button.
    await otherTab.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
    await otherTab.bringToFront();
    await clickPanelButton(otherTab);
    await expect(panelWindow(firefox, seenPanels, { timeout: 3_000 })).rejects.toThrow(/no .* window appeared/u);
    // The control: the granted origin's button opens the panel window.
    await sandboxTab.bringToFront();
    await clickPanelButton(sandboxTab);
    const opened = await panelWindow(firefox, seenPanels);
    seenPanels.add(opened.page);
    expect(opened.tabId).toBe(ids.sandbox);
    await waitForTargetLine(opened.page, server);
  });

  it('a panel window bound to the other port or to a plain page names no webmail there and makes no draft: never "Concept klaar"', async () => {
    const panel = await firefox.newPage();
    seenPanels.add(panel);
    await firefox.goto(panel, `sidepanel.html?tab=${ids.other}`);
    await textAppears(panel, 'p.target', 'Open je webmail in dit tabblad.', { timeout: 10_000 });
    await fillReferral(panel);
    await (await button(panel, 'Maak concept')).click();
    await textAppears(panel, '[role="alert"]', 'Open je webmail in dit tabblad en klik dan opnieuw op "Maak concept".', { contains: true, timeout: 10_000 });
    expect(await panel.$eval('h1', (heading) => heading.textContent ?? '')).not.toContain('Concept klaar');
    expect(await toField(otherTab)).toBe('');

    // Asked directly by the panel's own page: the granted origin answers as Roundcube; the other port and the plain
    // page get no description, no draft and no read-back.
    expect(await ask(panel, { type: 'tab.describe', tabId: ids.sandbox })).toMatchObject({ adapter: 'roundcube', origin });
    for (const tabId of [ids.other, ids.plain]) {
      expect(await ask(panel, { type: 'tab.describe', tabId })).toBeNull();
      expect(await ask(panel, { type: 'draft.make', tabId, request })).toBeNull();
      expect(await ask(panel, { type: 'draft.read', tabId })).toBeNull();
    }
    expect(await toField(otherTab)).toBe('');
    expect(otherTab.url().startsWith(`${other.origin}/`)).toBe(true);
  });

  it('code in our content-script world cannot read the panel’s form from storage.session', async () => {
    // The panel keeps its form in the background's storage.session: the client is there (read by our options page).
    const held = () => options.evaluate(async () => JSON.stringify(await (globalThis as unknown as ExtensionGlobal).browser.storage.session.get(null)));
    if (!(await held()).includes(client.lastName)) {
      // Not left there by the test above (run alone, or it failed): a panel window for the sandbox's tab, typed into.
      const panel = await firefox.newPage();
      await firefox.goto(panel, `sidepanel.html?tab=${ids.sandbox}`);
      await fillReferral(panel);
    }
    await expect.poll(held, { timeout: 5_000 }).toContain(client.lastName);
    for (const tabId of [ids.sandbox, ids.other]) {
      const [read] = (await options.evaluate(
        (tab: number, code: string) => (globalThis as unknown as ExtensionGlobal).browser.tabs.executeScript(tab, { code }),
        tabId,
        readFromContentWorld,
      )) as [string];
      console.info(`[firefox content world, tab ${tabId}] ${read}`);
      for (const value of clientValues) expect(read, value).not.toContain(value);
      const parsed = JSON.parse(read) as { session: string; sessionGet: unknown; chromeSessionGet: unknown; formLoad: unknown };
      // Not an empty answer either: storage.session is absent or refused in this world.
      for (const attempt of [parsed.sessionGet, parsed.chromeSessionGet]) expect(attempt).toHaveProperty('refused');
      expect(parsed.formLoad ?? null).toBeNull();
    }
  });
});
