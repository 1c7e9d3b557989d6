import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { DraftRequestMessage, ReadBack } from '../../lib/messages';

/** What a webmail that did exactly as asked shows after the fill; `change` makes it differ. */
export function readBackOf(request: DraftRequestMessage, change: Partial<ReadBack> = {}): ReadBack {
  return {
    to: [request.to], cc: [], bcc: [], subject: request.subject, body: request.body, attachments: request.fileName ? [request.fileName] : [],
    from: 'worker@kindengezin.be', replyTo: [], followupTo: [], ...change,
  };
}

/** The consent step as a worker answers it, up to the client step. */
export async function consentGiven(user: UserEvent): Promise<void> {
  await user.click(await screen.findByLabelText(/^Mondeling: de cliënt is geïnformeerd/u));
  await user.click(screen.getByRole('button', { name: 'Volgende' }));
  await screen.findByLabelText('Voornaam');
}

/** Jan Peeters in 2275 Lille with an e-mail address, typed into the client step (Lille chosen where a place is asked). */
export async function clientByEmail(user: UserEvent): Promise<void> {
    await user.type(screen.getByLabelText('Voornaam'), 'Jan');
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    await user.type(screen.getByLabelText('E-mailadres'), 'jan.peeters@example.org');
    await user.type(screen.getByLabelText('Postcode'), '2275');
    const place = screen.queryByLabelText('Plaats') as HTMLSelectElement | null;
    if (place) await user.selectOptions(place, 'Lille');
}

/** Jan Peeters in 2275 Lille with a phone number, typed into the client step, and "Maak concept". */
export async function clientToDraft(user: UserEvent): Promise<void> {
  await user.type(screen.getByLabelText('Voornaam'), 'Jan');
  await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
  await user.type(screen.getByLabelText('Telefoonnummer'), '0470 12 34 56');
  await user.type(screen.getByLabelText('Postcode'), '2275');
  await user.selectOptions(screen.getByLabelText('Plaats'), 'Lille');
  await user.click(screen.getByRole('button', { name: 'Maak concept' }));
}
