import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Page, PermissionState } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearAfterMs } from '../../lib/clipboard';
import { fillReferral, openPasswordChoice, shownPassword } from '../e2e/flow';
import { button, byRole, textAppears } from '../support/driver';
import { launchChromiumWithExtension, servePage, settled, type ChromiumWithExtension } from './chromium';
import { chromeBuild } from './extension';

// Issue 13, item 6: after "Concept klaar" the clipboard still held the password. The fix (lib/clipboard.ts, the
// `sensitive` CopyButton): copying the password says that the clipboard will be cleared, clears it after 60 seconds
// and when the referral is closed, and only while it still holds our password.
//
// The panel (sidepanel.html) is opened as a tab, with no webmail beside it: "Maak concept" then offers only the
// encrypted file and the texts, which is the fallback step (password and the texts to copy). "Klaar: sluit en wis"
// lives on the done step, which needs a webmail that took the draft; "Annuleer en wis alles" is offered on every other
// step. Both call the wizard's discard(), which calls clearCopiedSecrets(): the test closes with the latter.
//
// Reading the clipboard: headless Chromium keeps a clipboard of its own, shared by its tabs. It is read from another
// origin (a page on loopback that holds clipboard-read), so the extension's own pages keep the permission state a
// real install has: clipboard-read is not granted (the extension does not ask for it; Chrome would prompt). Only the
// third case grants it to the extension, to show the read-back that keeps a copy made elsewhere.
// Clipboard calls need a focused document: each side is brought to the front before it touches the clipboard.
//
// On the previous design (before 5dec65a) the copy button only wrote the text and nothing ever cleared it: the first
// and the last case fail there (the password is still on the clipboard; no status says it will be cleared). Checked
// by running the first case with a panel whose clipboard ignores writeText(''): it fails on its last assertion.

const mailboxOfLille = 'sociale.dienst@lille.be';
const copiedSensitive = 'Gekopieerd. Wordt over 1 minuut van het klembord gewist.';
const cleared = 'Van het klembord gewist.';

describe('a copied password leaves the clipboard (issue 13.6), in Chromium', () => {
  let chromium: ChromiumWithExtension;
  let reader: { server: Server; origin: string; page: Page };
  const problems: string[] = [];

  /** The extension's permission to read the clipboard: "prompt" as in a real install, or granted (case 3). */
  async function extensionMayRead(state: PermissionState): Promise<void> {
    const origin = chromium.extensionBaseUrl.replace(/\/$/u, '');
    await chromium.browser.defaultBrowserContext().setPermission(
      origin,
      { permission: { name: 'clipboard-read' }, state },
      { permission: { name: 'clipboard-write' }, state: 'granted' },
    );
  }

  /** What the clipboard holds, read by the other page (which then hands the focus back to `panel`). */
  async function clipboardText(panel: Page): Promise<string> {
    await reader.page.bringToFront();
    const text = await reader.page.evaluate(() => navigator.clipboard.readText());
    await panel.bringToFront();
    return text;
  }

  /** Another page (another site, another program) puts its own text on the clipboard. */
  async function copyElsewhere(panel: Page, text: string): Promise<void> {
    await reader.page.bringToFront();
    await reader.page.evaluate((value: string) => navigator.clipboard.writeText(value), text);
    await panel.bringToFront();
  }

  /** A fresh panel tab at the password step; `before` runs in the page before its own scripts (see the timer case). */
  async function panelAtPassword(before?: () => void): Promise<{ panel: Page; password: string }> {
    const panel = await chromium.browser.newPage();
    panel.on('console', (message) => {
      if (['error', 'warn'].includes(message.type())) problems.push(`panel ${message.type()}: ${message.text()}`);
    });
    panel.on('pageerror', (error) => problems.push(`panel pageerror: ${String(error)}`));
    if (before) await panel.evaluateOnNewDocument(before);
    await panel.goto(new URL('sidepanel.html', chromium.extensionBaseUrl).href, { waitUntil: 'load' });
    await panel.bringToFront();
    await settled(panel);
    await fillReferral(panel);
    // The password choice is folded on the client step: the worker opens it to copy the password early.
    await openPasswordChoice(panel);
    return { panel, password: await shownPassword(panel) };
  }

  /** Clicks the copy button named "Kopieer <label>" and resolves with the status line beside it. */
  async function copy(panel: Page, label: string): Promise<string> {
    const copyButton = await byRole(panel, 'button', `Kopieer ${label}`);
    await copyButton.click();
    const status = await panel.waitForFunction(
      (element: Element) => {
        const text = element.parentElement?.querySelector('[role="status"]')?.textContent?.trim() ?? '';
        return text === '' ? null : text;
      },
      { timeout: 5_000, polling: 50 },
      copyButton,
    );
    return (await status.jsonValue()) as string;
  }

  /** "Maak concept" with no webmail beside the panel, then "only the file and the texts": the fallback step. */
  async function toFallback(panel: Page): Promise<void> {
    await (await button(panel, 'Maak concept')).click();
    await (await button(panel, 'Of maak alleen het versleutelde bestand en de teksten om zelf te mailen.')).click();
    await textAppears(panel, 'h1', 'Zelf mailen', { timeout: 10_000 });
  }

  /** "Annuleer en wis alles", confirmed: the wizard's discard(), as "Klaar: sluit en wis" on the done step. */
  async function closeReferral(panel: Page): Promise<void> {
    await (await button(panel, 'Annuleer en wis alles')).click();
    await (await button(panel, 'Annuleer en wis alles')).click();
    await textAppears(panel, 'h1', 'Toestemming');
  }

  beforeAll(async () => {
    expect(existsSync(`${chromeBuild}/manifest.json`), 'build first: npm run build').toBe(true);
    const { server, origin } = await servePage('Klembord', 'Een andere pagina.');
    // The production build, as shipped (no loopback host is needed: the reader page needs no permission of ours).
    chromium = await launchChromiumWithExtension(chromeBuild);
    await chromium.browser.defaultBrowserContext().setPermission(
      origin,
      { permission: { name: 'clipboard-read' }, state: 'granted' },
      { permission: { name: 'clipboard-write' }, state: 'granted' },
    );
    const page = await chromium.browser.newPage();
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    reader = { server, origin, page };
  });

  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => reader?.server.close(resolve));
  });

  it('the copied password is on the clipboard, the panel says it will be cleared, and closing the referral clears it', async () => {
    await extensionMayRead('prompt');
    const { panel, password } = await panelAtPassword();
    await copyElsewhere(panel, 'iets van voordien');
    expect(await copy(panel, 'Wachtwoord om door te geven')).toBe(copiedSensitive);
    expect(await clipboardText(panel)).toBe(password);

    await toFallback(panel);
    // The fallback shows the same password (the worker still has to pass it on) and leaves the clipboard alone.
    expect(await panel.$eval('output.password', (element) => element.textContent?.trim())).toBe(password);
    expect(await clipboardText(panel)).toBe(password);

    await closeReferral(panel);
    // Without read permission the panel cannot look: it overwrites the clipboard with nothing.
    expect(await clipboardText(panel)).toBe('');
    await panel.close();
  });

  it('something the worker copied in the panel after the password stays on the clipboard when the referral is closed', async () => {
    await extensionMayRead('prompt');
    const { panel, password } = await panelAtPassword();
    expect(await copy(panel, 'Wachtwoord om door te geven')).toBe(copiedSensitive);
    expect(await clipboardText(panel)).toBe(password);
    await toFallback(panel);
    // Another copy button (not sensitive): the recipient's address replaces the password on the clipboard.
    expect(await copy(panel, 'Kopieer het adres')).toBe('Gekopieerd');
    expect(await clipboardText(panel)).toBe(mailboxOfLille);

    await closeReferral(panel);
    expect(await clipboardText(panel)).toBe(mailboxOfLille);
    await panel.close();
  });

  it('with permission to read the clipboard, a copy made elsewhere since the password is kept', async () => {
    // Not a real install's state (the extension does not ask for clipboard-read): here clearCopiedSecrets() reads
    // the clipboard back and clears it only when it still holds our password.
    await extensionMayRead('granted');
    try {
      const { panel, password } = await panelAtPassword();
      expect(await copy(panel, 'Wachtwoord om door te geven')).toBe(copiedSensitive);
      expect(await clipboardText(panel)).toBe(password);
      await copyElsewhere(panel, 'een notitie uit een ander programma');
      await closeReferral(panel);
      expect(await clipboardText(panel)).toBe('een notitie uit een ander programma');

      // And with nothing copied since, the same read-back finds our password and clears it.
      const second = await panelAtPassword();
      expect(await copy(second.panel, 'Wachtwoord om door te geven')).toBe(copiedSensitive);
      expect(await clipboardText(second.panel)).toBe(second.password);
      await closeReferral(second.panel);
      expect(await clipboardText(second.panel)).toBe('');
      await panel.close();
      await second.panel.close();
    } finally {
      await extensionMayRead('prompt');
    }
  });

  it('left alone, the password is cleared after the minute the panel announced, and the panel says so', async () => {
    await extensionMayRead('prompt');
    // The minute is shortened in this page only: a timer of exactly clearAfterMs (60 s) is noted and fires after
    // a second instead. Every other timer keeps its delay.
    const { panel, password } = await panelAtPassword(() => {
      const original = window.setTimeout.bind(window);
      const noted: number[] = [];
      (window as unknown as { __vaClipboardTimers: number[] }).__vaClipboardTimers = noted;
      window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
        if (delay === 60_000) noted.push(delay);
        return original(handler, delay === 60_000 ? 1_000 : delay, ...rest);
      }) as typeof window.setTimeout;
    });
    expect(clearAfterMs).toBe(60_000);
    expect(await panel.evaluate(() => (window as unknown as { __vaClipboardTimers: number[] }).__vaClipboardTimers.length)).toBe(0);
    expect(await copy(panel, 'Wachtwoord om door te geven')).toBe(copiedSensitive);
    expect(await panel.evaluate(() => (window as unknown as { __vaClipboardTimers: number[] }).__vaClipboardTimers)).toEqual([60_000]);
    await textAppears(panel, '[role="status"]', cleared);
    expect(await clipboardText(panel)).toBe('');
    // The password itself is still shown: only the clipboard was cleared.
    expect(await panel.$eval('output.password', (element) => element.textContent?.trim())).toBe(password);
    await panel.close();
  });

  it('logged no errors or warnings in the panel', () => {
    expect(problems).toEqual([]);
  });
});
