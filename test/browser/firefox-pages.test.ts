import { existsSync } from 'node:fs';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxBuild, launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';

// The built Firefox extension (MV2) in Debian's Firefox ESR, over WebDriver BiDi: the pages load under the
// extension's CSP, from its own files, with Firefox's own quirks.
describe('the built extension in Firefox ESR', () => {
  let firefox: FirefoxWithExtension;

  beforeAll(async () => {
    expect(existsSync(`${firefoxBuild}/manifest.json`), 'build first: npm run build').toBe(true);
    firefox = await launchFirefoxWithExtension();
    console.info(`Firefox launch ${firefox.timings.launchMs} ms, extension install ${firefox.timings.installMs} ms`);
  });

  afterAll(async () => {
    await firefox?.close();
  });

  async function open(path: string) {
    const page = await firefox.newPage();
    await firefox.goto(page, path);
    expect(await page.evaluate(() => location.href)).toBe(new URL(path, firefox.extensionBaseUrl).href);
    return page;
  }

  /** The form control a visible <label> names, once it is there. */
  async function byLabel(page: Page, label: string) {
    const handle = await page.waitForFunction(
      (text) => [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === text)?.control,
      { timeout: 5_000, polling: 50 },
      label,
    );
    return handle as ElementHandle<HTMLElement>;
  }

  /** Waits until the page's text contains `text`, and returns that text. */
  async function textAppears(page: Page, text: string, selector = 'body') {
    const handle = await page.waitForFunction(
      (wanted, within) => [...document.querySelectorAll(within)].map((element) => element.textContent ?? '').find((content) => content.includes(wanted)),
      { timeout: 5_000, polling: 50 },
      text,
      selector,
    );
    return (await handle.jsonValue()) as string;
  }

  it("the panel's lookup view: type a postcode, see the recipient and its mailbox; a Walloon postcode is refused", async () => {
    const page = await open('sidepanel.html');
    const views = await page.waitForFunction(() => [...document.querySelectorAll('button')].find((element) => element.textContent === 'Opzoeken'), {
      timeout: 5_000,
      polling: 50,
    });
    await (views as ElementHandle<HTMLButtonElement>).click();
    const input = await byLabel(page, 'Gemeente, deelgemeente of postcode');
    await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('2275');
    // The card for Lille: an <article> named by its heading.
    const card = await page.waitForFunction(
      () =>
        [...document.querySelectorAll('article')].find((article) =>
          [...(article.getAttribute('aria-labelledby') ?? '').split(' ')].some((id) => document.getElementById(id)?.textContent?.includes('Lille')),
        )?.textContent,
      { timeout: 5_000, polling: 50 },
    );
    const cardText = (await card.jsonValue()) as string;
    expect(cardText).toContain('sociale.dienst@lille.be');
    expect(cardText).toContain('Protocol van kracht sinds 01-11-2025');

    await input.evaluate((element) => (element as HTMLInputElement).select());
    await page.keyboard.type('4000');
    expect(await input.evaluate((element) => (element as HTMLInputElement).value)).toBe('4000');
    await textAppears(page, 'Postcode 4000 ligt buiten Vlaanderen en Brussel');
    expect(await page.evaluate(() => document.querySelectorAll('article').length)).toBe(0);
    await page.close();
  });

  it('options: the heading and the attribution of the data', async () => {
    const page = await open('options.html');
    expect(await textAppears(page, 'Instellingen', 'h1')).toMatch(/^Veilig Aanmelden – Instellingen$/u);
    await textAppears(page, 'Bron: Statbel', 'li');
    await page.close();
  });

  it('logged no errors or warnings on any page', async () => {
    expect(await firefox.problems()).toEqual([]);
  });
});
