import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import nl from '../../public/_locales/nl/messages.json';
import { chromeBuild, launchWithExtension, type LoadedExtension } from '../browser/extension';
import { nationalNumber } from '../support/people';

// Hostile and odd input fed through the real panel in Chromium: each gets a clear Dutch message or is accepted
// cleanly, nothing crashes, and what was typed stays in the field.
const insz = nationalNumber('850730', '033');
const corpus: [label: string, value: string][] = [
  ['Voornaam', '<script>alert(1)</script>'],
  ['Achternaam', '<img src=x onerror=alert(1)>'],
  ['Straat', '"; DROP TABLE cliënten; --'],
  ['Voornaam', 'a'.repeat(10_000)],
  ['Achternaam', 'Pee\u200Bters'],
  ['Achternaam', '\u202EsreteeP'],
  ['Voornaam', 'Zoë 😀'],
  ['Achternaam', `Peeters ${insz.slice(0, 6)} ${insz.slice(6, 9)} ${insz.slice(9)}`],
  ['Telefoonnummer', `${insz.slice(0, 2)}.${insz.slice(2, 4)}.${insz.slice(4, 6)}-${insz.slice(6, 9)}.${insz.slice(9)}`],
  ['E-mailadres', 'jan@@example..org'],
  ['Huisnummer', '12 bus 3 achteraan rechts'],
  ['Straat', 'Kerkstraat geboren 12/03/1985'],
  ['Postcode', '4000'],
  ['Postcode', '7780'],
  ['Postcode', '1234'],
  ['Postcode', 'abcd'],
  ['Achternaam', "Van den Broeck-D'Hondt"],
  ['Voornaam', 'Nguyễn'],
];
const dutchMessages = new Set(Object.entries(nl).filter(([key]) => /^(err|dir)_/u.test(key)).map(([, value]) => value.message.replace(/\$\d/gu, '')));

function isDutchMessage(text: string): boolean {
  // A catalogue message, possibly with its substitution filled in ("Postcode 4000 ligt buiten…").
  return [...dutchMessages].some((message) => message.split(/\s+/u).filter((word) => word.length > 3).slice(0, 4).every((word) => text.includes(word)));
}

describe('hostile input in the panel (Chromium)', () => {
  let extension: LoadedExtension;
  let page: Page;
  let panel: Frame;
  const crashes: string[] = [];

  beforeAll(async () => {
    extension = await launchWithExtension(chromeBuild);
    page = await extension.context.newPage();
    page.on('pageerror', (error) => crashes.push(error.message));
    await page.goto(`chrome-extension://${extension.id}/sidepanel.html`);
    panel = page.mainFrame();
    await panel.getByLabel(/De cliënt is geïnformeerd/u).check();
    await panel.getByLabel('De cliënt gaf toestemming voor deze aanmelding.').check();
    await panel.getByLabel('Mondeling').check();
    await panel.getByRole('button', { name: 'Volgende' }).click();
    await panel.getByLabel('Voornaam').waitFor();
  }, 60_000);

  afterAll(async () => {
    await extension?.close();
  });

  it.each(corpus)('%s = %j: a Dutch message or clean acceptance, and the text stays', async (label, value) => {
    const field = panel.getByLabel(label, { exact: true });
    await field.fill(value);
    await field.blur();
    expect(await field.inputValue()).toBe(value);
    const described = await field.getAttribute('aria-describedby');
    const message = described ? ((await panel.locator(`[id="${described.split(' ').at(-1)}"]`).textContent()) ?? '') : '';
    if (message !== '') expect(isDutchMessage(message), message).toBe(true);
    await field.fill('');
  });

  it('a recipient without a mailbox (CAW Brussel) blocks the next step with the reason, keeping the form', async () => {
    await panel.getByLabel('Voornaam').fill('Jan');
    await panel.getByLabel('Achternaam').fill('Peeters');
    await panel.getByLabel('Telefoonnummer').fill('0470 12 34 56');
    await panel.getByLabel('Straat').fill('Kerkstraat');
    await panel.getByLabel('Huisnummer').fill('1');
    await panel.getByLabel('Postcode').fill('1050');
    await panel.getByText(/Er is geen mailadres bekend voor CAW Brussel/u).waitFor();
    await panel.getByRole('button', { name: 'Volgende' }).click();
    expect(await panel.getByRole('heading', { level: 1 }).textContent()).toBe('Gegevens van de cliënt');
    expect(await panel.getByLabel('Achternaam').inputValue()).toBe('Peeters');
  });

  it('never crashed', () => {
    expect(crashes).toEqual([]);
  });
});
