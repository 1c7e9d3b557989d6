// Puppeteer helpers for the end-to-end referral, shared by Chromium (CDP, the side panel) and Firefox ESR (WebDriver
// BiDi, the panel window): the options page, the Roundcube login, the in-page button, and the panel's steps, driven
// the way a user does (real pointer clicks and keyboard typing, found by label and button text).
//
// Only the <select> is set the way Playwright's selectOption does it (value, then input and change events).
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../browser/chromium';
import { chromeE2eBuild } from '../browser/extension';
import { client } from './client';
import type { RoundcubeServer } from './roundcube/server';

export { client };

type Wait = { timeout?: number };
/** A page or one of its frames: everything here works on either. */
type Surface = Page | Frame;

/** Roundcube's page object, as far as the waits look at it. */
type RcmailWindow = { rcmail?: { loaded?: boolean; task?: string; busy?: boolean; env?: { action?: string; compose_id?: string } } };

/** Trimmed text with runs of white space collapsed, as a user reads it. */
export const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();

/**
 * The form control named by a <label> whose text equals `label` (or starts with it, for `prefix`). Covers both
 * `<label for>` and a label wrapping its input (the radio buttons).
 */
export async function byLabel(frame: Surface, label: string, options: Wait & { prefix?: boolean } = {}): Promise<ElementHandle<HTMLInputElement>> {
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
  await centre(handle as ElementHandle<Element>);
  return handle as ElementHandle<HTMLInputElement>;
}

/**
 * Scrolls the control to the middle of its page, as a worker scrolls to what they want to click: the panel keeps its
 * buttons in a bar at the bottom, over the last lines of a long form, and a click aimed at a field half under it would
 * land on the bar.
 */
export async function centre(handle: ElementHandle<Element>): Promise<void> {
  await handle.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'nearest' })).catch(() => undefined);
}

/** An enabled button whose text is exactly `name`. */
export async function button(frame: Surface, name: string, options: Wait = {}): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await frame
    .waitForFunction(
      (text: string) =>
        [...document.querySelectorAll('button')].find((element) => !element.disabled && (element.textContent ?? '').replace(/\s+/gu, ' ').trim() === text) ??
        null,
      { timeout: options.timeout ?? 5_000, polling: 50 },
      name,
    )
    .catch(async (error: unknown) => {
      const shown = await frame.evaluate(() => [...document.querySelectorAll('button')].map((element) => element.textContent?.trim())).catch(() => []);
      throw new Error(`no enabled button ${JSON.stringify(name)}; buttons: ${JSON.stringify(shown)}`, { cause: error });
    });
  await centre(handle as ElementHandle<Element>);
  return handle as ElementHandle<HTMLButtonElement>;
}

/** Waits until an element matching `selector` has text equal to `text` (or containing it, for `contains`). */
export async function textAppears(frame: Surface, selector: string, text: string, options: Wait & { contains?: boolean } = {}): Promise<string> {
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

/** The value of the control labelled `label`. */
export async function valueOf(frame: Surface, label: string): Promise<string> {
  return (await byLabel(frame, label)).evaluate((element) => element.value);
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
export async function loginRoundcube(page: Page, server: Pick<RoundcubeServer, 'url' | 'user' | 'password'>, options: Wait = {}): Promise<void> {
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
  // Roundcube's first requests after login (the message list, the folder counts) write the PHP session when they
  // end. A compose opened while one is running can lose its compose id to that write (Roundcube then answers with
  // error 450 instead of a compose form): let them finish before the test moves on.
  await page.waitForNetworkIdle({ idleTime: 200, timeout });
}

/** Waits until Roundcube's app has loaded the given task (and, for 'compose', a compose form with its id). */
export async function waitForRoundcube(page: Page, task: 'mail' | 'compose', options: Wait = {}): Promise<void> {
  const waiting = page.waitForFunction(
    (wanted: string) => {
      const rcmail = (window as unknown as RcmailWindow).rcmail;
      if (rcmail?.loaded !== true || rcmail.task !== 'mail') return false;
      return wanted === 'mail' || (rcmail.env?.action === 'compose' && Boolean(rcmail.env.compose_id) && rcmail.busy !== true);
    },
    { timeout: options.timeout ?? 15_000, polling: 50 },
    task,
  );
  await waiting.catch(async (error: unknown) => {
    // Say what the page shows instead: Roundcube's state and its message or error text.
    const seen = await page
      .evaluate(() => {
        const rcmail = (window as unknown as RcmailWindow).rcmail;
        const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/gu, ' ').trim().slice(0, 200) ?? '';
        return JSON.stringify({ url: location.href, loaded: rcmail?.loaded, task: rcmail?.task, action: rcmail?.env?.action, busy: rcmail?.busy, messages: text('#messagestack'), error: text('.error, .boxerror, #message') });
      })
      .catch((reason: unknown) => `(the page could not be read: ${String(reason)})`);
    throw new Error(`Roundcube did not show the ${task} view: ${seen}`, { cause: error });
  });
}

/** Opens a new Roundcube compose page in `page` (logged in already) and waits for its form and our button. */
export async function openCompose(page: Page, server: Pick<RoundcubeServer, 'url'>): Promise<void> {
  await page.goto(new URL('?_task=mail&_action=compose', server.url).href, { waitUntil: 'load', timeout: 15_000 });
  await waitForRoundcube(page, 'compose');
  await page.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
}

/**
 * Runs `script` at the start of every page `page` loads from now on, until the returned function is called: a page
 * change that also holds on the compose page the panel opens (Roundcube never fills the compose on screen, issue 20.1).
 */
export async function inEveryPage(page: Page, script: () => void): Promise<() => Promise<void>> {
  const { identifier } = await page.evaluateOnNewDocument(script);
  return () => page.removeScriptToEvaluateOnNewDocument(identifier);
}

/** Removes Roundcube's upload field and drop zone once a page's DOM is there: every attach tier fails. */
export function withoutAttachTiers(): void {
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelector('#uploadformInput')?.remove();
    document.querySelector('#compose-attachments')?.remove();
  });
}

/**
 * A real pointer click at the centre of the "Aanmelden bij OCMW" button, found by its host element (the button
 * itself sits in a closed shadow root): a trusted click, the user gesture the background needs to open the panel.
 */
export async function clickPanelButton(page: Page): Promise<void> {
  const host = await page.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
  const box = await host!.boundingBox();
  if (!box || box.width === 0) throw new Error('the Veilig Aanmelden button is not visible');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The panel's target line: where the draft will go ("Concept in: Roundcube – 127.0.0.1:8089"). */
export async function waitForTargetLine(panel: Surface, server: Pick<RoundcubeServer, 'url'>, options: Wait = {}): Promise<string> {
  return textAppears(panel, 'p.target', `Concept in: Roundcube – ${new URL(server.url).host}`, { timeout: options.timeout ?? 10_000 });
}

/** The consent step, filled by clicks; then "Volgende" to the client step. */
export async function fillConsent(panel: Surface): Promise<void> {
  // One control: informed, consented and the manner (SPEC §3 F1.3).
  await check(await byLabel(panel, 'Mondeling: de cliënt is geïnformeerd', { prefix: true }), 'Mondeling');
  await (await button(panel, 'Volgende')).click();
}

/** The client's text fields, by label, in the order a user fills them. */
export const clientFields = [
  ['Voornaam', client.firstName],
  ['Achternaam', client.lastName],
  ['Telefoonnummer', client.phone],
  ['E-mailadres', client.email],
  ['Straat', client.street],
  ['Nummer', client.houseNumber],
  ['Bus', client.box],
  ['Postcode', client.postcode],
] as const;

/**
 * "Klaar: sluit en wis" on the done step, the way a worker does it: the password was passed on by phone (ticked),
 * and a confirmation the panel asks for (a warning still standing) is answered "Toch sluiten en wissen".
 */
export async function finishReferral(panel: Surface): Promise<void> {
  const passed = await panel.$('input[type="radio"][name="handover"]');
  if (passed) await check(passed as ElementHandle<HTMLInputElement>, 'Wachtwoord doorgegeven');
  await (await button(panel, 'Klaar: sluit en wis')).click();
  const anyway = await panel.waitForSelector('[role="alertdialog"] button.danger', { timeout: 500 }).catch(() => null);
  await anyway?.click().catch(() => undefined);
}

/** The client step: every field typed, the municipality chosen, the recipient shown. Stays on the client step. */
export async function fillClient(panel: Surface): Promise<void> {
  for (const [label, value] of clientFields) await typeInto(await byLabel(panel, label), value, label);
  // The place list appears once the postcode is known (2275 has four places, none chosen for the worker): Gierle.
  const municipality = (await panel.waitForFunction(
    (choice: string) => {
      const control = [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === 'Plaats')?.control;
      return control instanceof HTMLSelectElement && [...control.options].some((option) => option.value === choice) ? control : null;
    },
    { timeout: 10_000, polling: 50 },
    client.municipality,
  )) as ElementHandle<HTMLSelectElement>;
  await municipality.focus();
  const chosen = await municipality.select(client.municipality);
  if (chosen[0] !== client.municipality) throw new Error(`Plaats: ${client.municipality} is not a choice (got ${JSON.stringify(chosen)})`);
  await textAppears(panel, 'body', 'sociale.dienst@lille.be', { contains: true, timeout: 10_000 });
}

/** The consent and client steps, filled the way a user does (clicks and typing, by label); stops before "Maak concept". */
export async function fillReferral(panel: Surface): Promise<void> {
  await fillConsent(panel);
  await fillClient(panel);
}

/** Opens the password choice folded on the client step, as a worker does: scrolled to, clicked, open. */
export async function openPasswordChoice(panel: Surface): Promise<void> {
  const summary = await panel.waitForSelector('details.password-choice > summary', { timeout: 10_000 });
  if (!summary) throw new Error('no password choice on the client step');
  // To the middle first: near the end of the form the panel's button bar sits over it, as it would for a worker.
  await centre(summary);
  await summary.click();
  await panel.waitForSelector('details.password-choice[open]', { timeout: 5_000 });
}

/** The generated password as the panel shows it, in the format the generator promises. */
export async function shownPassword(panel: Surface): Promise<string> {
  const output = await panel.waitForSelector('output[aria-label="Wachtwoord om door te geven"]', { timeout: 10_000 });
  const text = normalize(await output!.evaluate((element) => element.textContent));
  if (!/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u.test(text)) throw new Error(`no generated password shown (got ${JSON.stringify(text)})`);
  return text;
}

/** "Maak concept", then the panel's "Concept klaar" with its reference; returns the reference. */
export async function makeDraft(panel: Surface, onTimeout: () => Promise<string> = async () => ''): Promise<string> {
  await (await button(panel, 'Maak concept')).click();
  await textAppears(panel, 'h1', 'Concept klaar', { timeout: 20_000 }).catch(async (error: unknown) => {
    throw new Error(`${(error as Error).message}\n${await onTimeout()}`, { cause: error });
  });
  // Read back: To exactly the mailbox, no Cc or Bcc, our one zip, no client data in subject or text.
  await textAppears(panel, 'p', 'Het concept is in orde: alleen het OCMW als ontvanger', { contains: true });
  const reference = await panel.$eval('.reference', (element) => element.textContent?.trim() ?? '');
  if (!/^KG-[2-9A-Z]{4}-[2-9A-Z]{4}$/u.test(reference)) throw new Error(`no reference shown (got ${JSON.stringify(reference)})`);
  return reference;
}

/** What the Roundcube compose page holds: To, subject, and the names of the uploaded attachments. */
export async function composeState(page: Page): Promise<{ to: string; subject: string; attachments: string[] }> {
  return page.evaluate(() => ({
    to: (document.querySelector('textarea#_to') as HTMLTextAreaElement | null)?.value ?? '',
    subject: (document.querySelector('#compose-subject') as HTMLInputElement | null)?.value ?? '',
    attachments: [...document.querySelectorAll('#attachment-list li[id^="rcmfile"]')].map((item) => (item.textContent ?? '').replace(/\s+/gu, ' ').trim()),
  }));
}

/** Waits until Roundcube lists `name` among the uploaded attachments (and nothing is still uploading). */
export async function waitForAttachment(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (file: string) =>
      document.querySelector('#attachment-list li.uploading') === null &&
      [...document.querySelectorAll('#attachment-list li[id^="rcmfile"]')].some((item) => item.textContent?.includes(file)),
    { timeout: 15_000, polling: 50 },
    name,
  );
}

/** The user saves the draft with Roundcube's own toolbar button; resolves once Roundcube has its draft id. */
export async function saveDraft(page: Page): Promise<void> {
  await page.click('#toolbar-menu a.save.draft');
  await page.waitForFunction(() => ((document.querySelector('input[name="_draft_saveid"]') as HTMLInputElement | null)?.value ?? '') !== '', {
    timeout: 15_000,
    polling: 100,
  });
}

/** Values typed into the panel that the webmail page must never hold, in any form the page could read. */
export const clientValues = [client.firstName, client.lastName, 'Testpersoon', client.email, client.street, client.phone, '470123456', '+32470123456'] as const;

/**
 * What the webmail page exposes: its frames as the driver sees them, every frame-like element (iframe, frame, embed,
 * object) of the light DOM and of open shadow roots with its address, and a text made of the page's HTML and the
 * current value of every form control (values are not in the HTML).
 */
export async function pageExposure(page: Page): Promise<{ frames: string[]; frameElements: string[]; text: string }> {
  const inPage = await page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of roots[i]!.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    const all = roots.flatMap((root) => [...root.querySelectorAll('*')]);
    const frameElements = all
      .filter((element) => ['IFRAME', 'FRAME', 'EMBED', 'OBJECT'].includes(element.tagName))
      .map((element) => `${element.tagName.toLowerCase()} ${element.getAttribute('src') ?? element.getAttribute('data') ?? ''}`);
    const values = all
      .filter((element): element is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement =>
        element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)
      .map((element) => element.value);
    const shadowHtml = roots.slice(1).map((root) => (root as ShadowRoot).innerHTML);
    return { frameElements, text: [document.documentElement.outerHTML, ...shadowHtml, ...values].join('\n') };
  });
  return { frames: page.frames().map((frame) => frame.url()), ...inPage };
}

/**
 * Chromium with the end-to-end build, the Roundcube sandbox's address added in the options page (the loopback host is
 * granted in that build, so no prompt), and a Roundcube tab logged in at 1280×800 whose "leave this page?" questions
 * are answered yes (each one passed to `onDialog` first). What the later end-to-end files share.
 */
export async function chromiumOnRoundcube(
  server: RoundcubeServer,
  onDialog: (text: string) => void = () => undefined,
): Promise<{ chromium: ChromiumWithExtension; page: Page }> {
  const chromium = await launchChromiumWithExtension(chromeE2eBuild);
  const options = await chromium.open('options.html');
  const origin = new URL(server.url).origin;
  const added = await addRoundcubeInOptions(options, origin);
  if (added.status !== `Toegevoegd: ${origin}. Herlaad je webmail.`) throw new Error(`the options page did not add ${origin}: ${JSON.stringify(added)}`);
  await options.close();
  const page = await chromium.browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on('dialog', (dialog) => {
    onDialog(`${dialog.type()}: ${dialog.message()}`);
    void dialog.accept();
  });
  await loginRoundcube(page, server);
  return { chromium, page };
}
