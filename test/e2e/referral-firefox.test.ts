import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxE2eBuild, launchFirefoxWithExtension, type FirefoxWithExtension } from '../browser/firefox';
import { textAppears } from '../support/driver';
import { contextId, panelWindow, topLevelContexts, waitUntilClosed, type PanelWindow } from './firefox-flow';
import { clickPanelButton, finishReferral } from './flow';
import { loginRoundcube } from './roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';
import { addRoundcubeAddress, fallbackWhenThePageChanged, referralBesideReplyAll, referralToSavedDraft, withdrawal, type BrowserUnderTest } from './scenarios';

// The whole referral on a real webmail in Firefox: Roundcube + Dovecot on loopback, Debian's Firefox ESR over
// WebDriver BiDi (puppeteer-core), the end-to-end build of the extension (npm run build:e2e) as a temporary add-on.
// Firefox opens the panel from the in-page button in a small popup window of its own: see firefox-flow.ts for how it
// is found and driven. The scenarios Chromium runs too are in scenarios.ts; here what only Firefox has: the panel
// window bound to the tab whose button was clicked, closed by "Klaar: sluit en wis".
describe('a referral in Roundcube, in Firefox ESR (panel window)', () => {
  let server: RoundcubeServer;
  let firefox: FirefoxWithExtension;
  let under: BrowserUnderTest;
  let loggedIn = false;
  let added = false;
  let referred = { reference: '', firstUid: 0 };
  /** Panel windows seen so far: each test looks for the one its own click opened. */
  const seenPanels = new Set<Page>();
  const work = mkdtempSync(join(tmpdir(), 'va-e2e-firefox-'));
  const started = performance.now();
  const lap = (what: string) => console.info(`[firefox e2e ${Math.round(performance.now() - started)} ms] ${what}`);

  /**
   * The panel window that a real click on the page's button opened: a new top-level browsing context, in a browser
   * window of its own, showing sidepanel.html bound to the webmail tab (?tab=<that tab's id>).
   */
  async function openedPanel(page: Page): Promise<PanelWindow> {
    const panel = await panelWindow(firefox, seenPanels);
    seenPanels.add(panel.page);
    const contexts = await topLevelContexts(firefox);
    const own = contexts.find((context) => context.context === contextId(panel.page));
    const tab = contexts.find((context) => context.context === contextId(page));
    expect(own?.url).toBe(panel.url);
    expect(own?.parent ?? null).toBeNull();
    expect(own?.clientWindow).not.toBe(tab?.clientWindow);
    // Bound to the tab whose button was clicked: the extension's own tabs API names that tab's address.
    const boundUrl = await panel.page.evaluate(
      async (tabId: number) => (await (globalThis as unknown as { browser: { tabs: { get(id: number): Promise<{ url?: string }> } } }).browser.tabs.get(tabId)).url ?? '',
      panel.tabId,
    );
    expect(boundUrl).toBe(await page.evaluate(() => location.href));
    return panel;
  }

  beforeAll(async () => {
    expect(existsSync(join(firefoxE2eBuild, 'manifest.json')), 'build first: npm run build:e2e').toBe(true);
    server = await startRoundcube({ reset: true });
    lap(`Roundcube up at ${server.url}${server.wasReset ? '' : ' (not reset: shared with another test process)'}`);
    firefox = await launchFirefoxWithExtension(firefoxE2eBuild);
    lap(`Firefox up: launch ${firefox.timings.launchMs} ms, extension install ${firefox.timings.installMs} ms`);
    under = {
      server,
      work,
      scheme: 'moz-extension:',
      // A new tab for each scenario (an earlier compose page may hold unsaved changes), the first one logged in (the
      // session cookie then serves the later ones).
      async tab() {
        const tab = await firefox.newPage();
        // Roundcube asks before leaving a changed compose page: the user agrees.
        tab.on('dialog', (dialog) => void dialog.accept());
        if (!loggedIn) {
          await loginRoundcube(tab, server);
          loggedIn = true;
          lap('logged in to Roundcube');
        }
        return tab;
      },
      // A real click at the centre of the button's host (the button sits in a closed shadow root) opens the panel
      // window, bound to this tab.
      async openPanel(tab) {
        await clickPanelButton(tab);
        return (await openedPanel(tab)).page;
      },
      // Each scenario's panel window is new, for a tab of its own: it shows a blank referral already.
      async blankReferral(panel) {
        await textAppears(panel, 'h1', 'Toestemming');
      },
      async openExtensionPage(path) {
        const opened = await firefox.newPage();
        await firefox.goto(opened, path);
        return opened;
      },
      async logs() {
        return `the extension logged: ${JSON.stringify(await firefox.problems(), null, 1)}`;
      },
      lap,
    };
  }, 180_000);

  afterAll(async () => {
    await firefox?.close();
    await stopRoundcube();
    rmSync(work, { recursive: true, force: true });
  });

  /** "Klaar: sluit en wis" on the done step closes the panel window. */
  async function finishAndClose(panel: Page): Promise<void> {
    await finishReferral(panel);
    await waitUntilClosed(firefox, panel);
  }

  it('adds the Roundcube address in the options page, without a prompt (the e2e build holds the loopback host)', async () => {
    await addRoundcubeAddress(under);
    added = true;
    lap('Roundcube address added in the options page');
  });

  it('goes from the button to a saved draft with the encrypted zip that 7-Zip opens with the shown password', async () => {
    if (!added) throw new Error('the options page did not add the Roundcube address (see the test above): the extension does not run on the sandbox');
    const { panel, reference, firstUid } = await referralToSavedDraft(under);
    referred = { reference, firstUid };
    await finishAndClose(panel);
  }, 120_000);

  it('with a reply-all open (Cc, a quoted thread of another family), the draft goes into a new compose: To only the mailbox, no Cc, no quoted text', async () => {
    expect(referred.reference, 'the referral test must pass first').not.toBe('');
    await finishAndClose(await referralBesideReplyAll(under));
  }, 60_000);

  it('falls back when the page changed: says which step, offers the file, loses nothing typed', async () => {
    if (!added) throw new Error('the options page did not add the Roundcube address (see the first test): the extension does not run on the sandbox');
    await fallbackWhenThePageChanged(under);
  }, 60_000);

  it('withdraws that referral from the register: a second draft to the same mailbox, same reference, no client data', async () => {
    // In the register: the referral, the one into a new compose beside a reply, and the one the fallback test left
    // for the worker to finish by hand.
    await withdrawal(under, referred, 3);
  }, 60_000);

  it('logged no errors in the extension (Firefox reports them for its pages and frames, not over BiDi)', async () => {
    // "Klaar: sluit en wis" closes the panel window: no message may still be in flight then (Firefox would log a
    // rejection "after context unloaded" that the page cannot catch).
    const problems = await firefox.problems();
    const warnings = problems.filter((problem) => !problem.startsWith('error'));
    if (warnings.length > 0) console.info(`warnings from the extension:\n${warnings.join('\n')}`);
    expect(problems.filter((problem) => problem.startsWith('error'))).toEqual([]);
  });
});
