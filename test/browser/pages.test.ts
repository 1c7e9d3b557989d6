import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeBuild, launchWithExtension, type LoadedExtension } from './extension';

// The built extension in Debian's Chromium: the pages load under the extension's CSP, from its own files.
describe('the built extension in Chromium', () => {
  let extension: LoadedExtension;
  const problems: string[] = [];

  beforeAll(async () => {
    expect(existsSync(`${chromeBuild}/manifest.json`), 'build first: npm run build').toBe(true);
    extension = await launchWithExtension();
  });

  afterAll(async () => {
    await extension?.close();
  });

  async function open(path: string) {
    const page = await extension.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
    await page.goto(`chrome-extension://${extension.id}/${path}`);
    return page;
  }

  /** The panel page opened in a tab, on its lookup view (what the toolbar icon shows beside a webmail). */
  async function lookup() {
    const page = await open('sidepanel.html');
    await page.getByRole('button', { name: 'Opzoeken' }).click();
    return page;
  }

  it("the panel's lookup view: type a postcode, see the recipient and its mailbox", async () => {
    const page = await lookup();
    const input = page.getByLabel('Gemeente, deelgemeente of postcode');
    await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('2275');
    const card = page.getByRole('article', { name: /Lille/u });
    await card.waitFor();
    expect(await card.textContent()).toContain('sociale.dienst@lille.be');
    expect(await card.textContent()).toContain('Protocol van kracht sinds 01-11-2025');
    await input.fill('7780');
    await page.getByText('Postcode 7780 ligt buiten Vlaanderen en Brussel', { exact: false }).waitFor();
    await page.close();
  });

  it('options: add a mailbox, and it survives a reload as "door u toegevoegd"', async () => {
    const page = await open('options.html');
    await page.getByLabel('Gemeente of postcode').fill('Etterbeek');
    await page.getByLabel('Mailadres voor aanmeldingen').fill('aanmelding@caw.example');
    await page.getByRole('region', { name: 'Eigen mailadressen' }).getByRole('button', { name: 'Bewaar' }).click();
    await page.getByText('Bewaard: CAW Brussel → aanmelding@caw.example').waitFor();
    await page.reload();
    await page.getByText(/Door u toegevoegd op/u).waitFor();
    const popup = await lookup();
    await popup.getByLabel('Gemeente, deelgemeente of postcode').fill('1040');
    await popup.getByText('aanmelding@caw.example').waitFor();
    await page.close();
    await popup.close();
  });

  it('logged no errors or warnings on any page', () => {
    expect(problems).toEqual([]);
  });
});
