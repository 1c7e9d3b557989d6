import { existsSync } from 'node:fs';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillClient, fillConsent } from '../e2e/flow';
import { byLabel, byRole, fill, waitForText } from '../support/driver';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './chromium';
import { chromeBuild } from './extension';

// The built extension in Debian's Chromium: the pages load under the extension's CSP, from its own files.
describe('the built extension in Chromium', () => {
  let extension: ChromiumWithExtension;
  const problems: string[] = [];

  beforeAll(async () => {
    expect(existsSync(`${chromeBuild}/manifest.json`), 'build first: npm run build').toBe(true);
    extension = await launchChromiumWithExtension(chromeBuild);
  });

  afterAll(async () => {
    await extension?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await extension.browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`));
    await page.goto(new URL(path, extension.extensionBaseUrl).href, { waitUntil: 'load' });
    return page;
  }

  /** The panel page opened in a tab, on its lookup view (what the toolbar icon shows beside a webmail). */
  async function lookup(): Promise<Page> {
    const page = await open('sidepanel.html');
    await (await byRole(page, 'button', 'Opzoeken')).click();
    return page;
  }

  const text = (element: ElementHandle<Element>) => element.evaluate((node) => node.textContent);

  it("the panel's lookup view: type a postcode, see the recipient and its mailbox", async () => {
    const page = await lookup();
    const input = await byLabel(page, 'Gemeente, deelgemeente of postcode');
    await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('2275');
    const card = await byRole(page, 'article', /Lille/u);
    expect(await text(card)).toContain('sociale.dienst@lille.be');
    expect(await text(card)).toContain('Protocol van kracht sinds 01-11-2025');
    await fill(input, '7780');
    await waitForText(page, 'Postcode 7780 ligt buiten Vlaanderen en Brussel');
    await page.close();
  });

  it('options: add a mailbox with its protocol date, and it survives a reload as "door jou toegevoegd"', async () => {
    const page = await open('options.html');
    await fill(await byLabel(page, 'Gemeente of postcode'), 'Etterbeek');
    await fill(await byLabel(page, 'Mailadres voor aanmeldingen'), 'aanmelding@caw.example');
    await fill(await byLabel(page, 'Ingangsdatum van het protocol'), '01-09-2025');
    const own = await byRole(page, 'region', 'Eigen mailadressen');
    await (await byRole(page, 'button', 'Bewaar mailadres en protocol', { within: own })).click();
    await waitForText(page, 'Bewaard: CAW Brussel → aanmelding@caw.example');
    await page.reload({ waitUntil: 'load' });
    await waitForText(page, /aanmelding@caw\.example \(door jou toegevoegd op \d\d-\d\d-\d{4}; ingangsdatum 01-09-2025\)/u);
    const popup = await lookup();
    await fill(await byLabel(popup, 'Gemeente, deelgemeente of postcode'), '1040');
    await waitForText(popup, 'aanmelding@caw.example');
    await waitForText(popup, /door jou toegevoegd op/u);
    await page.close();
    await popup.close();
  });

  it('fits each step at the side panel\'s size in a 1366×768 window, for a client with every field, without scrolling', async () => {
    // The worker's own details first (without them the panel adds a line asking for them).
    const options = await open('options.html');
    const referrer = await options.waitForSelector('section[aria-labelledby="referrer-title"]');
    await fill(await byLabel(options, 'Naam'), 'An Janssens');
    await fill(await byLabel(options, 'Telefoon'), '014 00 00 00');
    await (await byRole(options, 'button', 'Bewaar', { within: referrer! })).click();
    await waitForText(options, 'Bewaard', { selector: 'section[aria-labelledby="referrer-title"] [role="status"]' });
    await options.close();

    // The side panel in a 1366×768 Chromium window is 360×633 CSS pixels (measured by scripts/screens.ts).
    const page = await open('sidepanel.html');
    await page.setViewport({ width: 360, height: 633 });
    /** How far the page reaches below the panel's height, and what sticks out (empty when it fits). */
    const overflow = () =>
      page.evaluate(() => {
        const height = window.innerHeight;
        const below = [...document.querySelectorAll('main *')]
          .filter((element) => element.checkVisibility() && element.getBoundingClientRect().bottom + window.scrollY > height)
          .map((element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}"`);
        return { scrolls: document.documentElement.scrollHeight > height, below: below.slice(0, 5) };
      });
    const inView = (name: string) =>
      page.evaluate((label: string) => {
        const target = [...document.querySelectorAll('button')].find((element) => element.textContent?.trim() === label);
        if (!target) return `no button ${label}`;
        const box = target.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return box.top >= 0 && box.bottom <= window.innerHeight && (hit === target || target.contains(hit)) ? 'in view' : `at ${Math.round(box.top)}–${Math.round(box.bottom)} of ${window.innerHeight}`;
      }, name);
    await byRole(page, 'button', 'Volgende');
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await overflow()).toEqual({ scrolls: false, below: [] });
    expect(await inView('Volgende')).toBe('in view');
    await fillConsent(page);
    // Every field, a postcode with several places (the place list shows), the recipient and the password choice.
    await fillClient(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await overflow()).toEqual({ scrolls: false, below: [] });
    expect(await inView('Maak concept')).toBe('in view');
    expect(await inView('Annuleer en wis alles')).toBe('in view');
    await page.close();
  });

  it('at a Windows laptop\'s side-panel height (360×590), "Maak concept" without a webmail answers in view and takes the focus', async () => {
    // The panel page in a tab of its own: the tab it works for is no webmail (issue 21.4). The worker's details were
    // saved by the test above.
    const page = await open('sidepanel.html');
    await page.setViewport({ width: 360, height: 590 });
    // The test above left a client typed in the session: start a blank referral first.
    await (await byRole(page, 'button', 'Annuleer en wis alles')).click();
    await (await page.waitForSelector('.discard-confirm button.danger'))?.click();
    await fillConsent(page);
    await fillClient(page);
    await (await byRole(page, 'button', 'Maak concept')).click();
    const answer = await waitForText(page, /^Open je webmail in dit tabblad en klik dan opnieuw/u, { selector: 'form.wizard p' });
    expect(answer).toContain('Of maak alleen het versleutelde bestand');
    const seen = await page.evaluate(() => {
      const target = document.activeElement;
      if (!(target instanceof HTMLElement) || !target.textContent?.startsWith('Open je webmail')) return `focus on ${target?.tagName}`;
      const box = target.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
      return box.top >= 0 && box.bottom <= window.innerHeight && (hit === target || target.contains(hit)) ? 'in view' : `at ${Math.round(box.top)}–${Math.round(box.bottom)} of ${window.innerHeight}`;
    });
    expect(seen).toBe('in view');
    await page.close();
  });

  it('logged no errors or warnings on any page', () => {
    expect(problems).toEqual([]);
  });
});
