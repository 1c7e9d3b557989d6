import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxE2eBuild, launchFirefoxWithExtension, type FirefoxWithExtension } from '../browser/firefox';
import { button, byLabel, textAppears } from '../support/driver';
import { expectReferralDraft } from './drafts';
import { contextId, panelWindow, topLevelContexts, waitUntilClosed, type PanelWindow } from './firefox-flow';
import {
  addRoundcubeInOptions,
  clickPanelButton,
  client,
  clientValues,
  fillClient,
  fillConsent,
  fillReferral,
  finishReferral,
  inEveryPage,
  makeDraft,
  openCompose,
  pageExposure,
  shownPassword,
  waitForTargetLine,
  withoutAttachTiers,
} from './flow';
import { readDrafts } from './roundcube/imap';
import { composeState, loginRoundcube, saveDraft, waitForAttachment, waitForRoundcube } from './roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';

// The whole referral on a real webmail in Firefox: Roundcube + Dovecot on loopback, Debian's Firefox ESR over
// WebDriver BiDi (puppeteer-core), the end-to-end build of the extension (npm run build:e2e) as a temporary add-on.
// Firefox opens the panel from the in-page button in a small popup window of its own: see firefox-flow.ts for how it
// is found and driven.
describe('a referral in Roundcube, in Firefox ESR (panel window)', () => {
  let server: RoundcubeServer;
  let firefox: FirefoxWithExtension;
  let roundcubeTab: Page | undefined;
  let added = false;
  let referred = { reference: '', firstUid: 0 };
  /** Panel windows seen so far: each test looks for the one its own click opened. */
  const seenPanels = new Set<Page>();
  const work = mkdtempSync(join(tmpdir(), 'va-e2e-firefox-'));
  const started = performance.now();
  const lap = (what: string) => console.info(`[firefox e2e ${Math.round(performance.now() - started)} ms] ${what}`);

  beforeAll(async () => {
    expect(existsSync(join(firefoxE2eBuild, 'manifest.json')), 'build first: npm run build:e2e').toBe(true);
    server = await startRoundcube({ reset: true });
    lap(`Roundcube up at ${server.url}${server.wasReset ? '' : ' (not reset: shared with another test process)'}`);
    firefox = await launchFirefoxWithExtension(firefoxE2eBuild);
    lap(`Firefox up: launch ${firefox.timings.launchMs} ms, extension install ${firefox.timings.installMs} ms`);
  }, 180_000);

  /** The Roundcube tab, logged in once (the session cookie then serves the later tests). */
  async function loggedIn(): Promise<Page> {
    if (roundcubeTab) return roundcubeTab;
    const tab = await firefox.newPage();
    await loginRoundcube(tab, server);
    roundcubeTab = tab;
    return tab;
  }

  /** A new tab on a fresh compose page (a tab of its own: an earlier compose page may hold unsaved changes). */
  async function composeTab(): Promise<Page> {
    await loggedIn();
    const page = await firefox.newPage();
    await openCompose(page, server);
    return page;
  }

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

  /** Asserts that the webmail page holds no extension frame and none of the client's data. */
  async function expectPageHoldsNothing(page: Page, when: string): Promise<void> {
    const exposed = await pageExposure(page);
    // Roundcube's own frames (the mail list's preview) may be there; none of ours.
    expect(exposed.frames.filter((url) => url.startsWith('moz-extension:')), when).toEqual([]);
    expect(exposed.frameElements.filter((element) => element.includes('moz-extension:')), when).toEqual([]);
    expect(exposed.text, when).not.toContain('moz-extension://');
    for (const value of clientValues) expect(exposed.text, `${when}: ${value}`).not.toContain(value);
  }

  afterAll(async () => {
    await firefox?.close();
    await stopRoundcube();
    rmSync(work, { recursive: true, force: true });
  });

  it('adds the Roundcube address in the options page, without a prompt (the e2e build holds the loopback host)', async () => {
    const origin = new URL(server.url).origin;
    const options = await firefox.newPage();
    await firefox.goto(options, 'options.html');
    // The page shows nothing when permissions.request rejects: the helper records the rejection, so a failure says
    // what Firefox answered. A prompt (which no automation can answer) would show as a timeout.
    expect(await addRoundcubeInOptions(options, origin)).toEqual({ status: `Toegevoegd: ${origin}. Herlaad je webmail.`, rejections: [] });
    await options.close();
    added = true;
    lap('Roundcube address added in the options page');
  });

  it('goes from the button to a saved draft with the encrypted zip that 7-Zip opens with the shown password', async () => {
    if (!added) throw new Error('the options page did not add the Roundcube address (see the test above): the extension does not run on the sandbox');
    const page = await loggedIn();
    lap('logged in to Roundcube');

    // In the mail list: a real click at the centre of the button's host (the button sits in a closed shadow root)
    // opens the panel window, bound to this tab.
    await clickPanelButton(page);
    const { page: panel } = await openedPanel(page);
    await waitForTargetLine(panel, server);
    lap('panel window open and bound to the tab');

    await fillConsent(panel);
    await fillClient(panel);
    await expectPageHoldsNothing(page, 'while typing');
    const password = await shownPassword(panel);
    // "Maak concept" takes the tab to a new compose page of Roundcube's own and fills that.
    const reference = await makeDraft(panel, async () => `the extension logged: ${JSON.stringify(await firefox.problems(), null, 1)}`);
    expect(new URL(page.url()).searchParams.get('_action')).toBe('compose');
    lap(`panel: Concept klaar, ${reference}`);

    // The webmail page holds the draft, and nothing of the client.
    await waitForAttachment(page, `aanmelding-${reference}.zip`);
    const compose = await composeState(page);
    expect(compose.to).toContain('sociale.dienst@lille.be');
    expect(compose.subject).toBe(`Aanmelding Kind en Gezin – ${reference}`);
    await expectPageHoldsNothing(page, 'after the draft');

    // The user saves the draft (the extension never sends); then read it back over IMAP.
    await saveDraft(page);
    lap('draft saved in Roundcube');
    const draft = await expectReferralDraft(server, reference, password, work);
    referred = { reference, firstUid: draft.uid };
    lap('7-Zip opened the draft attachment with the shown password');

    // "Klaar: sluit en wis" closes the panel window.
    await finishReferral(panel);
    await waitUntilClosed(firefox, panel);
  }, 120_000);

  it('with a reply-all open (Cc, a quoted thread of another family), the draft goes into a new compose: To only the mailbox, no Cc, no quoted text', async () => {
    expect(referred.reference, 'the referral test must pass first').not.toBe('');
    await loggedIn();
    const page = await firefox.newPage();
    // Roundcube fills a compose from its URL as it does for a mailto: link: a stand-in for a reply-all in progress.
    const reply = new URL('?_task=mail&_action=compose', server.url);
    reply.searchParams.set('_to', 'een.ouder@example.org');
    reply.searchParams.set('_cc', 'collega@example.org');
    reply.searchParams.set('_body', '> Lisa De Smet, 0478 99 88 77');
    await page.goto(reply.href, { waitUntil: 'load', timeout: 15_000 });
    await waitForRoundcube(page, 'compose');
    const field = (name: string) => page.$eval(`[name="${name}"]`, (element) => (element as HTMLTextAreaElement).value);
    expect(await field('_cc')).toContain('collega@example.org');
    const replyId = await field('_id');
    // Roundcube asks before leaving a changed compose page: the user agrees.
    page.on('dialog', (dialog) => void dialog.accept());

    await clickPanelButton(page);
    const { page: panel } = await openedPanel(page);
    await waitForTargetLine(panel, server);
    await fillReferral(panel);
    const reference = await makeDraft(panel);
    expect(await field('_id')).not.toBe(replyId);
    expect((await composeState(page)).to.replace(/[,\s]+$/u, '')).toBe('sociale.dienst@lille.be');
    expect(await field('_cc')).toBe('');
    expect(await field('_message')).not.toContain('Lisa');
    await waitForAttachment(page, `aanmelding-${reference}.zip`);
    await finishReferral(panel);
    await waitUntilClosed(firefox, panel);
  }, 60_000);

  it('falls back when the page changed: says which step, offers the file, loses nothing typed', async () => {
    if (!added) throw new Error('the options page did not add the Roundcube address (see the first test): the extension does not run on the sandbox');
    const page = await composeTab();
    // Simulate a Roundcube update that renamed the upload field, on the compose page the panel opens.
    await inEveryPage(page, withoutAttachTiers);
    await clickPanelButton(page);
    const { page: panel } = await openedPanel(page);
    await waitForTargetLine(panel, server);
    await fillReferral(panel);
    await (await button(panel, 'Maak concept')).click();
    await textAppears(panel, 'p, [role="alert"]', 'Deze stap lukte niet: het bestand toevoegen.', { contains: true, timeout: 20_000 });
    const download = await panel.waitForFunction(
      () => [...document.querySelectorAll('a')].find((link) => link.textContent?.trim() === 'Download het versleutelde bestand')?.getAttribute('download') ?? null,
      { timeout: 5_000, polling: 50 },
    );
    expect(await download.jsonValue()).toMatch(/^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u);
    // Back on the client step, everything typed still there.
    await (await button(panel, 'Probeer opnieuw')).click();
    expect(await (await byLabel(panel, 'Achternaam')).evaluate((element) => element.value)).toBe(client.lastName);
    expect(await (await byLabel(panel, 'Telefoonnummer')).evaluate((element) => element.value)).toBe(client.phone);
    await expectPageHoldsNothing(page, 'after the fallback');
  }, 60_000);

  it('withdraws that referral from the register: a second draft to the same mailbox, same reference, no client data', async () => {
    expect(referred.reference, 'the referral test must pass first').not.toBe('');
    const page = await composeTab();
    await clickPanelButton(page);
    const { page: panel } = await openedPanel(page);
    await waitForTargetLine(panel, server);
    await (await button(panel, 'Register')).click();
    await textAppears(panel, 'body', referred.reference, { contains: true });
    await (await button(panel, `Trek in: ${referred.reference}`)).click();
    await (await button(panel, 'Maak concept van de intrekking')).click();
    await textAppears(panel, 'h1', 'Intrekking klaar', { timeout: 20_000 });
    await saveDraft(page);
    // The register notes the withdrawal once the worker says the notice went out (issue 21.3).
    await (await button(panel, 'Ja, verstuurd')).click();
    await textAppears(panel, 'p', 'Genoteerd in je register als ingetrokken.');

    const drafts = await readDrafts({ imapPort: server.imapPort, user: server.user, password: server.password, subject: referred.reference });
    const referral = drafts.find((message) => message.uid === referred.firstUid);
    const withdrawal = drafts.find((message) => message.headers.subject === `Intrekking toestemming – ${referred.reference}`);
    if (!referral || !withdrawal) throw new Error('both drafts must be in Drafts');
    expect(withdrawal.headers.to).toBe(referral.headers.to);
    expect(withdrawal.text).toContain(referred.reference);
    expect(withdrawal.text).toContain('Wis dan de gegevens');
    expect(withdrawal.attachments).toEqual([]);
    for (const value of ['Zoë', 'Testpersoon', client.email, client.street, '470', '2275', 'Gierle']) {
      expect(withdrawal.headers.subject + withdrawal.text).not.toContain(value);
    }
    // The register in the extension notes the withdrawal, still without client data.
    const options = await firefox.newPage();
    await firefox.goto(options, 'options.html');
    // The referral, the one into a new compose beside a reply, and the one the fallback test left for the worker.
    await textAppears(options.mainFrame(), 'p', '3 referenties in het register.');
    // Counted as the evaluation CSV counts (issue 14.9): the withdrawn referral went out; the drafts never marked sent do not count yet.
    await textAppears(options.mainFrame(), 'p', `Telt mee in de evaluatie van ${new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Brussels' }).slice(0, 4)}: 1 aanmelding, 1 intrekking en 0 verbeteringen.`);
    await options.close();
    lap('withdrawal saved in Drafts');
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
