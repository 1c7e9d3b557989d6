import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSidePanel, type ChromiumWithExtension } from '../browser/chromium';
import { chromeE2eBuild } from '../browser/extension';
import { button, textAppears } from '../support/driver';
import { chromiumOnRoundcube, clickPanelButton, fillReferral, finishReferral, makeDraft, shownPassword, waitForTargetLine } from './flow';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';

// Issue 20.2 and 20.6 on a real Roundcube, through Chromium's real side panel: after "Concept klaar" the draft stays
// bound to its tab and is read again while the done step shows (a page script that rewrites To is caught without a
// click; a switch to another tab's compose checks nothing there), and the done step has idle limits like every phase
// (the password hidden after a few minutes, everything wiped after 30). The panel's clock is moved on in its own page.

describe('after "Concept klaar" in Roundcube, in Chromium (side panel)', () => {
  let server: RoundcubeServer;
  let chromium: ChromiumWithExtension;
  let page: Page;
  let panel: Page;

  /** Moves the panel page's clock `ms` ahead (its idle limits compare Date.now() readings) and lets it look. */
  const later = (ms: number) =>
    panel.evaluate((shift: number) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + shift;
      document.dispatchEvent(new Event('visibilitychange'));
    }, ms);

  /** A referral through the panel up to "Concept klaar"; the password it shows. */
  async function referral(): Promise<string> {
    panel = await openSidePanel(chromium.browser, () => clickPanelButton(page));
    await waitForTargetLine(panel, server);
    await fillReferral(panel);
    const password = await shownPassword(panel);
    await makeDraft(panel);
    return password;
  }

  beforeAll(async () => {
    expect(existsSync(join(chromeE2eBuild, 'manifest.json')), 'build first: npm run build:e2e').toBe(true);
    server = await startRoundcube({ reset: true });
    ({ chromium, page } = await chromiumOnRoundcube(server));
  }, 900_000);

  afterAll(async () => {
    await chromium?.close();
    await stopRoundcube();
  });

  it('drops "klaar" by itself when a page script rewrites To, and checks only its own tab after a switch', async () => {
    await referral();
    // A script of the webmail page changes the recipient after the read-back: no click in the panel.
    await page.evaluate(() => {
      const to = document.querySelector<HTMLTextAreaElement>('textarea#_to');
      if (!to) throw new Error('no To field');
      to.value = 'attacker@example.org';
      to.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await textAppears(panel, 'h1', 'Controleer het concept', { timeout: 10_000 });
    await textAppears(panel, '[role="alert"]', 'attacker@example.org', { contains: true });

    // The worker opens another compose in a second tab (another mail, perhaps another account) and asks for a check.
    const other = await chromium.browser.newPage();
    await other.goto(new URL('?_task=mail&_action=compose', server.url).href);
    await other.bringToFront();
    await textAppears(panel, 'p', 'Dit concept staat in een ander tabblad', { contains: true, timeout: 10_000 });
    await (await button(panel, 'Controleer opnieuw')).click();
    // Still the first tab's draft that is checked (its rewritten To), not the empty compose in front.
    await textAppears(panel, '[role="alert"]', 'attacker@example.org', { contains: true });
    expect(await other.$eval('textarea#_to', (to) => (to as HTMLTextAreaElement).value)).toBe('');
    await other.close();
    await page.bringToFront();
    await finishReferral(panel);
  });

  it('hides the password after a few idle minutes and wipes the done step after 30', async () => {
    await page.goto(new URL('?_task=mail', server.url).href);
    const password = await referral();
    expect(await panel.evaluate(() => document.body.textContent ?? '')).toContain(password);
    await later(6 * 60_000);
    await button(panel, 'Toon wachtwoord', { timeout: 5_000 });
    expect(await panel.evaluate(() => document.body.textContent ?? '')).not.toContain(password);
    await later(31 * 60_000);
    await textAppears(panel, 'p', 'Je invoer is gewist na 30 minuten zonder activiteit.', { timeout: 5_000 });
    const text = await panel.evaluate(() => document.body.textContent ?? '');
    expect(text).not.toContain(password.split('-')[0]);
    expect(text).not.toMatch(/KG-[2-9A-Z]{4}-[2-9A-Z]{4}/u);
  });
});
