import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxE2eBuild, launchFirefoxWithExtension, type FirefoxWithExtension } from '../browser/firefox';
import { addRoundcubeInOptions, button, byLabel, fillReferral, loginRoundcubeFirefox, panelFrame, shownPassword, textAppears, waitForRoundcube } from './firefox-flow';
import { expectReferralDraft } from './drafts';
import { client } from './panel-flow';
import { readDrafts } from './roundcube/imap';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';

// The whole referral on a real webmail in Firefox: Roundcube + Dovecot on loopback, Debian's Firefox ESR over
// WebDriver BiDi (puppeteer-core), the end-to-end build of the extension (npm run build:e2e) as a temporary add-on.
// The panel is driven inside the webmail tab, in its own extension iframe: see firefox-flow.ts for how.
describe('a referral in Roundcube, in Firefox ESR', () => {
  let server: RoundcubeServer;
  let firefox: FirefoxWithExtension;
  let roundcubeTab: Page | undefined;
  let added = false;
  let referred = { reference: '', firstUid: 0 };
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
    await loginRoundcubeFirefox(tab, server);
    roundcubeTab = tab;
    return tab;
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
    // takes the user to a compose page, where the panel opens by itself.
    const host = await page.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
    const box = await host!.boundingBox();
    if (!box) throw new Error('the Veilig Aanmelden button is not visible');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load', timeout: 15_000 }),
      page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
    ]);
    expect(page.url()).toMatch(/[?&]_action=compose\b/u);
    await waitForRoundcube(page, 'compose');
    const panel = await panelFrame(page, firefox.extensionBaseUrl);
    lap('compose page loaded, panel open');

    await fillReferral(panel);
    const password = await shownPassword(panel);
    await (await button(panel, 'Maak concept')).click();
    await textAppears(panel, 'h1', 'Concept klaar', { timeout: 20_000 }).catch(async (error: unknown) => {
      throw new Error(`${(error as Error).message}\nthe extension logged: ${JSON.stringify(await firefox.problems(), null, 1)}`, { cause: error });
    });
    lap('panel: Concept klaar');
    await textAppears(panel, 'p', 'Onderwerp en tekst van de mail bevatten geen gegevens van de cliënt.');
    const reference = await panel.$eval('dd.mailbox', (element) => element.textContent?.trim() ?? '');
    expect(reference).toMatch(/^KG-[2-9A-Z]{4}-[2-9A-Z]{4}$/u);

    // The webmail page holds the draft, and nothing of the client.
    expect(await page.$eval('textarea#_to', (element) => (element as HTMLTextAreaElement).value)).toContain('sociale.dienst@lille.be');
    expect(await page.$eval('#compose-subject', (element) => (element as HTMLInputElement).value)).toBe(`Aanmelding Kind en Gezin – ${reference}`);
    await page.waitForFunction(
      (name: string) =>
        document.querySelector('#attachment-list li.uploading') === null &&
        [...document.querySelectorAll('#attachment-list li[id^="rcmfile"]')].some((item) => item.textContent?.includes(name)),
      { timeout: 15_000, polling: 50 },
      `aanmelding-${reference}.zip`,
    );
    const html = await page.content();
    for (const value of [client.lastName, 'Testpersoon', client.email, client.street, '470 12 34 56', '470123456']) expect(html).not.toContain(value);

    // The user saves the draft (the extension never sends); then read it back over IMAP.
    await page.click('#toolbar-menu a.save.draft');
    await expect
      .poll(() => page.$eval('input[name="_draft_saveid"]', (element) => (element as HTMLInputElement).value), { timeout: 15_000, interval: 100 })
      .not.toBe('');
    lap('draft saved in Roundcube');
    const draft = await expectReferralDraft(server, reference, password, work);
    referred = { reference, firstUid: draft.uid };
    lap('7-Zip opened the draft attachment with the shown password');
  }, 120_000);

  it('falls back when the page changed: says which step, offers the file, loses nothing typed', async () => {
    if (!added) throw new Error('the options page did not add the Roundcube address (see the first test): the extension does not run on the sandbox');
    // A tab of its own: the previous test's compose page may hold unsaved changes (Roundcube would ask to leave).
    await loggedIn();
    const page = await firefox.newPage();
    await page.goto(new URL('?_task=mail&_action=compose', server.url).href, { waitUntil: 'load', timeout: 15_000 });
    await waitForRoundcube(page, 'compose');
    await page.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
    // Simulate a Roundcube update that renamed the upload field.
    await page.evaluate(() => document.querySelector('#uploadformInput')?.remove());
    const host = await page.$('veilig-aanmelden');
    const box = await host!.boundingBox();
    if (!box) throw new Error('the Veilig Aanmelden button is not visible');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = await panelFrame(page, firefox.extensionBaseUrl);
    await fillReferral(panel);
    await (await button(panel, 'Maak concept')).click();
    await textAppears(panel, 'p, [role="alert"]', 'Deze stap lukte niet: het bestand toevoegen.', { contains: true, timeout: 20_000 });
    const download = await panel.waitForFunction(
      () => [...document.querySelectorAll('a')].find((link) => link.textContent?.trim() === 'Download het versleutelde bestand')?.getAttribute('download') ?? null,
      { timeout: 5_000, polling: 50 },
    );
    expect(await download.jsonValue()).toMatch(/^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u);
    await (await button(panel, 'Probeer opnieuw')).click();
    await (await button(panel, 'Terug')).click();
    expect(await (await byLabel(panel, 'Achternaam')).evaluate((element) => element.value)).toBe(client.lastName);
    expect(await (await byLabel(panel, 'Telefoonnummer')).evaluate((element) => element.value)).toBe(client.phone);
  }, 60_000);

  it('withdraws that referral from the register: a second draft to the same mailbox, same reference, no client data', async () => {
    expect(referred.reference, 'the referral test must pass first').not.toBe('');
    await loggedIn();
    const page = await firefox.newPage();
    await page.goto(new URL('?_task=mail&_action=compose', server.url).href, { waitUntil: 'load', timeout: 15_000 });
    await waitForRoundcube(page, 'compose');
    const host = await page.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
    const box = await host!.boundingBox();
    if (!box) throw new Error('the Veilig Aanmelden button is not visible');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = await panelFrame(page, firefox.extensionBaseUrl);
    await (await button(panel, 'Intrekking of verbetering')).click();
    await (await button(panel, `Trek in: ${referred.reference}`)).click();
    await (await button(panel, 'Maak concept van de intrekking')).click();
    await textAppears(panel, 'h1', 'Intrekking klaar', { timeout: 20_000 });
    await page.click('#toolbar-menu a.save.draft');
    await expect
      .poll(() => page.$eval('input[name="_draft_saveid"]', (element) => (element as HTMLInputElement).value), { timeout: 15_000, interval: 100 })
      .not.toBe('');

    const drafts = await readDrafts({ imapPort: server.imapPort, user: server.user, password: server.password, subject: referred.reference });
    const referral = drafts.find((message) => message.uid === referred.firstUid);
    const withdrawal = drafts.find((message) => message.headers.subject === `Intrekking toestemming – ${referred.reference}`);
    if (!referral || !withdrawal) throw new Error('both drafts must be in Drafts');
    expect(withdrawal.headers.to).toBe(referral.headers.to);
    expect(withdrawal.text).toContain(referred.reference);
    expect(withdrawal.text).toContain('wissen');
    expect(withdrawal.attachments).toEqual([]);
    for (const value of ['Zoë', 'Testpersoon', client.email, client.street, '470', '2275', 'Gierle']) {
      expect(withdrawal.headers.subject + withdrawal.text).not.toContain(value);
    }
    // The register in the extension notes the withdrawal, still without client data.
    const options = await firefox.newPage();
    await firefox.goto(options, 'options.html');
    await textAppears(options.mainFrame(), 'p', '1 aanmeldingen in het register.');
    await options.close();
  }, 60_000);

  it('logged no errors in the extension (Firefox reports them for its pages and frames, not over BiDi)', async () => {
    const problems = await firefox.problems();
    const warnings = problems.filter((problem) => !problem.startsWith('error'));
    if (warnings.length > 0) console.info(`warnings from the extension:\n${warnings.join('\n')}`);
    expect(problems.filter((problem) => problem.startsWith('error'))).toEqual([]);
  });
});
