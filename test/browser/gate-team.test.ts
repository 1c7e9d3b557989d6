// Issue 12, end to end in Debian's Chromium with the production build:
// (a) the protocol gate: Tessenderlo-Ham (postcode 3980; its bundled protocol is signed, its in-force date unknown)
//     is refused with the reason until a date is given inline in the panel; a date in the future still refuses; a
//     date in the past lets the open panel continue at once, without a reload, and nothing in the recipient box can
//     tick a refusal away;
// (b) team sharing: "Deel met je team" in one profile, the file read in a fresh profile, entry by entry: the new
//     entry is applied as "van je team", the one that contradicts Lille's bundled mailbox is shown side by side and
//     not applied without a choice; the preview lists every fact an entry would change, and a new phone number for
//     the password call is applied only once the worker confirms it (issue 20.4).
// Synthetic people and mailboxes only (example.org, *.example).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { belgianToday } from '../../lib/time';
import { fillConsent } from '../e2e/flow';
import { button, byLabel, byRole, fill, normalize, typeInto, waitForText } from '../support/driver';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './chromium';
import { chromeBuild } from './extension';

/** "2026-12-01" → "01-12-2026", as the pages show and take dates. */
const display = (iso: string) => iso.split('-').reverse().join('-');
const today = belgianToday();
/** Tomorrow in Belgium: noon UTC of today's Belgian date, plus a day, cannot slip across a date line. */
const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A synthetic client in 3980 Tessenderlo (Tessenderlo-Ham). */
const client = [
  ['Voornaam', 'Lotte'],
  ['Achternaam', 'Testpersoon'],
  ['Telefoonnummer', '0470 12 34 56'],
  ['E-mailadres', 'lotte.testpersoon@example.org'],
  ['Straat', 'Markt'],
  ['Nummer', '10'],
  ['Postcode', '3980'],
] as const;

const tessenderlo = { name: 'OCMW Tessenderlo-Ham', mailbox: 'socialedienst@tessenderlo-ham.be' };
const lilleBundled = 'sociale.dienst@lille.be';
const shared = {
  kortrijk: { id: '34022', mailbox: 'aanmelding@ocmw-kortrijk.example', inForce: '2025-09-01', phone: '056 12 34 56' },
  lille: { id: '13019', mailbox: 'aanmelding@ocmw-lille.example', inForce: '2025-10-01', phone: null },
};

const launched: ChromiumWithExtension[] = [];
/** Errors and warnings any page logged (the pages run under the extension's real CSP). */
let problems: string[] = [];

async function launch(): Promise<ChromiumWithExtension> {
  const extension = await launchChromiumWithExtension(chromeBuild);
  launched.push(extension);
  return extension;
}

/** An extension page in a new tab, with its console errors, warnings and uncaught errors recorded. */
async function open(extension: ChromiumWithExtension, path: string): Promise<Page> {
  const page = await extension.browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') problems.push(`${path}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`));
  await page.goto(new URL(path, extension.extensionBaseUrl).href, { waitUntil: 'load', timeout: 15_000 });
  return page;
}

const text = async (element: ElementHandle<Element>) => normalize(await element.evaluate((node) => node.textContent));
const heading = (page: Page) => page.$eval('h1', (element) => (element.textContent ?? '').replace(/\s+/gu, ' ').trim());

/** Controls in the recipient box that could act as an acknowledgement ("toch aanmelden"): there must be none. */
const overrideControls = (box: ElementHandle<Element>) =>
  box.$$eval('input[type="checkbox"], input[type="radio"], [role="checkbox"], [role="switch"], [role="radio"]', (elements) => elements.length);

beforeAll(() => {
  expect(existsSync(`${chromeBuild}/manifest.json`), 'build first: npm run build').toBe(true);
});

afterEach(async () => {
  while (launched.length > 0) await launched.pop()?.close();
  problems = [];
});

describe('issue 12 in Chromium: the protocol gate and team sharing', () => {
  it('Tessenderlo-Ham is refused with the reason until an in-force date is given inline (tomorrow still refuses); then the open panel goes on', async () => {
    const extension = await launch();
    const page = await open(extension, 'sidepanel.html');

    await fillConsent(page);
    await waitForText(page, /^Gegevens van de cliënt$/u, { selector: 'h1' });
    for (const [label, value] of client) await typeInto(await byLabel(page, label), value, label);
    // 3980 is Tessenderlo alone: the place is filled in for the worker, nothing to choose.
    expect(await page.$$eval('label', (labels) => labels.some((label) => label.textContent?.trim() === 'Plaats'))).toBe(false);

    const box = await byRole(page, 'region', /^Ontvanger$/u);
    const refusal = 'section.recipient-box .decision.refuse';
    const reason = await waitForText(page, /OCMW Tessenderlo-Ham is ondertekend/u, { selector: refusal });
    expect(reason).toMatch(/Aanmelden kan pas onder een protocol dat van kracht is: voeg de ingangsdatum toe\.$/u);
    const refusedBox = await text(box);
    expect(refusedBox).toContain(tessenderlo.name);
    expect(refusedBox).toContain(tessenderlo.mailbox);
    expect(refusedBox).toContain('Mailadres: protocol (gebundeld); ingangsdatum: geen datum.');
    // No tick, switch or "toch aanmelden" in the recipient box: a refusal has no override.
    expect(await overrideControls(box)).toBe(0);
    expect(refusedBox).not.toMatch(/toch aanmelden/iu);

    // A window property the page keeps only as long as it is not reloaded.
    await page.evaluate(() => Object.assign(window, { vaSamePage: true }));

    /** "Maak concept" on the client step: the step must stay, and not for a field's sake (all fields are valid). */
    const nextIsRefused = async () => {
      await (await button(page, 'Maak concept')).click();
      // The panel's answer to this click: the focus moves from the button to the gate's alert.
      await page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Aanmelden kan nu niet') === true, { timeout: 5_000, polling: 50 });
      expect(await heading(page)).toBe('Gegevens van de cliënt');
      expect(await page.$('output[aria-label="Wachtwoord om door te geven"]')).toBeNull();
      // No field's message: the one alert is the gate's, where its reason is, and it holds the focus.
      const alerts = await page.$$eval('[role="alert"], .field-error', (elements) => elements.map((element) => element.textContent ?? ''));
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatch(/^Aanmelden kan nu niet: /u);
      expect(await page.evaluate(() => document.activeElement?.textContent?.startsWith('Aanmelden kan nu niet'))).toBe(true);
    };
    await nextIsRefused();

    /** "Mailadres en protocol toevoegen" in the recipient box, filled and saved. */
    const addInline = async (date: string, extra: { phone?: string; source?: string }) => {
      await (await byRole(page, 'button', /^Mailadres en protocol toevoegen$/u, { within: box })).click();
      const form = await page.waitForSelector(`[role="group"][aria-label="Mailadres en protocol toevoegen voor ${tessenderlo.name}"]`, { timeout: 5_000 });
      if (!form) throw new Error('the add form did not open');
      // The mailbox the recipient has is offered; the worker confirms it.
      expect(await (await byLabel(page, 'Mailadres voor aanmeldingen', { within: form })).evaluate((element) => element.value)).toBe(tessenderlo.mailbox);
      expect(await overrideControls(box)).toBe(0);
      await fill(await byLabel(page, 'Ingangsdatum van het protocol', { within: form }), date);
      if (extra.phone) await fill(await byLabel(page, 'Telefoonnummer van de sociale dienst', { within: form }), extra.phone);
      if (extra.source) await fill(await byLabel(page, 'Bron', { within: form }), extra.source);
      await (await byRole(page, 'button', /^Bewaar mailadres en protocol$/u, { within: form })).click();
      await page.waitForSelector('[role="group"].add-mailbox', { hidden: true, timeout: 5_000 });
    };

    // A protocol in force only from tomorrow: still refused, now for that reason.
    await addInline(display(tomorrow), { phone: '013 12 34 56', source: 'Testprotocol (synthetisch)' });
    const notYet = await waitForText(page, /gaat pas in op/u, { selector: refusal });
    // After "Maak concept" was refused once, the reason is headed by what it means.
    expect(notYet.replace(/^Aanmelden kan nu niet: /u, '')).toBe(`Het protocol met ${tessenderlo.name} gaat pas in op ${display(tomorrow)}: aanmelden kan vanaf die dag. Klopt die datum niet? Vul de juiste ingangsdatum in.`);
    expect(await text(box)).toContain(`door jou toegevoegd op ${display(today)}`);
    expect(await overrideControls(box)).toBe(0);
    await nextIsRefused();

    // The in-force date of the signed protocol, in the past: allowed, in the same page, at once.
    await addInline('01-09-2025', {});
    await waitForText(page, `Bewaard: ${tessenderlo.name} → ${tessenderlo.mailbox}`, { selector: 'section.recipient-box [role="status"]' });
    const allowedBox = await text(box);
    expect(allowedBox).toContain(tessenderlo.mailbox);
    expect(allowedBox).toContain(`Mailadres en datum: door jou toegevoegd op ${display(today)}.`);
    expect(allowedBox).toContain('Protocol van kracht sinds 01-09-2025');
    expect(allowedBox).toContain('Sociale dienst: 013 12 34 56');
    expect(await page.$(refusal)).toBeNull();
    expect(await overrideControls(box)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { vaSamePage?: boolean }).vaSamePage)).toBe(true);

    // Allowed: the password choice appears, and "Maak concept" goes on to the draft (this tab has no webmail: it says so).
    await page.waitForSelector('output[aria-label="Wachtwoord om door te geven"]', { timeout: 5_000 });
    await (await button(page, 'Maak concept')).click();
    await waitForText(page, /^Open je webmail in dit tabblad en klik dan opnieuw op "Maak concept"/u, { selector: '[role="alert"]' });
    expect(await page.evaluate(() => (window as unknown as { vaSamePage?: boolean }).vaSamePage)).toBe(true);

    expect(problems).toEqual([]);
  });

  it('team sharing: export, import on a fresh profile, the new entry "van je team", the conflict with Lille shown and not applied', async () => {
    const downloads = mkdtempSync(join(tmpdir(), 'va-team-download-'));
    try {
      // Profile 1: two own mailboxes with their protocol dates, one for Kortrijk (no bundled mailbox), one for Lille
      // that differs from its bundled mailbox.
      const first = await launch();
      const options = await open(first, 'options.html');
      const own = await byRole(options, 'region', /^Eigen mailadressen$/u);
      for (const [query, entry, name] of [['Kortrijk', shared.kortrijk, 'OCMW Kortrijk'], ['2275', shared.lille, 'OCMW Lille']] as const) {
        await fill(await byLabel(options, 'Gemeente of postcode', { within: own }), query);
        await expect.poll(async () => (await byLabel(options, 'Ontvanger', { within: own })).evaluate((element) => element.value)).toBe(entry.id);
        await fill(await byLabel(options, 'Mailadres voor aanmeldingen', { within: own }), entry.mailbox);
        await fill(await byLabel(options, 'Ingangsdatum van het protocol', { within: own }), display(entry.inForce));
        if (entry.phone) await fill(await byLabel(options, 'Telefoonnummer van de sociale dienst', { within: own }), entry.phone);
        await (await byRole(options, 'button', /^Bewaar mailadres en protocol$/u, { within: own })).click();
        await waitForText(options, `Bewaard: ${name} → ${entry.mailbox}`, { selector: '[role="status"]' });
      }

      // "Deel met je team" downloads the file: Chromium writes it into `downloads` and says when it is complete.
      const session = await first.browser.target().createCDPSession();
      await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
      let suggested = '';
      session.on('Browser.downloadWillBegin', (event) => (suggested = event.suggestedFilename));
      const completed = new Promise<void>((resolve, reject) => {
        session.on('Browser.downloadProgress', (event) => {
          if (event.state === 'completed') resolve();
          if (event.state === 'canceled') reject(new Error('the download was canceled'));
        });
      });
      const team = await byRole(options, 'region', /^Deel met je team$/u);
      await (await byRole(options, 'button', /^Deel met je team$/u, { within: team })).click();
      await Promise.race([completed, new Promise((_, reject) => setTimeout(() => reject(new Error('no download within 5 s')), 5_000))]);
      expect(suggested).toBe(`mailadressen-${today}.json`);
      await waitForText(options, '2 mailadressen bewaard in het bestand.', { selector: '[role="status"]' });
      const file = join(downloads, suggested);
      // Organisations, mailboxes and dates only; no author unless the worker asked for it.
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
        format: 'veilig-aanmelden/mailadressen@1',
        exportedOn: today,
        directoryVersion: expect.any(String),
        author: null,
        entries: {
          [shared.kortrijk.id]: { mailbox: shared.kortrijk.mailbox, inForceSince: shared.kortrijk.inForce, endedOn: null, phone: shared.kortrijk.phone, source: null },
          [shared.lille.id]: { mailbox: shared.lille.mailbox, inForceSince: shared.lille.inForce, endedOn: null, phone: null, source: null },
        },
      });
      await first.close();
      launched.splice(launched.indexOf(first), 1);

      // Profile 2, fresh: read the colleague's file and look at each entry before anything is applied.
      const second = await launch();
      const colleague = await open(second, 'options.html');
      const section = await byRole(colleague, 'region', /^Deel met je team$/u);
      await (await byLabel(colleague, 'Bestand van een collega inlezen', { within: section })).uploadFile(file);
      const preview = await colleague.waitForSelector(`[role="group"][aria-label="Wat ${suggested} zou veranderen"]`, { timeout: 5_000 });
      if (!preview) throw new Error('no preview of the file');
      const items = await preview.$$('ul.team-preview > li');
      expect(items).toHaveLength(2);
      const [kortrijkItem, lilleItem] = await Promise.all(
        ['OCMW Kortrijk', 'OCMW Lille'].map(async (name) => {
          for (const item of items) if ((await text(item)).startsWith(`${name}:`)) return item;
          throw new Error(`no preview entry for ${name}`);
        }),
      );
      // Kortrijk has no mailbox here: new, ticked to be applied, with every fact it brings.
      const kortrijkLine = `OCMW Kortrijk: nieuw: ${shared.kortrijk.mailbox} (ingangsdatum ${display(shared.kortrijk.inForce)})`;
      expect((await text(kortrijkItem!)).slice(0, kortrijkLine.length)).toBe(kortrijkLine);
      expect(await kortrijkItem!.$eval('input[type="checkbox"]', (element) => element.checked)).toBe(true);
      const changes = (item: ElementHandle<Element>) => item.$$eval('ul.team-changes li', (elements) => elements.map((element) => (element.textContent ?? '').replace(/\s+/gu, ' ').trim()));
      expect(await changes(kortrijkItem!)).toEqual([
        `Mailadres: geen → ${shared.kortrijk.mailbox}`,
        `Telefoonnummer: geen → ${shared.kortrijk.phone}`,
        `Ingangsdatum van het protocol: geen → ${display(shared.kortrijk.inForce)}`,
        `Herkomst: geen → van je team (bestand ${suggested})`,
      ]);
      // Lille: the bundled mailbox and the team's side by side, neither chosen.
      const lille = await text(lilleItem!);
      expect(lille).toContain('Ander mailadres voor OCMW Lille: welk is juist?');
      expect(lille).toContain(`Houd ${lilleBundled} (protocol (gebundeld))`);
      expect(lille).toContain(`Neem ${shared.lille.mailbox} (van je team (bestand ${suggested}); ingangsdatum ${display(shared.lille.inForce)})`);
      expect(await lilleItem!.$$eval('input[type="radio"]', (elements) => elements.map((element) => element.checked))).toEqual([false, false]);

      // The new phone number is applied only once the worker confirms it.
      await (await byRole(colleague, 'button', /^Pas toe$/u, { within: preview })).click();
      await waitForText(colleague, 'Bevestig eerst het nieuwe telefoonnummer van OCMW Kortrijk, of vink die ontvanger af.', { selector: '[role="alert"]' });
      const confirm = `Nieuw nummer voor het wachtwoord: ik heb nagekeken dat ${shared.kortrijk.phone} het nummer van de sociale dienst van OCMW Kortrijk is`;
      await (await byLabel(colleague, confirm, { within: preview })).click();
      await (await byRole(colleague, 'button', /^Pas toe$/u, { within: preview })).click();
      await waitForText(colleague, '1 mailadres van je team toegevoegd, 1 overgeslagen.', { selector: '[role="status"]' });
      const applied = await colleague.$$eval('section[aria-labelledby="team-title"] ul.additions li', (elements) =>
        elements.map((element) => (element.textContent ?? '').replace(/\s+/gu, ' ').trim()),
      );
      expect(applied).toEqual([
        `OCMW Kortrijk: ${shared.kortrijk.mailbox} (van je team (bestand ${suggested}); ingangsdatum ${display(shared.kortrijk.inForce)}) ×`,
      ]);

      // The panel's lookup view: Kortrijk now has the team's mailbox and may be referred to; Lille keeps its own.
      const panel = await open(second, 'sidepanel.html');
      await (await byRole(panel, 'button', /^Opzoeken$/u)).click();
      const search = await byLabel(panel, 'Gemeente, deelgemeente of postcode');
      await fill(search, '8500');
      // The layers load after the bundled directory: wait for them before reading the cards.
      await waitForText(panel, shared.kortrijk.mailbox, { selector: 'article', timeout: 10_000 });
      const kortrijk = await byRole(panel, 'article', /^Kortrijk/u);
      const kortrijkCard = await text(kortrijk);
      expect(kortrijkCard).toContain(shared.kortrijk.mailbox);
      expect(kortrijkCard).toContain(`Mailadres en datum: van je team (bestand ${suggested}).`);
      expect(kortrijkCard).toContain(`Protocol van kracht sinds ${display(shared.kortrijk.inForce)}`);
      expect(kortrijkCard).toContain(`Sociale dienst: ${shared.kortrijk.phone}`);
      expect(await kortrijk.evaluate((element) => element.className)).toContain('verdict-allow');
      await fill(search, '2275');
      const lilleCard = await byRole(panel, 'article', /^Lille/u);
      const lilleText = await text(lilleCard);
      expect(lilleText).toContain(lilleBundled);
      expect(lilleText).toContain('Mailadres en datum: protocol (gebundeld).');
      expect(lilleText).not.toContain(shared.lille.mailbox);
      expect(lilleText).not.toContain('van je team');
      expect(await lilleCard.evaluate((element) => element.className)).toContain('verdict-allow');

      expect(problems).toEqual([]);
    } finally {
      rmSync(downloads, { recursive: true, force: true });
    }
  });
});
