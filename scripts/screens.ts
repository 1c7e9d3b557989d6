/**
 * `npm run screens`: the screenshots in docs/screens/ that the README and docs/PRODUCT.md show (issue 14), taken from the real product:
 * the end-to-end build (.output/chrome-mv3-e2e, `npm run build:e2e` first) in Debian's headless Chromium, in a
 * 1366×768 window, beside the project's own Roundcube sandbox (scripts/roundcube/start.sh: needs root). The panel
 * is Chromium's real side panel, opened by a real click on the in-page button, so it has the size a worker sees.
 *
 *   npm run build:e2e && flock /tmp/va-roundcube.lock npm run screens
 *
 * Headless Chromium draws no browser frame, so there is no picture of the whole window: the Roundcube tab and the
 * side panel are taken separately, each at the size it has in that window (with the side panel open, 1366 px are
 * shared by the tab and the side panel).
 *
 * Every text the script looks for comes from the build's own Dutch messages (_locales/nl/messages.json, by key, with
 * today's text as a fallback), and controls are found by their labels and button texts. When a step's heading is
 * not what is expected, or a control is missing, that screenshot is skipped with a message saying why (the previous
 * file, if any, stays as it was) and the script goes on with the next one; it exits with 1 when anything was skipped.
 * Synthetic people only: the client of the end-to-end tests (test/e2e/flow.ts), a referrer named An Janssens.
 *
 * 12, the Outlook add-in's task pane (issue 22): its own build (.output/addin, `npm run build:addin` first) served
 * on loopback, office.js answered by the typed fake of Office (test/addin/), at an Outlook task pane's size.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { bundleFakeOffice, fakeOfficeScript, routeToFake, serveAddinBuild } from '../test/addin/taskpane-server';
import { chromiumExecutable, openSidePanel } from '../test/browser/chromium';
import { chromeE2eBuild } from '../test/browser/extension';
import { clickPanelButton, client } from '../test/e2e/flow';
import { connectImap } from '../test/e2e/roundcube/imap';
import { loginRoundcube } from '../test/e2e/roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from '../test/e2e/roundcube/server';
import { button, byLabel, exactly, textAppears, typeInto, waitForText, type Surface, type Wait, type Within } from '../test/support/driver';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'screens');
/** The browser window: a common laptop screen (issue 14). */
const windowSize = { width: 1366, height: 768 };
/** The synthetic referrer typed in the options page (the name the component tests use). */
const referrer = { name: 'An Janssens', team: 'Team Middenkempen', phone: '014 00 00 00', email: 'an.janssens@example.org' };
/** The recipient the synthetic client's postcode (2275 Gierle) leads to. */
const recipientMailbox = 'sociale.dienst@lille.be';
/** Above this, a PNG is reported as too big (make the viewport smaller rather than editing the picture). */
const maxBytes = 300 * 1024;

const started = performance.now();
const log = (text: string) => console.info(`[screens ${((performance.now() - started) / 1000).toFixed(1)} s] ${text}`);

// ------------------------------------------------------------------------------------------------ texts

/** The build's Dutch messages: the texts the panel and the options page show. */
const messages: Record<string, { message: string }> = (() => {
  const file = join(chromeE2eBuild, '_locales', 'nl', 'messages.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  } catch {
    return {};
  }
})();

/** The message `key` as the extension shows it ($1, $2 … filled in), or `fallback` when the build has no such key. */
function text(key: string, fallback: string, ...substitutions: string[]): string {
  const found = messages[key]?.message;
  if (found === undefined) log(`note: no message "${key}" in the build; looking for "${fallback}" instead`);
  return (found ?? fallback).replace(/\$(\d)/gu, (whole, digit: string) => substitutions[Number(digit) - 1] ?? whole);
}

// ------------------------------------------------------------------------------------------------ the outcome

/** Thrown when a screenshot cannot be taken as asked: the message says why. */
class Skip extends Error {}

type Outcome = { file: string; saved: boolean; note: string };
const outcomes: Outcome[] = [];

/** Runs `work` (reaching the state, checking it, taking the picture); a failure skips this screenshot only. */
async function screenshot(file: string, work: (path: string) => Promise<void>): Promise<void> {
  const path = join(outDir, file);
  try {
    await work(path);
    const bytes = statSync(path).size;
    const note = `${Math.round(bytes / 1024)} KB${bytes > maxBytes ? ` (over ${maxBytes / 1024} KB: use a smaller viewport)` : ''}`;
    outcomes.push({ file, saved: true, note });
    log(`saved ${relative(root, path)}: ${note}`);
  } catch (error) {
    const reason = error instanceof Skip ? error.message : `${(error as Error).message.split('\n')[0]}`;
    outcomes.push({ file, saved: false, note: reason });
    log(`SKIPPED ${relative(root, path)}: ${reason} (the previous file, if any, is left as it was)`);
  }
}

function skipAll(files: string[], reason: string): void {
  for (const file of files) {
    outcomes.push({ file, saved: false, note: reason });
    log(`SKIPPED docs/screens/${file}: ${reason}`);
  }
}

// ------------------------------------------------------------------------------------------------ finding things

/** A field by its label: an exact label first, else one that starts with it. */
const control = <T extends Element = HTMLInputElement>(surface: Surface, label: string, options: Wait & Within = {}) =>
  byLabel<T>(surface, label, { ...options, prefix: true });

/** Waits for the main heading (h1) to read one of `expected`; the error names the headings on show. */
async function expectHeading(surface: Surface, expected: string[], timeout = 10_000): Promise<void> {
  await waitForText(surface, new RegExp(expected.map((name) => exactly(name).source).join('|'), 'u'), { selector: 'h1', timeout });
}

/** Waits until `value` appears in the visible text of the page (or of `selector`). */
async function textShown(surface: Surface, value: string, options: Wait & { selector?: string } = {}): Promise<void> {
  await textAppears(surface, options.selector ?? 'body', value, { contains: true, timeout: options.timeout ?? 10_000 });
}

/** Lets the page settle before a picture: fonts loaded, two frames drawn, no focus ring from a click left on a control. */
async function settle(surface: Surface, options: { blur?: boolean } = {}): Promise<void> {
  await surface.evaluate(async (blur: boolean) => {
    await document.fonts.ready;
    if (blur && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) document.activeElement.blur();
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  }, options.blur ?? false);
}

const scrollTop = (surface: Surface) => surface.evaluate(() => window.scrollTo(0, 0));

// ------------------------------------------------------------------------------------------------ browser and sandbox

/** Debian's Chromium in a 1366×768 window with the e2e build; pages take the window's size (no emulated viewport). */
async function launch(profile: string): Promise<{ browser: Browser; base: string }> {
  const browser = await puppeteer.launch({
    executablePath: chromiumExecutable,
    headless: true,
    pipe: true,
    enableExtensions: [chromeE2eBuild],
    userDataDir: profile,
    defaultViewport: null,
    timeout: 30_000,
    // A Flemish worker's browser as far as this Chromium goes (Debian's package here carries only the en-US locale
    // files, so a date field still reads month/day/year), and nothing on the network.
    args: [
      '--no-sandbox', '--disable-gpu', '--lang=nl-BE', `--window-size=${windowSize.width},${windowSize.height}`, '--hide-scrollbars',
      '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--no-default-browser-check', '--force-color-profile=srgb', '--font-render-hinting=none',
    ],
  });
  const worker = await browser.waitForTarget((target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'), { timeout: 15_000 });
  return { browser, base: `chrome-extension://${new URL(worker.url()).host}/` };
}

/** A few ordinary, synthetic mails in the inbox, so that it looks like a worker's (only after a reset). */
async function seedInbox(server: RoundcubeServer): Promise<void> {
  const mails = [
    { from: 'Team Middenkempen <team.middenkempen@example.org>', subject: 'Teamoverleg dinsdag om 10 uur', body: 'Dag allemaal,\n\nDe agenda volgt morgen.\n\nGroeten,\nHet team', hoursAgo: 2 },
    { from: 'Opleidingen <vorming@example.org>', subject: 'Vorming: veilig doorverwijzen naar het OCMW', body: 'Inschrijven kan tot vrijdag.', hoursAgo: 26 },
    { from: 'Consultatiebureau Lille <cb.lille@example.org>', subject: 'Nieuwe openingsuren vanaf maandag', body: 'De nieuwe uren hangen aan de deur.', hoursAgo: 50 },
  ];
  const imap = await connectImap({ imapPort: server.imapPort, user: server.user, password: server.password });
  try {
    for (const [index, mail] of mails.entries()) {
      const date = new Date(Date.now() - mail.hoursAgo * 3_600_000);
      const raw = [
        `From: ${mail.from}`, `To: ${referrer.name} <${referrer.email}>`, `Subject: ${mail.subject}`, `Date: ${date.toUTCString()}`,
        `Message-ID: <screens-${index}-${date.getTime()}@example.org>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit', '', mail.body, '',
      ].join('\r\n');
      await imap.append('INBOX', Buffer.from(raw, 'utf8'), index === 0 ? [] : ['\\Seen'], date);
    }
  } finally {
    await imap.logout().catch(() => undefined);
  }
}

// ------------------------------------------------------------------------------------------------ the run

const roundcubeFiles = [
  '01-inbox.png', '02-consent.png', '03-client.png', '04-password.png', '05-done.png', '05-done-full.png', '05-done-webmail.png',
  '06-lookup.png', '07-register.png', '09-sent-question.png', '10-refusal.png', '11-manual.png',
];

async function main(): Promise<number> {
  if (!existsSync(join(chromeE2eBuild, 'manifest.json'))) {
    console.error(`No end-to-end build in ${relative(root, chromeE2eBuild)}: run npm run build:e2e first.`);
    return 1;
  }
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'va-screens-'));
  let browser: Browser | undefined;
  let roundcubeStarted = false;
  try {
    log('starting the Roundcube sandbox (Dutch interface)');
    let server: RoundcubeServer | null = null;
    try {
      server = await startRoundcube({ reset: true, language: 'nl_NL' });
      roundcubeStarted = true;
      log(`Roundcube up at ${server.url}${server.wasReset ? '' : ' (not reset: another process uses it)'}`);
      if (server.wasReset) await seedInbox(server).catch((error: unknown) => log(`note: could not put mails in the inbox (${(error as Error).message})`));
    } catch (error) {
      log(`the Roundcube sandbox did not start (it needs root): ${(error as Error).message.split('\n')[0]}`);
    }

    const launched = await launch(profile);
    browser = launched.browser;
    const { base } = launched;
    log('Chromium up with the e2e build');
    const extensionProblems: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (error) => extensionProblems.push(`${page.url()}: ${String(error)}`));
      page.on('console', (message) => {
        if (message.type() === 'error') extensionProblems.push(`${page.url()}: ${message.text()}`);
      });
    };

    // The options page: the referrer's details (the panel asks for them otherwise) and the sandbox's address.
    const options = await browser.newPage();
    watch(options);
    await options.goto(new URL('options.html', base).href, { waitUntil: 'load', timeout: 15_000 });
    const optionsTitle = `${text('extName', 'Veilig Aanmelden')} – ${text('opt_title', 'Instellingen')}`;
    try {
      await expectHeading(options, [optionsTitle]);
    } catch (error) {
      const hint = extensionProblems.some((line) => line.includes('jsxDEV'))
        ? ' The build uses React\'s development JSX runtime with the production React: rebuild with NODE_ENV=production npm run build:e2e.'
        : '';
      throw new Error(`the options page did not render (${(error as Error).message}); errors: ${JSON.stringify(extensionProblems).slice(0, 600)}.${hint}`, { cause: error });
    }
    try {
      const section = 'section[aria-labelledby="referrer-title"]';
      await typeInto(await control(options, text('opt_referrerName', 'Naam'), { within: section }), referrer.name);
      await typeInto(await control(options, text('opt_referrerTeam', 'Team'), { within: section }), referrer.team);
      await typeInto(await control(options, text('opt_referrerPhone', 'Telefoon'), { within: section }), referrer.phone);
      await typeInto(await control(options, text('opt_referrerEmail', 'E-mailadres'), { within: section }), referrer.email);
      await (await button(options, text('opt_save', 'Bewaar'), { within: section })).click();
      await textShown(options, text('opt_settingsSaved', 'Bewaard'), { selector: `${section} [role="status"]`, timeout: 5_000 });
      log(`options page: referrer ${referrer.name} saved`);
    } catch (error) {
      log(`note: the referrer could not be saved (${(error as Error).message}); the panel will ask for it`);
    }

    let tab: Page | null = null;
    if (server) {
      try {
        const origin = new URL(server.url).origin;
        await typeInto(await control(options, text('opt_roundcubeLabel', 'Adres van je Roundcube')), origin);
        await (await button(options, text('opt_roundcubeAdd', 'Voeg toe'))).click();
        await textShown(options, text('opt_roundcubeAdded', 'Toegevoegd: $1. Herlaad je webmail.', origin), { timeout: 10_000 });
        log(`options page: ${origin} added`);
        tab = await browser.newPage();
        tab.on('dialog', (dialog) => void dialog.accept());
        await loginRoundcube(tab, server);
        log('logged in to Roundcube');
      } catch (error) {
        log(`the Roundcube tab is not ready: ${(error as Error).message.split('\n')[0]}`);
        tab = null;
      }
    }
    await options.close();

    if (!tab || !server) {
      skipAll(roundcubeFiles, 'no Roundcube tab (see above)');
    } else {
      await roundcubeShots(browser, tab, server);
    }

    // 8 The options page, last: it shows the register with the referral just made.
    const settingsPage = await browser.newPage();
    watch(settingsPage);
    await settingsPage.setViewport({ width: windowSize.width, height: windowSize.height });
    await settingsPage.goto(new URL('options.html', base).href, { waitUntil: 'load', timeout: 15_000 });
    await screenshot('08-options.png', async (path) => {
      await expectHeading(settingsPage, [optionsTitle]);
      await settle(settingsPage);
      await settingsPage.screenshot({ path, type: 'png' });
    });
    await screenshot('08-options-full.png', async (path) => {
      await expectHeading(settingsPage, [optionsTitle]);
      await settle(settingsPage);
      await settingsPage.screenshot({ path, type: 'png', fullPage: true });
    });

    // 12 The Outlook add-in's task pane, on the fake Office.
    await addinShot(browser);
    if (extensionProblems.length > 0) log(`note: the extension's pages logged errors:\n  ${extensionProblems.join('\n  ')}`);
  } catch (error) {
    log(`stopped: ${(error as Error).message}`);
    outcomes.push({ file: '(run)', saved: false, note: (error as Error).message });
  } finally {
    await browser?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    if (roundcubeStarted) await stopRoundcube().catch((error: unknown) => log(`note: stopping Roundcube: ${(error as Error).message.split('\n')[0]}`));
  }

  const skipped = outcomes.filter((outcome) => !outcome.saved);
  log(`done: ${outcomes.length - skipped.length} saved, ${skipped.length} skipped, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const outcome of outcomes) console.info(`  ${outcome.saved ? 'saved  ' : 'SKIPPED'} ${outcome.file}: ${outcome.note}`);
  return skipped.length === 0 ? 0 : 1;
}

/** 1–7: the inbox, the referral in the side panel up to the draft, the lookup and the register. */
async function roundcubeShots(browser: Browser, tab: Page, server: RoundcubeServer): Promise<void> {
  const host = new URL(server.url).host;

  // 1 The inbox with the in-page button, at the window's full width (the side panel is not open yet).
  await screenshot('01-inbox.png', async (path) => {
    await tab.waitForSelector('veilig-aanmelden', { visible: true, timeout: 10_000 }).catch(() => {
      throw new Skip('the in-page button did not appear in Roundcube');
    });
    // The seeded mails in the list (when the inbox was reset and seeded), and Roundcube's notices gone.
    await tab.waitForFunction(() => document.querySelectorAll('#messagelist tbody tr').length > 0, { timeout: 5_000 }).catch(() => undefined);
    await tab.waitForFunction(() => document.querySelectorAll('#messagestack > div').length === 0, { timeout: 8_000 }).catch(() => undefined);
    await settle(tab);
    await tab.screenshot({ path, type: 'png' });
  });

  let panel: Page;
  try {
    panel = await openSidePanel(browser, () => clickPanelButton(tab), { timeout: 15_000 });
    log('side panel open');
  } catch (error) {
    skipAll(roundcubeFiles.slice(1), `the side panel did not open: ${(error as Error).message.split('\n')[0]}`);
    return;
  }
  const target = text('panel_target', `Concept in: Roundcube – ${host}`, 'Roundcube', host);
  await textShown(panel, target, { timeout: 10_000 }).catch(() => log(`note: the panel does not show "${target}"`));

  // 2 Consent.
  await screenshot('02-consent.png', async (path) => {
    await expectHeading(panel, [text('consent_heading', 'Toestemming')]);
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });

  // 3 The client, filled, with the recipient the postcode leads to.
  const clientHeading = text('client_heading', 'Gegevens van de cliënt');
  const fillClientStep = async () => {
    const oral = text('consent_both_mondeling', 'Mondeling');
    // The radio's label starts with "Mondeling: …"; match on its first part so a reworded tail does not matter.
    const radio = await control(panel, oral).catch(() => control(panel, oral.split(':')[0] ?? oral));
    await radio.click();
    await (await button(panel, text('panel_next', 'Volgende'))).click();
    const fields: [string, string, string][] = [
      ['label_firstName', 'Voornaam', client.firstName],
      ['label_lastName', 'Achternaam', client.lastName],
      ['label_phone', 'Telefoonnummer', client.phone],
      ['label_email', 'E-mailadres', client.email],
      ['label_street', 'Straat', client.street],
      ['label_houseNumber', 'Nummer', client.houseNumber],
      ['label_box', 'Bus', client.box],
      ['label_postcode', 'Postcode', client.postcode],
    ];
    for (const [key, fallback, value] of fields) await typeInto(await control(panel, text(key, fallback)), value);
    // 2275 names several places: the worker picks Gierle.
    const place = text('client_place', 'Plaats');
    const select = await control<HTMLSelectElement>(panel, place, { timeout: 10_000 });
    await panel
      .waitForFunction((element: HTMLSelectElement, choice: string) => [...element.options].some((option) => option.value === choice), { timeout: 10_000, polling: 100 }, select, client.municipality)
      .catch(() => {
        throw new Skip(`"${place}" does not offer ${client.municipality}`);
      });
    await select.select(client.municipality);
    await textShown(panel, recipientMailbox);
  };
  // The flow goes on when only a heading differs: the heading decides the picture, the controls decide the next step.
  let clientFilled = false;
  await screenshot('03-client.png', async (path) => {
    await fillClientStep();
    clientFilled = true;
    await expectHeading(panel, [clientHeading]);
    // The whole step fits the side panel (test/browser/pages.test.ts): the picture is taken from the top.
    await panel.evaluate(() => window.scrollTo(0, 0));
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });

  // 4 The password: a step of its own (reached with "Volgende"), or a choice folded into the client step (a
  // <details> whose summary starts with "Wachtwoord"), opened for the picture.
  const passwordHeading = text('password_heading', 'Wachtwoord');
  let atPassword = false;
  await screenshot('04-password.png', async (path) => {
    if (!clientFilled) throw new Skip('the client step was not filled (see 03-client.png)');
    const next = await button(panel, text('panel_next', 'Volgende'), { timeout: 1_000 }).catch(() => null);
    if (next) {
      await next.click();
      atPassword = true;
      await expectHeading(panel, [passwordHeading]);
      await scrollTop(panel);
    } else {
      const choice = await panel
        .waitForFunction(
          (wanted: string) =>
            [...document.querySelectorAll('details')].find(
              (details) => details.checkVisibility() && (details.querySelector('summary')?.textContent ?? '').replace(/\s+/gu, ' ').trim().startsWith(wanted),
            ) ?? null,
          { timeout: 3_000, polling: 100 },
          passwordHeading,
        )
        .catch(() => {
          throw new Skip(`neither a password step ("${text('panel_next', 'Volgende')}") nor a password choice ("${passwordHeading}…") on the client step`);
        });
      atPassword = true;
      const details = choice as unknown as ElementHandle<HTMLDetailsElement>;
      if (!(await details.evaluate((element) => element.open))) await (await details.$('summary'))?.click();
      await expectHeading(panel, [clientHeading]);
      await details.evaluate((element) => element.scrollIntoView({ block: 'end' }));
    }
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });

  // 5 "Maak concept": the done step, and the draft the panel made in Roundcube.
  const attached = (timeout: number) =>
    tab
      .waitForFunction(
        () => document.querySelector('#attachment-list li.uploading') === null && document.querySelectorAll('#attachment-list li[id^="rcmfile"]').length > 0,
        { timeout, polling: 100 },
      )
      .then(() => true, () => false);
  let drafted = false;
  await screenshot('05-done.png', async (path) => {
    if (!atPassword) throw new Skip('the password was not reached (see 04-password.png)');
    await (await button(panel, text('password_make', 'Maak concept'))).click();
    const done = [text('done_heading', 'Concept klaar'), text('done_headingCheck', 'Controleer het concept')];
    const heading = await expectHeading(panel, done, 30_000).then(() => null, (error: unknown) => error);
    drafted = heading === null || (await attached(5_000));
    if (heading !== null) throw heading;
    // "Concept klaar" only when the panel's read-back of the draft found nothing wrong.
    await expectHeading(panel, [text('done_heading', 'Concept klaar')], 5_000);
    await scrollTop(panel);
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });
  await screenshot('05-done-full.png', async (path) => {
    if (!drafted) throw new Skip('no draft was made (see 05-done.png)');
    await expectHeading(panel, [text('done_heading', 'Concept klaar')], 2_000);
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png', fullPage: true });
  });
  await screenshot('05-done-webmail.png', async (path) => {
    if (!drafted) throw new Skip('no draft was made (see 05-done.png)');
    if (!(await attached(15_000))) throw new Skip('Roundcube shows no finished attachment');
    await tab.waitForFunction(() => document.querySelectorAll('#messagestack > div').length === 0, { timeout: 8_000 }).catch(() => undefined);
    await settle(tab);
    await tab.screenshot({ path, type: 'png' });
  });

  // 6 Opzoeken, with a postcode typed.
  const nav = 'header nav';
  await screenshot('06-lookup.png', async (path) => {
    await (await button(panel, text('panel_viewLookup', 'Opzoeken'), { within: nav })).click();
    await expectHeading(panel, [text('ui_lookupTitle', 'OCMW opzoeken')]);
    await typeInto(await control(panel, text('ui_lookupLabel', 'Gemeente, deelgemeente of postcode')), client.postcode);
    await textShown(panel, recipientMailbox, { selector: 'main' }).catch(() => textShown(panel, client.municipality, { selector: 'main' }));
    await scrollTop(panel);
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });

  // 7 The register (it holds the referral of step 5).
  await screenshot('07-register.png', async (path) => {
    await (await button(panel, text('panel_viewRegister', 'Register'), { within: nav })).click();
    await expectHeading(panel, [text('register_heading', 'Eerdere aanmeldingen')]);
    if (drafted) await textShown(panel, 'KG-', { selector: 'main', timeout: 5_000 }).catch(() => log('note: the register shows no reference'));
    await scrollTop(panel);
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });

  await workerShots(browser, panel, drafted);
}

/** 9–11 (issue 21): "verstuurd?" at the next opening, a refusal with "Kopieer een vraag", the chosen manual route. */
async function workerShots(browser: Browser, panel: Page, drafted: boolean): Promise<void> {
  const nav = 'header nav';
  const consent = async () => {
    const oral = text('consent_both_mondeling', 'Mondeling');
    const radio = await control(panel, oral).catch(() => control(panel, oral.split(':')[0] ?? oral));
    await radio.click();
    await (await button(panel, text('panel_next', 'Volgende'))).click();
    await expectHeading(panel, [text('client_heading', 'Gegevens van de cliënt')]);
  };

  // 9 Back to "Aanmelden": the referral of step 5, not yet marked, is asked about above the new referral.
  await screenshot('09-sent-question.png', async (path) => {
    if (!drafted) throw new Skip('no draft was made (see 05-done.png)');
    await (await button(panel, text('panel_viewReferral', 'Aanmelden'), { within: nav })).click();
    await textShown(panel, text('sent_yes', 'Ja, verstuurd'), { selector: '.pending-sent button', timeout: 10_000 });
    await scrollTop(panel);
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });

  // 10 A client in 1050 Elsene: CAW Brussel has no known mailbox; the refusal says who has it and offers a question.
  await screenshot('10-refusal.png', async (path) => {
    // Picture 9 left a blank referral open (a fresh one when it was skipped): consent, then the client.
    if (!drafted) await (await button(panel, text('panel_viewReferral', 'Aanmelden'), { within: nav })).click();
    await settle(panel);
    await consent();
    await typeInto(await control(panel, text('label_firstName', 'Voornaam')), client.firstName);
    await typeInto(await control(panel, text('label_lastName', 'Achternaam')), client.lastName);
    await typeInto(await control(panel, text('label_postcode', 'Postcode')), '1050');
    await textShown(panel, text('refusal_copy', 'Kopieer een vraag'), { selector: 'button', timeout: 10_000 });
    await (await panel.$('.recipient-box'))?.evaluate((box) => box.scrollIntoView({ block: 'end' }));
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });

  // 11 The worker chose to mail it herself (a tab without webmail in front): "Zelf mailen", with the password call.
  await screenshot('11-manual.png', async (path) => {
    const blank = await browser.newPage();
    await blank.bringToFront();
    await textShown(panel, text('panel_noWebmail', 'Open je webmail in dit tabblad.'), { timeout: 10_000 });
    await (await button(panel, text('panel_discard', 'Annuleer en wis alles'))).click();
    await (await button(panel, text('panel_discard', 'Annuleer en wis alles'), { within: '.discard-confirm' })).click();
    await consent();
    await typeInto(await control(panel, text('label_firstName', 'Voornaam')), client.firstName);
    await typeInto(await control(panel, text('label_lastName', 'Achternaam')), client.lastName);
    await typeInto(await control(panel, text('label_phone', 'Telefoonnummer')), client.phone);
    await typeInto(await control(panel, text('label_postcode', 'Postcode')), client.postcode);
    const select = await control<HTMLSelectElement>(panel, text('client_place', 'Plaats'), { timeout: 10_000 });
    await select.select(client.municipality);
    await (await button(panel, text('password_make', 'Maak concept'))).click();
    await (await button(panel, text('panel_withoutWebmail', 'Of maak alleen het versleutelde bestand en de teksten om zelf te mailen.'))).click();
    await expectHeading(panel, [text('manual_heading', 'Zelf mailen')]);
    await scrollTop(panel);
    await settle(panel, { blur: true });
    await panel.screenshot({ path, type: 'png' });
  });
}

/**
 * 12 (issue 22): the add-in's built task pane at an Outlook task pane's size (350×700), in a context of its own (no
 * extension), served on loopback with the fake Office in place of office.js: the client step filled.
 */
async function addinShot(browser: Browser): Promise<void> {
  const build = join(root, '.output', 'addin');
  const pane = { width: 350, height: 700 };
  await screenshot('12-outlook-addin.png', async (path) => {
    if (!existsSync(join(build, 'taskpane.html'))) throw new Skip('no add-in build in .output/addin: run npm run build:addin first');
    const server = await serveAddinBuild(build);
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport(pane);
      const refused: string[] = [];
      await routeToFake(page, server, fakeOfficeScript(await bundleFakeOffice(root), {}), (url) => refused.push(url));
      await page.goto(server.url, { waitUntil: 'load', timeout: 15_000 });
      await expectHeading(page, [text('consent_heading', 'Toestemming')]);
      // The referrer's details in the add-in's own settings view (its own storage), as a worker fills them once.
      try {
        await (await button(page, text('ui_settings', 'Instellingen'))).click();
        const section = 'section[aria-labelledby="referrer-title"]';
        await typeInto(await control(page, text('opt_referrerName', 'Naam'), { within: section }), referrer.name);
        await typeInto(await control(page, text('opt_referrerTeam', 'Team'), { within: section }), referrer.team);
        await typeInto(await control(page, text('opt_referrerPhone', 'Telefoon'), { within: section }), referrer.phone);
        await typeInto(await control(page, text('opt_referrerEmail', 'E-mailadres'), { within: section }), referrer.email);
        await (await button(page, text('opt_save', 'Bewaar'), { within: section })).click();
        await textShown(page, text('opt_settingsSaved', 'Bewaard'), { selector: `${section} [role="status"]`, timeout: 5_000 });
        await (await button(page, text('panel_back', 'Terug'))).click();
      } catch (error) {
        log(`note: the referrer could not be saved in the add-in (${(error as Error).message}); the task pane will ask for it`);
      }
      await expectHeading(page, [text('consent_heading', 'Toestemming')]);
      await textShown(page, text('panel_target', 'Concept in: Outlook (invoegtoepassing) – outlook.office.com', 'Outlook (invoegtoepassing)', 'outlook.office.com'), { selector: 'p.target' })
        .catch(() => log('note: the task pane does not name Outlook as its target'));
      const oral = text('consent_both_mondeling', 'Mondeling');
      await (await control(page, oral).catch(() => control(page, oral.split(':')[0] ?? oral))).click();
      await (await button(page, text('panel_next', 'Volgende'))).click();
      await expectHeading(page, [text('client_heading', 'Gegevens van de cliënt')]);
      const fields: [string, string, string][] = [
        ['label_firstName', 'Voornaam', client.firstName], ['label_lastName', 'Achternaam', client.lastName],
        ['label_phone', 'Telefoonnummer', client.phone], ['label_email', 'E-mailadres', client.email],
        ['label_street', 'Straat', client.street], ['label_houseNumber', 'Nummer', client.houseNumber],
        ['label_box', 'Bus', client.box], ['label_postcode', 'Postcode', client.postcode],
      ];
      for (const [key, fallback, value] of fields) await typeInto(await control(page, text(key, fallback)), value);
      const select = await control<HTMLSelectElement>(page, text('client_place', 'Plaats'), { timeout: 10_000 });
      await page
        .waitForFunction((element: HTMLSelectElement, choice: string) => [...element.options].some((option) => option.value === choice), { timeout: 10_000, polling: 100 }, select, client.municipality)
        .catch(() => {
          throw new Skip(`"${text('client_place', 'Plaats')}" does not offer ${client.municipality}`);
        });
      await select.select(client.municipality);
      await textShown(page, recipientMailbox);
      if (refused.length > 0) throw new Skip(`the task pane asked for more than its own files and office.js: ${refused.join(' ')}`);
      await scrollTop(page);
      await settle(page, { blur: true });
      await page.screenshot({ path, type: 'png' });
    } finally {
      await context.close().catch(() => undefined);
      await server.close();
    }
  });
}

process.exitCode = await main();
