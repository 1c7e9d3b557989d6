// The end-to-end referral's steps, shared by Chromium (CDP, the side panel) and Firefox ESR (WebDriver BiDi, the panel
// window): the options page, the in-page button, and the panel's steps, driven the way a user does (real pointer
// clicks and keyboard typing, found by label and button text: the words of test/support/driver.ts). Roundcube's own
// page is in roundcube/page.ts.
import type { ElementHandle, Page } from 'puppeteer-core';
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../browser/chromium';
import { chromeE2eBuild } from '../browser/extension';
import { button, byLabel, centre, check, normalize, selectByLabel, textAppears, typeInto, type Surface, type Wait } from '../support/driver';
import { client } from './client';
import { loadCompose, loginRoundcube } from './roundcube/page';
import type { RoundcubeServer } from './roundcube/server';

export { client };


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

/** Opens a new Roundcube compose page in `page` (logged in already) and waits for its form and our button. */
export async function openCompose(page: Page, server: Pick<RoundcubeServer, 'url'>): Promise<void> {
  await loadCompose(page, server);
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
  // One control: informed, consented and the manner (RULES §3 F1.3).
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
  await selectByLabel(panel, 'Plaats', client.municipality, { timeout: 10_000 });
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

/**
 * "Test de koppeling" in the options page, as a pilot worker runs it: find the open webmail tabs, pick the Roundcube
 * sandbox's, give their own address, start; resolves with the report once it names the webmail. The page is closed.
 */
export async function runPilotCheck(chromium: ChromiumWithExtension, server: Pick<RoundcubeServer, 'url'>, address = 'an.janssens@example.org'): Promise<string> {
  const options = await chromium.open('options.html');
  await (await button(options, 'Zoek tabbladen')).click();
  await textAppears(options, 'select option', new URL(server.url).origin);
  await typeInto(await byLabel(options, 'Je eigen e-mailadres (voor het testconcept)'), address, 'pilot address');
  await (await button(options, 'Start de koppelingstest')).click();
  const report = await textAppears(options, 'pre.selfcheck', 'Test de koppeling met je webmail – roundcube', { contains: true, timeout: 30_000 });
  await options.close();
  return report;
}
