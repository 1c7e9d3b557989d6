// Playwright helpers for the panel (used by the bench in scripts/bench and by test/security). The end-to-end tests
// drive the panel with puppeteer-core instead (flow.ts): Playwright does not see Chromium's side panel at all.
import type { Frame, Page } from 'playwright-core';

/** Synthetic client data typed into the panel by the end-to-end tests (nobody real). */
export const client = {
  firstName: 'Zoë',
  lastName: "D'Hondt-Testpersoon",
  phone: '0470 12 34 56',
  email: 'zoe.testpersoon@example.org',
  street: 'Kerkstraat',
  houseNumber: '1',
  box: '2',
  postcode: '2275',
  municipality: 'Gierle',
} as const;

/**
 * @deprecated The panel is no longer a frame of the webmail page (it is Chromium's side panel, or Firefox's panel
 * window): this finds nothing with the current build and throws after ~10 s. Kept only so scripts/bench still
 * type-checks until it moves to puppeteer-core (test/browser/chromium.ts: openSidePanel).
 */
export async function panelFrame(page: Page, scheme: 'chrome-extension:' | 'moz-extension:' = 'chrome-extension:'): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(`${scheme}//`) && candidate.url().includes('/panel.html'));
    if (frame) {
      await frame.waitForLoadState('domcontentloaded');
      return frame;
    }
    await page.waitForEvent('frameattached', { timeout: 100 }).catch(() => undefined);
  }
  throw new Error('the panel did not open');
}

/** Called after each click the user makes (not for typing): the bench counts them. */
export type ClickListener = (what: string, note?: string) => void;

/**
 * Fills consent and client steps the way a user would, by label, and stops at the password step. `panel` is any
 * Playwright surface showing the panel: the sidepanel.html page opened as a tab, or a frame.
 */
export async function fillReferral(panel: Frame | Page, clicked: ClickListener = () => undefined): Promise<void> {
  await panel.getByLabel(/^Mondeling: de cliënt is geïnformeerd/u).check();
  clicked('radio: Mondeling (informed and consented)');
  // The consent date is today by default: nothing to do.
  await panel.getByRole('button', { name: 'Volgende' }).click();
  clicked('button: Volgende (to the client step)');
  await panel.getByLabel('Voornaam').fill(client.firstName);
  await panel.getByLabel('Achternaam').fill(client.lastName);
  await panel.getByLabel('Telefoonnummer').fill(client.phone);
  await panel.getByLabel('E-mailadres').fill(client.email);
  await panel.getByLabel('Straat').fill(client.street);
  await panel.getByLabel('Huisnummer').fill(client.houseNumber);
  await panel.getByLabel('Bus').fill(client.box);
  await panel.getByLabel('Postcode').fill(client.postcode);
  await panel.getByLabel('Plaats').selectOption(client.municipality);
  clicked('select: Plaats (Gierle)', 'only when the postcode names several places (2275: Lille, Gierle, Poederlee, Wechelderzande)');
  await panel.getByText('sociale.dienst@lille.be').waitFor();
  // The password choice sits on the client step; its default (generated) needs no click.
}

/** The generated password as the panel shows it. */
export async function shownPassword(panel: Frame | Page): Promise<string> {
  const text = (await panel.getByLabel('Wachtwoord om door te geven').first().textContent()) ?? '';
  if (!/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u.test(text)) throw new Error('no generated password shown');
  return text;
}
