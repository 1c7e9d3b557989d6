// The referral as a user makes it in the panel, step for step the flow of test/e2e/panel-flow.ts (fillReferral), with
// every click counted for figure 7. Typing the client's data is not counted; each click, check, radio, choice in a
// list and button press is.
import type { Frame } from 'playwright-core';
import { client } from '../../test/e2e/panel-flow';

export type Click = { what: string; note?: string };

export class ClickCounter {
  readonly clicks: Click[] = [];
  add(what: string, note?: string): void {
    this.clicks.push(note ? { what, note } : { what });
  }
}

/** Consent and client steps, as fillReferral does them, up to the password step; then "Maak concept". */
export async function fillAndMakeDraft(panel: Frame, counter: ClickCounter): Promise<void> {
  await panel.getByLabel(/De cliënt is geïnformeerd/u).check();
  counter.add('checkbox: De cliënt is geïnformeerd');
  await panel.getByLabel('De cliënt gaf toestemming voor deze aanmelding.').check();
  counter.add('checkbox: De cliënt gaf toestemming');
  await panel.getByLabel('Mondeling').check();
  counter.add('radio: Mondeling');
  // The consent date is today by default: nothing to do.
  await panel.getByRole('button', { name: 'Volgende' }).click();
  counter.add('button: Volgende (to the client step)');
  await panel.getByLabel('Voornaam').fill(client.firstName);
  await panel.getByLabel('Achternaam').fill(client.lastName);
  await panel.getByLabel('Telefoonnummer').fill(client.phone);
  await panel.getByLabel('E-mailadres').fill(client.email);
  await panel.getByLabel('Straat').fill(client.street);
  await panel.getByLabel('Huisnummer').fill(client.houseNumber);
  await panel.getByLabel('Bus').fill(client.box);
  await panel.getByLabel('Postcode').fill(client.postcode);
  await panel.getByLabel('Gemeente').selectOption(client.municipality);
  counter.add(
    'select: Gemeente (Gierle)',
    'only when the postcode names several places and the client does not live in the one named like the municipality (2275 → Lille is filled in by itself)',
  );
  await panel.getByText('sociale.dienst@lille.be').waitFor();
  await panel.getByRole('button', { name: 'Volgende' }).click();
  counter.add('button: Volgende (to the password step)');
  // The generated password is chosen by default: nothing to do.
  await panel.getByRole('button', { name: 'Maak concept' }).waitFor();
  await panel.getByRole('button', { name: 'Maak concept' }).click();
  counter.add('button: Maak concept');
}
