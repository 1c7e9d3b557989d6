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

/** The panel's frame inside the webmail page: an extension page, found among the page's frames. */
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

/** Fills consent and client steps the way a user would, by label, and stops at the password step. */
export async function fillReferral(panel: Frame): Promise<void> {
  await panel.getByLabel(/De cliënt is geïnformeerd/u).check();
  await panel.getByLabel('De cliënt gaf toestemming voor deze aanmelding.').check();
  await panel.getByLabel('Mondeling').check();
  await panel.getByRole('button', { name: 'Volgende' }).click();
  await panel.getByLabel('Voornaam').fill(client.firstName);
  await panel.getByLabel('Achternaam').fill(client.lastName);
  await panel.getByLabel('Telefoonnummer').fill(client.phone);
  await panel.getByLabel('E-mailadres').fill(client.email);
  await panel.getByLabel('Straat').fill(client.street);
  await panel.getByLabel('Huisnummer').fill(client.houseNumber);
  await panel.getByLabel('Bus').fill(client.box);
  await panel.getByLabel('Postcode').fill(client.postcode);
  await panel.getByLabel('Gemeente').selectOption(client.municipality);
  await panel.getByText('sociale.dienst@lille.be').waitFor();
  await panel.getByRole('button', { name: 'Volgende' }).click();
}

/** The generated password as the panel shows it. */
export async function shownPassword(panel: Frame): Promise<string> {
  const text = (await panel.getByLabel('Wachtwoord om door te geven').first().textContent()) ?? '';
  if (!/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u.test(text)) throw new Error('no generated password shown');
  return text;
}
