import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../browser/chromium';
import { client, openPasswordChoice } from '../e2e/flow';
import { byLabel, byRole, check, fill, selectByLabel, waitForText } from '../support/driver';
import { buildDir, projectRoot } from './build';

// RULES §9: keyboard-only use, labelled fields, WCAG 2.1 AA, checked with axe in the browser. The built extension
// in Debian's Chromium; axe-core runs inside each page, on every step of the panel (opened directly in a tab, so the
// draft falls back: there is no webmail), on the panel's lookup view with a result and on the options and information pages.

const axeSource = readFileSync(join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

type Violation = { id: string; impact: string | null; help: string; targets: string[] };

/** axe's violations of impact serious or critical, one line each: where, rule, impact, target, help. */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  // Evaluated over the DevTools protocol (Runtime.evaluate), so the extension's CSP (script-src 'self') does not stop it.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Axe = {
      run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
    };
    const { violations } = await (globalThis as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] });
    return violations.map((violation) => ({
      id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
  return (violations as Violation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.targets.map((target) => `${where}: ${violation.id} [${violation.impact}] ${target} — ${violation.help}`));
}

describe('accessibility of the built pages', () => {
  let extension: ChromiumWithExtension;

  beforeAll(async () => {
    extension = await launchChromiumWithExtension(buildDir('chrome'));
  }, 60_000);

  afterAll(async () => {
    await extension?.close();
  });

  const open = (path: string): Promise<Page> => extension.open(path);

  /** The panel as a user first sees it: the form kept in session storage from an earlier test is wiped first. */
  async function freshPanel(): Promise<Page> {
    const background = await extension.worker();
    await background.evaluate(() => (globalThis as unknown as { chrome: { storage: { session: { clear(): Promise<void> } } } }).chrome.storage.session.clear());
    const page = await open('sidepanel.html');
    await byRole(page, 'heading', 'Toestemming');
    return page;
  }

  const click = async (page: Page, role: 'button' | 'link', name: string | RegExp) => (await byRole(page, role, name)).click();

  it('axe: no serious or critical violation on any step and view of the panel, the options or the information page', async () => {
    const found: string[] = [];

    const panel = await freshPanel();
    found.push(...(await seriousViolations(panel, 'panel, consent')));
    // "Aan de slag": the worker's own details, asked for in the panel while they are missing.
    await click(panel, 'button', 'Vul ze hier in');
    await click(panel, 'button', 'Bewaar en ga verder');
    await waitForText(panel, 'Vul je naam in.');
    found.push(...(await seriousViolations(panel, 'panel, "Aan de slag" with errors')));
    await click(panel, 'button', 'Later');
    await click(panel, 'button', 'Volgende');
    await waitForText(panel, 'Nog niet alles is in orde: kijk de meldingen bij de velden na.');
    found.push(...(await seriousViolations(panel, 'panel, consent with errors')));

    await check(await byLabel(panel, 'Mondeling: de cliënt is geïnformeerd', { prefix: true }), 'Mondeling');
    await click(panel, 'button', 'Volgende');
    await byRole(panel, 'heading', 'Gegevens van de cliënt');
    await click(panel, 'button', 'Maak concept');
    await waitForText(panel, 'Vul de achternaam in.');
    found.push(...(await seriousViolations(panel, 'panel, client with errors')));

    await fill(await byLabel(panel, 'Voornaam'), client.firstName);
    await fill(await byLabel(panel, 'Achternaam'), client.lastName);
    await fill(await byLabel(panel, 'Telefoonnummer'), client.phone);
    await fill(await byLabel(panel, 'Straat'), client.street);
    await fill(await byLabel(panel, 'Nummer'), client.houseNumber);
    await fill(await byLabel(panel, 'Postcode'), client.postcode);
    await selectByLabel(panel, 'Plaats', client.municipality);
    await waitForText(panel, 'sociale.dienst@lille.be');
    found.push(...(await seriousViolations(panel, 'panel, client with recipient')));

    // The password choice, folded on the client step: open it.
    await openPasswordChoice(panel);
    found.push(...(await seriousViolations(panel, 'panel, password (generated)')));
    await check(await byLabel(panel, 'Zelf een wachtwoord kiezen'), 'Zelf een wachtwoord kiezen');
    await fill(await byLabel(panel, 'Jouw wachtwoord'), 'kerkstraat1');
    await panel.waitForSelector('input[aria-invalid="true"]', { visible: true, timeout: 5_000 });
    found.push(...(await seriousViolations(panel, 'panel, password (typed, refused)')));
    await check(await byLabel(panel, 'Voorgesteld wachtwoord (aangeraden)'), 'Voorgesteld wachtwoord (aangeraden)');

    await click(panel, 'button', 'Maak concept');
    // Opened in a tab of its own, the panel has no webmail beside it: it says so, and offers the file alone.
    await waitForText(panel, /^Open je webmail in dit tabblad en klik dan opnieuw/u);
    await click(panel, 'button', /^Of maak alleen het versleutelde bestand/u);
    await byRole(panel, 'heading', 'Zelf mailen');
    found.push(...(await seriousViolations(panel, 'panel, fallback')));
    await panel.close();

    const popup = await open('sidepanel.html');
    await click(popup, 'button', 'Opzoeken');
    await fill(await byLabel(popup, 'Gemeente, deelgemeente of postcode'), '2275');
    await byRole(popup, 'article', /Lille/u);
    found.push(...(await seriousViolations(popup, "panel's lookup view with a result")));
    await popup.close();

    const options = await open('options.html');
    await byLabel(options, 'Adres van je Roundcube');
    found.push(...(await seriousViolations(options, 'options')));
    await options.close();

    const info = await open('info.html');
    await info.waitForSelector('h1, [role="heading"][aria-level="1"]', { visible: true, timeout: 5_000 });
    found.push(...(await seriousViolations(info, 'information for the client')));
    await info.close();

    expect(found).toEqual([]);
  }, 30_000);

  it('axe finds a serious violation when there is one (an unlabelled field added to the panel)', async () => {
    const panel = await freshPanel();
    await panel.evaluate(() => document.querySelector('main')?.append(Object.assign(document.createElement('input'), { type: 'text' })));
    expect((await seriousViolations(panel, 'panel')).join('\n')).toMatch(/panel: label \[critical\]/u);
    await panel.close();
  });

  it('keyboard only: consent, client, password and "Maak concept" reach the fallback without a mouse', async () => {
    const panel = await freshPanel();
    const keys = panel.keyboard;

    /** What has focus: its role-ish kind, its label, its state. Reading only; every action below is a key press. */
    const focused = () =>
      panel.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return { kind: 'none', label: '', checked: false, value: '' };
        const input = element as HTMLInputElement;
        const label =
          (input.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/gu, ' ').trim();
        return { kind: element.tagName.toLowerCase() + (input.type ? `:${input.type}` : ''), label, checked: input.checked === true, value: input.value ?? '' };
      });

    /** Presses Tab until the element labelled `label` has focus; fails, naming every stop, if it is not reachable. */
    async function tabTo(label: string | RegExp): Promise<void> {
      const stops: string[] = [];
      for (let presses = 0; presses < 40; presses++) {
        await keys.press('Tab');
        const now = await focused();
        if (typeof label === 'string' ? now.label === label : label.test(now.label)) return;
        stops.push(`${now.kind} "${now.label}"`);
      }
      throw new Error(`Tab never reached "${String(label)}"; it stopped at: ${stops.join(', ')}`);
    }

    // Step 1: the heading has focus; choose "Mondeling" (informed and consented, one control) with Space, go on with Enter.
    expect((await focused()).label).toBe('Toestemming');
    await tabTo(/^Mondeling: de cliënt is geïnformeerd/u);
    await keys.press('Space');
    expect((await focused()).checked).toBe(true);
    await tabTo('Volgende');
    await keys.press('Enter');

    // Step 2: the new step's heading takes focus; type every field in order.
    await byRole(panel, 'heading', 'Gegevens van de cliënt');
    expect((await focused()).label).toBe('Gegevens van de cliënt');
    const typed = (fields: [string, string][]) => async () => {
      for (const [label, value] of fields) {
        await tabTo(label);
        await keys.type(value);
        expect((await focused()).value).toBe(value);
      }
    };
    await typed([['Voornaam', client.firstName], ['Achternaam', client.lastName], ['Postcode', client.postcode]])();
    // The postcode names four places: pick Gierle in the list by typing its name.
    await tabTo('Plaats');
    await keys.type(client.municipality);
    expect((await focused()).value).toBe(client.municipality);
    await typed([
      ['Telefoonnummer', client.phone], ['E-mailadres', client.email], ['Straat', client.street], ['Nummer', client.houseNumber], ['Bus', client.box],
    ])();
    await waitForText(panel, 'sociale.dienst@lille.be');
    // The generated password needs no step of its own: "Maak concept" with Enter.
    await tabTo('Maak concept');
    await keys.press('Enter');
    // No webmail beside a panel opened in a tab: it says so; the file alone is one Tab and Enter away.
    await tabTo(/^Of maak alleen het versleutelde bestand/u);
    await keys.press('Enter');

    // The fallback, with its heading focused and the download reachable by Tab.
    await byRole(panel, 'heading', 'Zelf mailen');
    expect((await focused()).label).toBe('Zelf mailen');
    await tabTo('Download het versleutelde bestand');
    expect((await focused()).kind).toBe('a');
    await panel.close();
  }, 30_000);
});
