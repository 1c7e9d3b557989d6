import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import nl from '../../public/_locales/nl/messages.json';
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../browser/chromium';
import { chromeBuild } from '../browser/extension';
import { fillConsent } from '../e2e/flow';
import { byLabel, byRole, fill, waitForText } from '../support/driver';
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
  ['Nummer', '12 bus 3 achteraan rechts'],
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
  let extension: ChromiumWithExtension;
  let panel: Page;
  const crashes: string[] = [];

  beforeAll(async () => {
    extension = await launchChromiumWithExtension(chromeBuild);
    panel = await extension.browser.newPage();
    panel.on('pageerror', (error) => crashes.push(error instanceof Error ? error.message : String(error)));
    await panel.goto(`${extension.extensionBaseUrl}sidepanel.html`, { waitUntil: 'load' });
    // "Mondeling" (informed and consented) chosen with a click, then "Volgende".
    await fillConsent(panel);
    await byLabel(panel, 'Voornaam');
  }, 60_000);

  afterAll(async () => {
    await extension?.close();
  });

  it.each(corpus)('%s = %j: a Dutch message or clean acceptance, and the text stays', async (label, value) => {
    const field = await byLabel(panel, label);
    await fill(field, value);
    await field.evaluate((element) => element.blur());
    expect(await field.evaluate((element) => element.value)).toBe(value);
    const message = await field.evaluate((element) => {
      const described = element.getAttribute('aria-describedby');
      return described ? (document.getElementById(described.split(' ').at(-1)!)?.textContent ?? '') : '';
    });
    if (message !== '') expect(isDutchMessage(message), message).toBe(true);
    await fill(field, '');
  });

  it('a recipient without a mailbox (CAW Brussel) blocks the next step with the reason, keeping the form', async () => {
    await fill(await byLabel(panel, 'Voornaam'), 'Jan');
    await fill(await byLabel(panel, 'Achternaam'), 'Peeters');
    await fill(await byLabel(panel, 'Telefoonnummer'), '0470 12 34 56');
    await fill(await byLabel(panel, 'Straat'), 'Kerkstraat');
    await fill(await byLabel(panel, 'Nummer'), '1');
    await fill(await byLabel(panel, 'Postcode'), '1050');
    await waitForText(panel, /Er is geen mailadres bekend voor CAW Brussel/u);
    await (await byRole(panel, 'button', 'Maak concept')).click();
    expect(await panel.$$eval('h1, [role="heading"][aria-level="1"]', (headings) => headings.map((heading) => heading.textContent))).toEqual([
      'Gegevens van de cliënt',
    ]);
    expect(await (await byLabel(panel, 'Achternaam')).evaluate((element) => element.value)).toBe('Peeters');
  });

  it('never crashed', () => {
    expect(crashes).toEqual([]);
  });
});
