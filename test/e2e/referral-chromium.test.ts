import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSidePanel, launchChromiumWithExtension, openSidePanel, type ChromiumWithExtension } from '../browser/chromium';
import { chromeE2eBuild } from '../browser/extension';
import { button, textAppears, valueOf } from '../support/driver';
import {
  clickPanelButton,
  client,
  clientFields,
  clientValues,
  fillClient,
  fillConsent,
  fillReferral,
  finishReferral,
  inEveryPage,
  openCompose,
  runPilotCheck,
  waitForTargetLine,
} from './flow';
import { composeState, loginRoundcube } from './roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';
import { addRoundcubeAddress, expectPageHoldsNothing, fallbackWhenThePageChanged, referralBesideReplyAll, referralToSavedDraft, withdrawal, type BrowserUnderTest } from './scenarios';

// The whole referral on a real webmail: Roundcube + Dovecot on loopback, Debian's Chromium driven by puppeteer-core
// (the only driver here that sees the side panel), the end-to-end build of the extension (npm run build:e2e).
// The panel is Chromium's side panel beside the Roundcube tab: a page of its own, never a frame of the webmail.
// The scenarios Firefox runs too are in scenarios.ts; here what only Chromium has: the click count, the page's DOM
// as Chromium sees it (closed shadow roots), the attacks of the webmail page, the reply-all's rewritten To, the pilot.

/** Roundcube's window size: wide enough that its toolbar (and our button) sit left of the overlay test's 440 px. */
const viewport = { width: 1280, height: 800 };
/** The width of the overlay an attacking page lays where an in-page panel used to be. */
const overlayWidth = 440;

type Overlay = { events: string[]; value: string; focused: boolean };

/**
 * Every node of the page's DOM as Chromium itself sees it, closed shadow roots and frame documents included
 * (DevTools' pierce), as text: element names with their attributes, and text nodes.
 */
async function piercedDom(page: Page): Promise<string> {
  type Node = { nodeName: string; nodeValue?: string; attributes?: string[]; children?: Node[]; shadowRoots?: Node[]; contentDocument?: Node };
  const session = await page.createCDPSession();
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true }).finally(() => session.detach())) as unknown as { root: Node };
  const lines: string[] = [];
  const walk = (node: Node) => {
    lines.push(node.nodeName === '#text' ? (node.nodeValue ?? '') : `<${node.nodeName.toLowerCase()} ${(node.attributes ?? []).join(' ')}>`);
    for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(child);
  };
  walk(root);
  return lines.join('\n');
}

/**
 * Effort (issue 14.6): counts every click in the panel that is not typing (into a text field), and every choice in a
 * list, from now on.
 */
async function countEffort(panel: Page): Promise<void> {
  await panel.evaluate(() => {
    const effort = { clicks: 0 };
    Object.assign(window, { __vaEffort: effort });
    const typing = 'input[type="text"], input[type="tel"], input[type="email"], input[type="date"], input:not([type]), textarea';
    document.addEventListener('click', (event) => {
      if (event.isTrusted && !(event.target instanceof Element && event.target.closest(typing))) effort.clicks += 1;
    }, true);
    document.addEventListener('change', (event) => {
      if (event.target instanceof HTMLSelectElement) effort.clicks += 1;
    }, true);
  });
}

describe('a referral in Roundcube, in Chromium (side panel)', () => {
  let server: RoundcubeServer;
  let chromium: ChromiumWithExtension;
  let page: Page;
  let under: BrowserUnderTest;
  let added = false;
  let referred = { reference: '', firstUid: 0 };
  const consoleLines: string[] = [];
  /** Errors and warnings of the extension's own pages (side panel, options) and of its service worker. */
  const extensionProblems: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'va-e2e-'));
  const started = performance.now();
  const lap = (what: string) => console.info(`[chromium e2e ${Math.round(performance.now() - started)} ms] ${what}`);

  /** Console output of a page (webmail, side panel, options): the tests check it holds no client data. */
  const listen = (target: Page) => {
    target.on('console', (message) => {
      const line = `${target.url()} ${message.type()}: ${message.text()}`;
      consoleLines.push(line);
      if (target.url().startsWith('chrome-extension:') && ['error', 'warn', 'assert'].includes(message.type())) extensionProblems.push(line);
    });
    target.on('pageerror', (error) => {
      if (target.url().startsWith('chrome-extension:')) extensionProblems.push(`${target.url()} pageerror: ${String(error)}`);
    });
  };

  beforeAll(async () => {
    expect(existsSync(join(chromeE2eBuild, 'manifest.json')), 'build first: npm run build:e2e').toBe(true);
    server = await startRoundcube({ reset: true });
    lap(`Roundcube up at ${server.url}${server.wasReset ? '' : ' (not reset: shared with another test process)'}`);
    chromium = await launchChromiumWithExtension(chromeE2eBuild);
    lap(`Chromium up in ${chromium.timings.launchMs} ms, extension ${chromium.id}`);
    (await chromium.worker()).on('console', (message) => {
      consoleLines.push(`worker ${message.type()}: ${message.text()}`);
      if (['error', 'warn', 'assert'].includes(message.type())) extensionProblems.push(`worker ${message.type()}: ${message.text()}`);
    });
    under = {
      server,
      work,
      scheme: 'chrome-extension:',
      // The one Roundcube tab (logged in by the first test): the side panel belongs to it.
      async tab() {
        return page;
      },
      // The side panel, opened by a real click on the in-page button (or the one already open beside this tab: it
      // stays open across the tab's pages and the tests).
      async openPanel(tab) {
        const panel = await openSidePanel(chromium.browser, () => clickPanelButton(tab));
        if (!panel.listenerCount('console')) listen(panel);
        return panel;
      },
      // The side panel still shows an earlier test's done step: "Klaar: sluit en wis" starts a blank referral.
      async blankReferral(panel) {
        await finishReferral(panel);
        await textAppears(panel, 'h1', 'Toestemming');
      },
      async openExtensionPage(path) {
        const opened = await chromium.open(path);
        listen(opened);
        return opened;
      },
      piercedDom,
      async logs() {
        return `the side panel and worker logged:\n${consoleLines.join('\n')}`;
      },
      lap,
    };
  }, 900_000);

  afterAll(async () => {
    await chromium?.close();
    await stopRoundcube();
    rmSync(work, { recursive: true, force: true });
  });

  it('adds the Roundcube address in the options page, without a prompt (the e2e build holds the loopback host)', async () => {
    await addRoundcubeAddress(under);
    added = true;

    page = await chromium.browser.newPage();
    await page.setViewport(viewport);
    listen(page);
    // Roundcube asks before leaving a changed compose page: the user agrees.
    page.on('dialog', (dialog) => void dialog.accept());
    // Everything the webmail page could observe: window messages of any origin.
    await page.evaluateOnNewDocument(() => {
      const seen: string[] = [];
      (window as unknown as { __seenMessages: string[] }).__seenMessages = seen;
      window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data ?? null)), true);
    });
    await loginRoundcube(page, server);
    lap('options page added the address; logged in to Roundcube');
  });

  it('goes from the button to a saved draft with the encrypted zip that 7-Zip opens with the shown password', async () => {
    if (!added) throw new Error('the options page did not add the Roundcube address (see the test above)');
    const { panel, reference, firstUid } = await referralToSavedDraft(under, countEffort);
    referred = { reference, firstUid };
    // From the inbox to a ready draft: the in-page button, then the panel's clicks (consent, Volgende, the place, which
    // 2275 Gierle needs, Maak concept). Nothing is clicked in the panel after "Maak concept".
    const effort = 1 + (await panel.evaluate(() => (window as unknown as { __vaEffort: { clicks: number } }).__vaEffort.clicks));
    lap(`effort: ${effort} clicks from inbox to draft`);
    expect(effort).toBeLessThanOrEqual(5);
  }, 60_000);

  it('leaves no client data where the page, storage or a console could see it', async () => {
    expect(referred.reference, 'the referral test must pass first').not.toBe('');
    const seenByPage = await page.evaluate(() => (window as unknown as { __seenMessages: string[] }).__seenMessages.join('\n'));
    const worker = await chromium.worker();
    const stored = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: Record<'local' | 'sync' | 'session', { get(keys: null): Promise<unknown> }> } }).chrome.storage;
      // The vault: the extension origin's IndexedDB, where settings, additions and the register live (issue 13.5).
      const vault = await new Promise<unknown[]>((resolve, reject) => {
        const opening = indexedDB.open('veilig-aanmelden');
        opening.onerror = () => reject(opening.error ?? new Error('vault'));
        opening.onsuccess = () => {
          const read = opening.result.transaction('items', 'readonly').objectStore('items').getAll();
          read.onsuccess = () => resolve(read.result);
          read.onerror = () => reject(read.error ?? new Error('vault'));
        };
      });
      return JSON.stringify([await api.local.get(null), await api.sync.get(null), await api.session.get(null), vault]);
    });
    expect(stored).toContain(referred.reference); // the register is there (in the vault), without client data
    for (const value of [...clientValues, '470 12 34 56']) {
      expect(seenByPage).not.toContain(value);
      expect(stored).not.toContain(value);
      expect(consoleLines.join('\n')).not.toContain(value);
    }
  });

  it('an invisible input the page lays over where a panel would be catches nothing of what is typed in the side panel', async () => {
    // The side panel still shows the finished referral: "Klaar: sluit en wis" starts a blank one; the user then closes
    // the side panel, so the page can prepare its trap before the panel opens.
    const previous = await under.openPanel(page);
    await under.blankReferral(previous);
    expect(await previous.$$eval('[role="status"]', (elements) => elements.map((element) => element.textContent))).not.toContain('Je vorige invoer is teruggezet.');
    await closeSidePanel(chromium.browser, previous);

    await openCompose(page, server);
    // The attacking page: a transparent input over the right 440 px of the window, on top of everything, holding the
    // focus, and capture listeners on window for every key and input event in the document.
    await page.evaluate((width: number) => {
      const events: string[] = [];
      for (const type of ['keydown', 'keypress', 'beforeinput', 'input', 'keyup', 'paste', 'compositionend']) {
        window.addEventListener(type, (event) => events.push(`${type} ${(event as KeyboardEvent).key ?? (event as InputEvent).data ?? ''}`), true);
      }
      const trap = document.createElement('input');
      trap.setAttribute('style', `position: fixed; top: 0; right: 0; width: ${width}px; height: 100vh; z-index: 2147483647; opacity: 0; margin: 0; border: 0; padding: 0;`);
      document.body.append(trap);
      trap.focus();
      (window as unknown as { __vaOverlay: { events: string[]; trap: HTMLInputElement } }).__vaOverlay = { events, trap };
    }, overlayWidth);
    const overlay = () =>
      page.evaluate((): Overlay => {
        const { events, trap } = (window as unknown as { __vaOverlay: { events: string[]; trap: HTMLInputElement } }).__vaOverlay;
        return { events: [...events], value: trap.value, focused: document.activeElement === trap };
      });
    // The overlay is what a click on the right of the window hits; our button lies left of it, so the click reaches it.
    expect(await page.evaluate(() => document.elementFromPoint(innerWidth - 200, innerHeight / 2)?.tagName)).toBe('INPUT');
    const host = (await (await page.$('veilig-aanmelden'))!.boundingBox())!;
    expect(host.x + host.width / 2).toBeLessThan(viewport.width - overlayWidth);

    const panel = await under.openPanel(page);
    await waitForTargetLine(panel, server);
    // After the click the page takes the focus back into its trap, as an attacker would.
    await page.evaluate(() => (window as unknown as { __vaOverlay: { trap: HTMLInputElement } }).__vaOverlay.trap.focus());
    expect((await overlay()).focused).toBe(true);

    await fillConsent(panel);
    await fillClient(panel);
    for (const [label, value] of clientFields) expect(await valueOf(panel, label), label).toBe(value);
    expect(await valueOf(panel, 'Plaats')).toBe(client.municipality);
    expect(await overlay()).toEqual({ events: [], value: '', focused: true });
    await expectPageHoldsNothing(under, page, 'with the overlay');
    lap('overlay test: the whole client typed in the side panel, nothing reached the page');

    // Leave nothing for the next test: discard this referral (asked twice) and close the side panel.
    await (await button(panel, 'Annuleer en wis alles')).click();
    await (await button(panel, 'Annuleer en wis alles')).click();
    await textAppears(panel, 'h1', 'Toestemming');
    await closeSidePanel(chromium.browser, panel);
  }, 60_000);

  it('ignores a forged window.postMessage from the webmail page: nothing attached, nothing answered', async () => {
    await openCompose(page, server);
    type Replies = { __vaReplies: unknown[] };
    await page.evaluate(() => {
      const replies: unknown[] = [];
      (window as unknown as Replies).__vaReplies = replies;
      window.addEventListener('message', (event) => replies.push(event.data));
      const request = { to: 'attacker@example.org', subject: 's', body: 'b', fileName: 'aanmelding-KG-2222-2222.zip', zipBase64: 'UEsDBA==' };
      const forged = [{ type: 'draft.make', request }, { type: 'draft.read' }, { type: 'tab.describe' }, { type: 'selfCheck.run' }, { type: 'form.load' }, { type: 'panel.open' }];
      for (const message of forged) window.postMessage(message, '*');
    });
    // Every listener in the page, the content script's included, has been handed the six.
    await page.waitForFunction(() => (window as unknown as Replies).__vaReplies.length >= 6, { timeout: 5_000, polling: 50 });
    // Then a real request through the extension's own channel, sent after them: by the time the content script answers
    // it, it has had each forged message in front of it, and a reply to one would have been posted before this answer.
    const described = await (await chromium.worker()).evaluate(async (url: string) => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]>; sendMessage(tabId: number, message: object): Promise<unknown> } } }).chrome.tabs;
      const tab = (await api.query({})).find((candidate) => candidate.url === url);
      if (tab?.id === undefined) throw new Error(`no tab at ${url}`);
      return api.sendMessage(tab.id, { type: 'tab.describe' });
    }, page.url());
    expect(JSON.stringify(described)).toContain('roundcube');
    const answered = await page.evaluate(() => (window as unknown as Replies).__vaReplies.length);
    expect(answered).toBe(6); // only the page's own six messages: no answer from the extension
    const compose = await composeState(page);
    expect(compose).toEqual({ to: '', subject: '', attachments: [] });
    expect(await page.$$eval('#attachment-list li', (items) => items.length)).toBe(0);
  });

  it('falls back when the page changed: says which step, offers the file, loses nothing typed', async () => {
    await fallbackWhenThePageChanged(under);
  }, 60_000);

  it('withdraws that referral from the register: a second draft to the same mailbox, same reference, no client data', async () => {
    // In the register: the referral, and the one the fallback test left for the worker to finish by hand.
    await withdrawal(under, referred, 2);
  }, 60_000);

  it('with a reply-all open (Cc, a quoted thread of another family), the draft goes into a new compose: To only the mailbox, no Cc, no quoted text', async () => {
    // The side panel shows the withdrawal's done step: the scenario starts a blank referral.
    await referralBesideReplyAll(under);
  }, 60_000);

  it('a page script that rewrites To after the fill is caught by the read-back: the panel names it and never says "klaar"', async () => {
    // On every page: the panel fills a compose page it opens itself.
    const restore = await inEveryPage(page, () => {
      document.addEventListener('change', (event) => {
        const field = event.target;
        if (field instanceof HTMLTextAreaElement && field.name === '_to') setTimeout(() => (field.value = 'attacker@example.org'), 0);
      }, true);
    });
    await openCompose(page, server);
    const panel = await under.openPanel(page);
    await waitForTargetLine(panel, server);
    await under.blankReferral(panel);
    await fillReferral(panel);
    await (await button(panel, 'Maak concept')).click();
    await textAppears(panel, 'h1', 'Controleer het concept', { timeout: 20_000 });
    await textAppears(panel, '[role="alert"]', 'In Aan staat: attacker@example.org.', { contains: true });
    expect(await panel.evaluate(() => document.body.textContent ?? '')).not.toContain('Concept klaar');
    await restore();
  }, 60_000);

  it('the pilot check in the options page runs the whole chain on the Roundcube tab with a test file, and reports per step and tier', async () => {
    // The Roundcube tab holds the previous test's draft: the pilot opens a new compose page there first.
    const report = await runPilotCheck(chromium, server);
    for (const line of [
      '[x] een nieuwe mail openen', '[x] het adres invullen', '[x] het onderwerp invullen', '[x] de tekst invullen',
      '[x] het bestand toevoegen via de bestandskiezer', '[x] het bestand toevoegen', '[x] de mail teruglezen',
    ]) expect(report).toContain(line);
    // The test draft is left for the worker: To is their own address, the test file attached.
    const compose = await composeState(page);
    expect(compose.to.replace(/[,\s]+$/u, '')).toBe('an.janssens@example.org');
    expect(compose.attachments.some((name) => name.includes('veilig-aanmelden-test.txt'))).toBe(true);
  }, 60_000);

  it('logged no errors or warnings in the side panel, the options page or the service worker', () => {
    expect(extensionProblems).toEqual([]);
  });
});
