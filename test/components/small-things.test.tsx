// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useDirectory } from '../../components/common/useDirectory';
import { LookupView } from '../../components/lookup/LookupView';
import { TeamSection } from '../../components/options/TeamSection';
import { AddMailbox } from '../../components/panel/AddMailbox';
import { PanelApp } from '../../components/panel/PanelApp';
import { PasswordCall } from '../../components/panel/PasswordCall';
import { RecipientSummary } from '../../components/panel/RecipientSummary';
import { referralDecision } from '../../lib/directory';
import { loadLayers, saveUserAddition } from '../../lib/directory/storage';
import { exportTeamFile } from '../../lib/directory/team';
import type { TabMessage } from '../../lib/messages';
import { generateReference } from '../../lib/referral';
import { newEntry } from '../../lib/register/register';
import { saveRegister } from '../../lib/register/storage';
import { saveSettings } from '../../lib/settings';
import { clientByEmail } from '../support/panel-flow';
import { fixedTab, panelTransport } from '../support/panel-transport';

// Issue 21.13, the small things: texts that say something true for the moment, the focus after saving, and a team
// conflict that names each mailbox once.

/** The panel's recipient box for one recipient, fed by the live directory as in the wizard. */
function Summary({ id }: { id: string }) {
  const { directory } = useDirectory();
  const recipient = directory.recipient(id) ?? null;
  return <RecipientSummary lookup={null} recipient={recipient} decision={recipient ? referralDecision(recipient) : null} />;
}

/** The password call for one recipient, fed by the live directory as at the done step. */
function Call({ id }: { id: string }) {
  const { directory } = useDirectory();
  return <PasswordCall password="k7xm-4rp9-2abc-9def-mnop" recipient={directory.recipient(id) ?? null} passed={false} onPassed={() => undefined} />;
}

const lille = 'sociale.dienst@lille.be';

describe('issue 21.13: small things', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it("the add form's example names the OCMW being added, never another one", () => {
    render(<AddMailbox recipientId="34022" recipientName="OCMW Kortrijk" requireDate onSaved={() => undefined} />);
    const source = screen.getByLabelText('Bron');
    const hint = document.getElementById(source.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(hint).toContain('OCMW Kortrijk');
    expect(screen.getByRole('group').textContent).not.toMatch(/Lille/u);
  });

  it('after adding a mailbox in the panel, the focus goes to the line that says it was saved', async () => {
    const user = userEvent.setup();
    render(<Summary id="34022" />);
    await user.click(await screen.findByRole('button', { name: 'Mailadres en protocol toevoegen' }));
    await user.type(screen.getByLabelText('Mailadres voor aanmeldingen'), 'aanmelding@kortrijk.example');
    await user.type(screen.getByLabelText(/^Ingangsdatum/u), '01-01-2025');
    await user.click(screen.getByRole('button', { name: 'Bewaar mailadres en protocol' }));
    // The live region may be there before its line is (an empty status first): wait for the line itself.
    const status = await waitFor(() => {
      const region = screen.getByRole('status');
      expect(region.textContent).toBe('Bewaard: OCMW Kortrijk → aanmelding@kortrijk.example');
      return region;
    });
    await waitFor(() => expect(document.activeElement).toBe(status));
  });

  it('cancelling the add form gives the focus back to the button that opened it', async () => {
    const user = userEvent.setup();
    render(<Summary id="34022" />);
    await user.click(await screen.findByRole('button', { name: 'Mailadres en protocol toevoegen' }));
    await user.click(screen.getByRole('button', { name: 'Annuleer' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Mailadres en protocol toevoegen' }));
  });

  it('in the lookup too, saving the add form moves the focus to "Bewaard", cancelling back to the button', async () => {
    const user = userEvent.setup();
    render(<LookupView />);
    await user.type(screen.getByLabelText('Gemeente, deelgemeente of postcode'), 'Kortrijk');
    const card = within(await screen.findByRole('article', { name: /^Kortrijk/u }));
    await user.click(card.getByRole('button', { name: 'Mailadres en protocol toevoegen voor OCMW Kortrijk' }));
    await user.click(card.getByRole('button', { name: 'Annuleer' }));
    expect(document.activeElement).toBe(card.getByRole('button', { name: 'Mailadres en protocol toevoegen voor OCMW Kortrijk' }));
    await user.click(card.getByRole('button', { name: 'Mailadres en protocol toevoegen voor OCMW Kortrijk' }));
    await user.type(card.getByLabelText('Mailadres voor aanmeldingen'), 'aanmelding@kortrijk.example');
    await user.type(card.getByLabelText(/^Ingangsdatum/u), '01-01-2025');
    await user.click(card.getByRole('button', { name: 'Bewaar mailadres en protocol' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Bewaard: OCMW Kortrijk → aanmelding@kortrijk.example'));
  });

  it('after adding a phone number for the password call, the focus goes to the line with the number to ring', async () => {
    const user = userEvent.setup();
    render(<Call id="13019" />);
    await user.click(await screen.findByRole('button', { name: 'Telefoonnummer toevoegen' }));
    await user.click(screen.getByRole('button', { name: 'Terug' }));
    // "Terug" gives the focus back to the button; saving moves it to the number.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Telefoonnummer toevoegen' }));
    await user.click(screen.getByRole('button', { name: 'Telefoonnummer toevoegen' }));
    await user.type(screen.getByLabelText('Telefoonnummer van de sociale dienst van OCMW Lille'), '014 88 00 00');
    await user.click(screen.getByRole('button', { name: 'Bewaar nummer' }));
    const line = await screen.findByText('Bel de sociale dienst van OCMW Lille: 014 88 00 00');
    await waitFor(() => expect(document.activeElement).toBe(line));
  });

  it('a team conflict names a mailbox two sources agree on once, with both sources', async () => {
    // The worker added Lille's own mailbox (to give its date); a colleague's file names another one.
    await saveUserAddition('13019', { mailbox: lille, inForceSince: '2025-11-01' });
    const file = exportTeamFile({ '13019': { mailbox: 'andere@lille.example', inForceSince: null, endedOn: null, phone: null, source: null, addedOn: '2026-11-20' } }, { author: null, directoryVersion: '2026-11' });
    const layers = await loadLayers();
    const user = userEvent.setup({ applyAccept: false });
    render(<TeamSection additions={layers.user ?? {}} team={{}} layers={layers} />);
    await user.upload(screen.getByLabelText('Bestand van een collega inlezen'), new File([file], 'mailadressen-dender.json', { type: 'application/json' }));
    const conflict = within((await screen.findByText('Ander mailadres voor OCMW Lille: welk is juist?')).closest('fieldset')!);
    const options = conflict.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent?.trim() ?? '');
    expect(options.filter((label) => label.includes(lille))).toEqual([expect.stringMatching(/^Houd sociale\.dienst@lille\.be \(door jou toegevoegd op \d\d-\d\d-\d{4} en protocol \(gebundeld\)\)$/u)]);
    expect(options).toHaveLength(2);
  });
});

describe('issue 21.13: words that match where the worker is', () => {
  const original = generateReference();
  beforeEach(async () => {
    fakeBrowser.reset();
    await saveRegister([newEntry({ reference: original, createdOn: '2026-11-02', recipientId: '13019', recipientName: 'OCMW Lille', mailbox: lille, team: 'Team Middenkempen' })]);
    await saveSettings({ referrer: { name: 'An Janssens', team: 'Team Middenkempen', phone: '014 00 00 00', email: 'an.janssens@example.org' }, language: 'nl' });
  });
  afterEach(cleanup);

  function panel() {
    const client = panelTransport((message: TabMessage) => {
      if (message.type !== 'draft.make') return undefined;
      const { request } = message;
      const draft = {
        to: [request.to], cc: [], bcc: [], subject: request.subject, body: request.body, attachments: request.fileName ? [request.fileName] : [],
        from: 'worker@kindengezin.be', replyTo: [], followupTo: [],
      };
      return { status: 'filled', draft, tiers: [] };
    });
    render(<PanelApp client={client} tabs={fixedTab()} />);
  }

  it('a mistyped reference sends the worker to the client\'s dossier, where the reference is', async () => {
    const user = userEvent.setup();
    panel();
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    const field = await screen.findByLabelText('Referentie (bv. KG-7F3Q-2M9X)');
    await user.click(field);
    await user.paste(original.slice(0, -1) + (original.endsWith('2') ? '3' : '2'));
    const message = screen.getByText(/tikfout/u).textContent ?? '';
    expect(message).toContain('in het dossier van de cliënt');
    expect(message).not.toMatch(/in je mail/u);
  });

  it("a correction's done step no longer asks to fill in the right details: it says the new file is made", async () => {
    const user = userEvent.setup();
    panel();
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    await user.click(await screen.findByRole('button', { name: `Verbeter: ${original}` }));
    expect(await screen.findByText(/vul de juiste gegevens in/u)).toBeTruthy();
    await user.click(screen.getByLabelText(/^Schriftelijk: de cliënt is geïnformeerd/u));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await clientByEmail(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByText('Concept klaar');
    expect(screen.queryByText(/vul de juiste gegevens in/u)).toBeNull();
    expect(screen.getByText(`Verbetering van ${original} voor OCMW Lille: het nieuwe versleutelde bestand met de juiste gegevens is gemaakt.`)).toBeTruthy();
  });
});
