import { existsSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillClient, fillConsent } from '../e2e/flow';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './chromium';
import { chromeE2eBuild } from './extension';

// Issue 21.13: at 200 % zoom the side panel of 360 px is 180 CSS px wide; the client's fields stack in one column,
// each as wide as the panel, and nothing sticks out sideways.
describe('the panel at 200 % zoom in Chromium', () => {
  let extension: ChromiumWithExtension;

  beforeAll(async () => {
    expect(existsSync(`${chromeE2eBuild}/manifest.json`), 'build first: npm run build:e2e').toBe(true);
    extension = await launchChromiumWithExtension(chromeE2eBuild);
  });

  afterAll(async () => {
    await extension?.close();
  });

  /** Each row of fields: its labels and whether they sit one under the other at the row's full width. */
  const rows = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('form.wizard .row')].map((row) => {
        const box = row.getBoundingClientRect();
        const fields = [...row.children].filter((child) => child.checkVisibility()).map((child) => ({ label: child.querySelector('label')?.textContent?.trim() ?? '', box: child.getBoundingClientRect() }));
        const stacked = fields.every((field, index) => index === 0 || field.box.top >= (fields[index - 1]?.box.bottom ?? 0) - 1);
        const fullWidth = fields.every((field) => field.box.width >= box.width - 1);
        return { labels: fields.map((field) => field.label).join(' | '), stacked, fullWidth };
      }),
    );

  /** Controls whose right edge lies beyond the panel, and whether the page scrolls sideways. */
  const sideways = (page: Page) =>
    page.evaluate(() => ({
      scrolls: document.documentElement.scrollWidth > window.innerWidth,
      beyond: [...document.querySelectorAll('body *')]
        .filter((element) => element.checkVisibility() && element.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(element.getBoundingClientRect().right)}`),
    }));

  it('stacks the client step\'s fields in one column, with nothing wider than the panel', async () => {
    const page = await extension.browser.newPage();
    // The 360×633 side panel of a 1366×768 window (test/browser/pages.test.ts), at 200 %: 180×316 CSS px.
    await page.setViewport({ width: 180, height: 316, deviceScaleFactor: 2 });
    await page.goto(new URL('sidepanel.html', extension.extensionBaseUrl).href, { waitUntil: 'load' });
    await fillConsent(page);
    await fillClient(page);
    const found = await rows(page);
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.filter((row) => !row.stacked || !row.fullWidth)).toEqual([]);
    expect(await sideways(page)).toEqual({ scrolls: false, beyond: [] });
    await page.close();
  });
});
