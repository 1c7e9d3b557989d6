// The referral as a user makes it in the panel: the end-to-end tests' fillReferral (test/e2e/panel-flow.ts), with
// every click counted for figure 7. Typing the client's data is not counted; each click, check, radio, choice in a
// list and button press is.
import type { Frame } from 'playwright-core';
import { fillReferral } from '../../test/e2e/panel-flow';

export type Click = { what: string; note?: string };

export class ClickCounter {
  readonly clicks: Click[] = [];
  add(what: string, note?: string): void {
    this.clicks.push(note ? { what, note } : { what });
  }
}

/** Consent and client steps through the end-to-end tests' own fillReferral, then "Maak concept", counting clicks. */
export async function fillAndMakeDraft(panel: Frame, counter: ClickCounter): Promise<void> {
  await fillReferral(panel, (what, note) => counter.add(what, note));
  // The generated password is chosen by default: nothing to do.
  await panel.getByRole('button', { name: 'Maak concept' }).waitFor();
  await panel.getByRole('button', { name: 'Maak concept' }).click();
  counter.add('button: Maak concept');
}
