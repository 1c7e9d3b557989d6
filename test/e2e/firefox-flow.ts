// Puppeteer (WebDriver BiDi) helpers for the end-to-end referral in Firefox ESR: the options page, the Roundcube
// login, and the panel, which is an extension iframe (moz-extension://…/panel.html) inside a closed shadow root.
//
// What works in Firefox 153 (measured; see referral-firefox.test.ts): browsingContext.getTree lists the panel as a
// child context of the webmail tab, and puppeteer keeps a Frame for it. That Frame's url() stays 'about:blank'
// (BiDi sends no navigation events for extension documents, bug 1755014), but scripts, element handles, pointer
// clicks and keyboard input reach the panel's document. So the panel is found by asking each child frame for its
// own location, and driven with real clicks and typing; only the <select> is set the way Playwright's selectOption
// does it (value, then input and change events).
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { client } from './panel-flow';
import type { RoundcubeServer } from './roundcube/server';

type Wait = { timeout?: number };

/** Roundcube's page object, as far as the waits look at it. */
type RcmailWindow = { rcmail?: { loaded?: boolean; task?: string; busy?: boolean; env?: { action?: string; compose_id?: string } } };

/** Trimmed text with runs of white space collapsed, as a user reads it. */
const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();

/**
 * The form control named by a <label> whose text equals `label` (or starts with it, for `prefix`). Covers both
 * `<label for>` and a label wrapping its input (the radio buttons).
 */
export async function byLabel(frame: Frame, label: string, options: Wait & { prefix?: boolean } = {}): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await frame.waitForFunction(
    (text: string, prefix: boolean) =>
      [...document.querySelectorAll('label')].find((element) => {
        const name = (element.textContent ?? '').replace(/\s+/gu, ' ').trim();
        return prefix ? name.startsWith(text) : name === text;
      })?.control ?? null,
    { timeout: options.timeout ?? 5_000, polling: 50 },
    label,
    options.prefix ?? false,
  );
  return handle as ElementHandle<HTMLInputElement>;
}

/** An enabled button whose text is exactly `name`. */
export async function button(frame: Frame, name: string, options: Wait = {}): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await frame.waitForFunction(
    (text: string) =>
      [...document.querySelectorAll('button')].find((element) => !element.disabled && (element.textContent ?? '').replace(/\s+/gu, ' ').trim() === text) ??
      null,
    { timeout: options.timeout ?? 5_000, polling: 50 },
    name,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

/** Waits until an element matching `selector` has text equal to `text` (or containing it, for `contains`). */
export async function textAppears(frame: Frame, selector: string, text: string, options: Wait & { contains?: boolean } = {}): Promise<string> {
  const handle = await frame
    .waitForFunction(
      (within: string, wanted: string, contains: boolean) =>
        [...document.querySelectorAll(within)]
          .map((element) => (element.textContent ?? '').replace(/\s+/gu, ' ').trim())
          .find((content) => (contains ? content.includes(wanted) : content === wanted)) ?? null,
      { timeout: options.timeout ?? 5_000, polling: 50 },
      selector,
      text,
      options.contains ?? false,
    )
    .catch(async (error: unknown) => {
      // Say what is there instead: the step's heading and messages, not just "timeout".
      const shown = await frame
        .evaluate((within: string) => [...document.querySelectorAll(`${within}, h1, [role="alert"], .field-error`)].map((element) => element.textContent?.trim()), selector)
        .catch(() => []);
      throw new Error(`${JSON.stringify(text)} did not appear in ${selector}; shown: ${JSON.stringify(shown).slice(0, 2_000)}`, { cause: error });
    });
  return (await handle.jsonValue()) as string;
}

/** Clicks the control (a real pointer click at its centre) and checks that it ended up checked. */
export async function check(control: ElementHandle<HTMLInputElement>, what: string): Promise<void> {
  await control.click();
  if (!(await control.evaluate((element) => element.checked))) throw new Error(`${what}: not checked after a click`);
}

/** Clicks into the field and types `text` with the keyboard; checks that the field then holds exactly that text. */
export async function typeInto(control: ElementHandle<HTMLInputElement>, text: string, what: string): Promise<void> {
  await control.click();
  await control.type(text);
  const value = await control.evaluate((element) => element.value);
  if (value !== text) throw new Error(`${what}: typed ${JSON.stringify(text)}, the field holds ${JSON.stringify(value)}`);
}

/**
 * The options page's "Roundcube-webmail" section: type the address, click "Voeg toe". Resolves with the status
 * line the page shows, or, when the click's promise was rejected instead, with that rejection (the page would
 * otherwise show nothing at all).
 */
export async function addRoundcubeInOptions(options: Page, origin: string): Promise<{ status: string; rejections: string[] }> {
  const frame = options.mainFrame();
  await frame.evaluate(() => {
    const record: string[] = [];
    (window as unknown as { __vaRejections?: string[] }).__vaRejections = record;
    window.addEventListener('unhandledrejection', (event) => record.push(String(event.reason)));
  });
  const address = await byLabel(frame, 'Adres van je Roundcube');
  await typeInto(address, origin, 'Adres van je Roundcube');
  await (await button(frame, 'Voeg toe')).click();
  const outcome = await frame.waitForFunction(
    (field: HTMLInputElement) => {
      // The status line of this section (the page has one per section).
      const status = (field.closest('section')?.querySelector('[role="status"]')?.textContent ?? '').trim();
      const rejections = (window as unknown as { __vaRejections?: string[] }).__vaRejections ?? [];
      return status !== '' || rejections.length > 0 ? { status, rejections } : null;
    },
    { timeout: 10_000, polling: 50 },
    address,
  );
  return (await outcome.jsonValue()) as { status: string; rejections: string[] };
}

/** Logs in through Roundcube's login form with real typing; resolves when the mail view is ready. */
export async function loginRoundcubeFirefox(page: Page, server: Pick<RoundcubeServer, 'url' | 'user' | 'password'>, options: Wait = {}): Promise<void> {
  const timeout = options.timeout ?? 15_000;
  await page.goto(server.url, { waitUntil: 'load', timeout });
  await page.waitForSelector('#rcmloginuser', { timeout });
  await page.type('#rcmloginuser', server.user);
  await page.type('#rcmloginpwd', server.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout }), page.click('#rcmloginsubmit')]);
  if (await page.$('body.task-login')) {
    const message = await page.$eval('#messagestack', (element) => element.textContent ?? '').catch(() => '');
    throw new Error(`Roundcube login as ${server.user} failed: ${normalize(message)}`);
  }
  await waitForRoundcube(page, 'mail', { timeout });
}

/** Waits until Roundcube's app has loaded the given task (and, for 'compose', a compose form with its id). */
export async function waitForRoundcube(page: Page, task: 'mail' | 'compose', options: Wait = {}): Promise<void> {
  await page.waitForFunction(
    (wanted: string) => {
      const rcmail = (window as unknown as RcmailWindow).rcmail;
      if (rcmail?.loaded !== true || rcmail.task !== 'mail') return false;
      return wanted === 'mail' || (rcmail.env?.action === 'compose' && Boolean(rcmail.env.compose_id) && rcmail.busy !== true);
    },
    { timeout: options.timeout ?? 15_000, polling: 50 },
    task,
  );
}

/**
 * The panel's frame inside the webmail page: the child frame whose document is `<extensionBaseUrl>panel.html`,
 * once that document has loaded. Each child frame is asked for its own location (its url() says about:blank).
 */
export async function panelFrame(page: Page, extensionBaseUrl: string, options: Wait = {}): Promise<Frame> {
  const panelUrl = new URL('panel.html', extensionBaseUrl).href;
  const deadline = performance.now() + (options.timeout ?? 10_000);
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const state = await frame.evaluate(() => [location.href, document.readyState] as const).catch(() => null);
      if (state?.[0] === panelUrl && state[1] === 'complete') return frame;
    }
    if (performance.now() > deadline) throw new Error(`no ${panelUrl} frame in ${page.url()} (${page.frames().length} frames)`);
    // Polled: Firefox sends no frame navigation event for an extension document.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The consent and client steps, filled the way a user does (clicks and typing, by label); stops at the password step. */
export async function fillReferral(panel: Frame): Promise<void> {
  await check(await byLabel(panel, 'De cliënt is geïnformeerd', { prefix: true }), 'informed');
  await check(await byLabel(panel, 'De cliënt gaf toestemming voor deze aanmelding.'), 'consented');
  await check(await byLabel(panel, 'Mondeling'), 'Mondeling');
  await (await button(panel, 'Volgende')).click();
  const fields = [
    ['Voornaam', client.firstName],
    ['Achternaam', client.lastName],
    ['Telefoonnummer', client.phone],
    ['E-mailadres', client.email],
    ['Straat', client.street],
    ['Huisnummer', client.houseNumber],
    ['Bus', client.box],
    ['Postcode', client.postcode],
  ] as const;
  for (const [label, value] of fields) await typeInto(await byLabel(panel, label), value, label);
  // The municipality list appears once the postcode is known; Gierle is one of 2275's deelgemeenten.
  const municipality = (await panel.waitForFunction(
    (choice: string) => {
      const control = [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === 'Gemeente')?.control;
      return control instanceof HTMLSelectElement && [...control.options].some((option) => option.value === choice) ? control : null;
    },
    { timeout: 10_000, polling: 50 },
    client.municipality,
  )) as ElementHandle<HTMLSelectElement>;
  await municipality.focus();
  const chosen = await municipality.select(client.municipality);
  if (chosen[0] !== client.municipality) throw new Error(`Gemeente: ${client.municipality} is not a choice (got ${JSON.stringify(chosen)})`);
  await textAppears(panel, 'body', 'sociale.dienst@lille.be', { contains: true, timeout: 10_000 });
  await (await button(panel, 'Volgende')).click();
}

/** The generated password as the panel shows it, in the format the generator promises. */
export async function shownPassword(panel: Frame): Promise<string> {
  const output = await panel.waitForSelector('output[aria-label="Wachtwoord om door te geven"]', { timeout: 10_000 });
  const text = normalize(await output!.evaluate((element) => element.textContent));
  if (!/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u.test(text)) throw new Error(`no generated password shown (got ${JSON.stringify(text)})`);
  return text;
}
