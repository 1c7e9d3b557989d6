// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelApp } from '../../components/panel/PanelApp';
import { fromBase64, type DraftRequestMessage, type TabMessage } from '../../lib/messages';
import { generateReference } from '../../lib/referral';
import { t } from '../../lib/i18n';
import { newEntry } from '../../lib/register/register';
import { loadRegister, saveRegister } from '../../lib/register/storage';
import { saveSettings } from '../../lib/settings';
import { clientByEmail } from '../support/panel-flow';
import { fixedTab, panelTransport } from '../support/panel-transport';
import { readZip } from '../support/zip';

function transport() {
  const sent: DraftRequestMessage[] = [];
  const client = panelTransport((message: TabMessage) => {
    if (message.type === 'tab.describe') return undefined;
    if (message.type !== 'draft.make') return undefined;
    sent.push(message.request);
    const { request } = message;
    const draft = {
      to: [request.to], cc: [], bcc: [], subject: request.subject, body: request.body, attachments: request.fileName ? [request.fileName] : [],
      from: 'worker@kindengezin.be', replyTo: [], followupTo: [],
    };
    return { status: 'filled', draft, tiers: [] };
  });
  return { panel: <PanelApp client={client} tabs={fixedTab()} />, sent };
}

const original = generateReference();
const entry = newEntry({
  reference: original, createdOn: '2026-11-02', recipientId: '13019', recipientName: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be', team: 'Team Middenkempen',
});

/** The reference with its last character changed: the check character catches it. */
const mistype = (reference: string) => reference.slice(0, -1) + (reference.endsWith('2') ? '3' : '2');

describe('the panel and the register', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await saveRegister([entry]);
    await saveSettings({ referrer: { name: 'An Janssens', team: 'Team Middenkempen', phone: '014 00 00 00', email: 'an.janssens@example.org' }, language: 'nl' });
  });
  afterEach(cleanup);

  it('withdraws a referral from the register: a draft to the same mailbox, only the reference, and the register notes it', async () => {
    const user = userEvent.setup();
    const { panel, sent } = transport();
    render(panel);
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    expect(await screen.findByText('concept klaar')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: `Trek in: ${original}` }));
    await user.click(screen.getByRole('button', { name: 'Maak concept van de intrekking' }));
    expect(await screen.findByText(/Het concept van de intrekking staat klaar/u)).toBeTruthy();
    // The answer to the click takes the focus (issue 21.4).
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Intrekking klaar' }));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({ to: 'sociale.dienst@lille.be', subject: `Intrekking toestemming – ${original}`, body: expect.stringContaining(`referentie ${original}, aangemaakt op 02-11-2026`) });
    expect(sent[0]!.body).toContain('An Janssens');
    expect(sent[0]!.fileName).toBeUndefined();
    // The same read-back as a referral's (issue 21.13).
    expect(screen.getByText('Aan').nextElementSibling?.textContent).toBe('sociale.dienst@lille.be');
    // A draft is not a withdrawal: the register notes it only once the worker says it was sent (issue 21.3).
    expect((await loadRegister())[0]).toMatchObject({ reference: original, status: 'concept', withdrawnOn: null });
    await user.click(screen.getByRole('button', { name: 'Ja, verstuurd' }));
    expect(await screen.findByText('Genoteerd in je register als ingetrokken.')).toBeTruthy();
    const register = await loadRegister();
    expect(register[0]).toMatchObject({ reference: original, status: 'ingetrokken', withdrawnOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u) });
  });

  it('checks a withdrawal again against the sender of its first read-back, and says what became of the reply on screen', async () => {
    const user = userEvent.setup();
    const reads: TabMessage['type'][] = [];
    const draftOf = (request: DraftRequestMessage, cc: string[], from: string) => ({
      to: [request.to], cc, bcc: [], subject: request.subject, body: request.body, attachments: [], from, replyTo: [], followupTo: [],
    });
    let made: DraftRequestMessage | null = null;
    const client = panelTransport((message: TabMessage) => {
      if (message.type === 'draft.make') {
        made = message.request;
        // A Cc the worker must take away, and the open reply the compose replaced, saved first.
        const displaced = { kind: 'reply', savedAs: 'draft', heldOurZip: false } as const;
        return { status: 'filled', draft: draftOf(message.request, ['collega@example.org'], 'worker@kindengezin.be'), tiers: [], displaced };
      }
      if (message.type === 'draft.read' && made) {
        reads.push(message.type);
        // The Cc is gone, but the page switched the sender meanwhile.
        return { ok: true, draft: draftOf(made, [], 'iemand@elders.example') };
      }
      return undefined;
    });
    render(<PanelApp client={client} tabs={fixedTab()} />);
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    await user.click(await screen.findByRole('button', { name: `Trek in: ${original}` }));
    await user.click(screen.getByRole('button', { name: 'Maak concept van de intrekking' }));
    expect(await screen.findByText(/In Cc staat: collega@example.org/u)).toBeTruthy();
    expect(screen.getByText('Je open antwoord is gesloten en eerst bewaard in Concepten.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Controleer opnieuw' }));
    expect(await screen.findByText(/Afzender is iemand@elders.example in plaats van worker@kindengezin.be/u)).toBeTruthy();
    expect(reads).toEqual(['draft.read']);
    expect(screen.queryByText(/In Cc staat/u)).toBeNull();
    expect(screen.queryByText(/Het concept van de intrekking staat klaar/u)).toBeNull();
  });

  it('withdraws by a typed reference for a referral made elsewhere, refusing a mistyped code', async () => {
    const user = userEvent.setup();
    const { panel, sent } = transport();
    render(panel);
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    const elsewhere = generateReference();
    const field = await screen.findByLabelText('Referentie (bv. KG-7F3Q-2M9X)');
    await user.type(field, mistype(elsewhere));
    expect(screen.getByText(t('register_typo'))).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByLabelText('Postcode of gemeente van de ontvanger')).toBeNull();
    await user.clear(field);
    await user.type(field, elsewhere.toLowerCase().replace(/-/gu, ' '));
    expect(screen.getByText(t('register_notFound', [elsewhere]))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Verder naar intrekking' }));
    expect(screen.getByText(t('register_noRecipient'))).toBeTruthy();
    await user.type(screen.getByLabelText('Postcode of gemeente van de ontvanger'), '2275');
    await user.click(screen.getByRole('button', { name: 'Verder naar intrekking' }));
    await user.click(screen.getByRole('button', { name: 'Maak concept van de intrekking' }));
    await screen.findByText(/Het concept van de intrekking staat klaar/u);
    expect(sent[0]).toMatchObject({ to: 'sociale.dienst@lille.be', subject: `Intrekking toestemming – ${elsewhere}` });
    // Without a known date the notice names none (no "op --" or "op undefined").
    expect(sent[0]!.body).not.toMatch(/undefined|\bop\s*(?:--|,)/u);
    // Not in this register, so the register is left as it was.
    expect(await loadRegister()).toEqual([entry]);
  });

  it('corrects a referral: same recipient, new encrypted file naming the original, and the register links both', async () => {
    const user = userEvent.setup();
    const { panel, sent } = transport();
    render(panel);
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    await user.click(await screen.findByRole('button', { name: `Verbeter: ${original}` }));
    expect(await screen.findByText(new RegExp(`Verbetering van ${original} voor OCMW Lille`, 'u'))).toBeTruthy();
    await user.click(screen.getByLabelText(/^Schriftelijk: de cliënt is geïnformeerd/u));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await clientByEmail(user);
    const password = screen.getByLabelText('Wachtwoord om door te geven').textContent ?? '';
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByText('Concept klaar');
    // The banner now says the new file is made, not "vul de juiste gegevens in" (issue 21.13).
    expect(screen.getByText(new RegExp(`^Verbetering van ${original} voor OCMW Lille: het nieuwe versleutelde bestand`, 'u'))).toBeTruthy();
    expect(screen.queryByText(/vul de juiste gegevens in/u)).toBeNull();
    const request = sent[0]!;
    const reference = /KG-[2-9A-Z]{4}-[2-9A-Z]{4}/u.exec(request.subject)![0];
    expect(request.subject).toBe(`Verbetering aanmelding Kind en Gezin – ${reference} (vervangt ${original})`);
    expect(request.to).toBe('sociale.dienst@lille.be');
    const json = JSON.parse((await readZip(fromBase64(request.zipBase64!), password))['aanmelding.json']!);
    expect(json).toMatchObject({ reference, corrects: original, referrer: { name: 'An Janssens', team: 'Team Middenkempen' } });
    expect(json.client).toEqual({ firstName: 'Jan', lastName: 'Peeters', email: 'jan.peeters@example.org' });
    const register = await loadRegister();
    expect(register.find((item) => item.reference === original)).toMatchObject({ status: 'verbeterd', correctedBy: reference });
    expect(register.find((item) => item.reference === reference)).toMatchObject({ status: 'concept', corrects: original });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(/Peeters|jan\.peeters/u);
  });

  it('a correction goes only to the directory\'s current mailbox: a mailbox stored in the register (an imported file) is never used', async () => {
    // The review: a register file named ocmw.antwerpen@evil.example for Antwerpen, which has no known mailbox.
    const planted = generateReference();
    await saveRegister([
      entry,
      newEntry({ reference: planted, createdOn: '2026-11-03', recipientId: '11002', recipientName: 'OCMW Antwerpen', mailbox: 'ocmw.antwerpen@evil.example', team: 'Team X' }),
    ]);
    const user = userEvent.setup();
    const { panel, sent } = transport();
    render(panel);
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    await user.click(await screen.findByRole('button', { name: `Verbeter: ${planted}` }));
    await user.click(await screen.findByLabelText(/^Mondeling: de cliënt is geïnformeerd/u));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await user.type(screen.getByLabelText('Voornaam'), 'Jan');
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    await user.type(screen.getByLabelText('E-mailadres'), 'jan.peeters@example.org');
    await user.type(screen.getByLabelText('Postcode'), '2000');
    // Whatever the panel lets the worker tick (before issue 12 an acknowledgement let an unknown protocol through).
    const acknowledgement = screen.queryByLabelText(/nagevraagd/u);
    if (acknowledgement) await user.click(acknowledgement);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    // Antwerpen has no mailbox in the directory: the correction stops here, and nothing names the planted address.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gegevens van de cliënt');
    expect(document.body.textContent).not.toContain('evil.example');
    expect(screen.queryByRole('heading', { name: 'Concept klaar' })).toBeNull();
    expect(sent).toEqual([]);
  });
});

// Issue 14 items 3 and 9: find by reference, mark sent or not sent, remove what never went out.
describe('the register view', () => {
  const second = newEntry({
    reference: generateReference(), createdOn: '2026-11-05', recipientId: 'caw-brussel', recipientName: 'CAW Brussel', mailbox: 'aanmelding@caw.example', team: 'Team Middenkempen',
  });
  const today = /^\d{4}-\d{2}-\d{2}$/u;
  const dutchDate = (iso: string) => iso.split('-').reverse().join('-');

  beforeEach(async () => {
    fakeBrowser.reset();
    await saveRegister([entry, second]);
    await saveSettings({ referrer: { name: 'An Janssens', team: 'Team Middenkempen', phone: '014 00 00 00', email: 'an.janssens@example.org' }, language: 'nl' });
  });
  afterEach(cleanup);

  async function openRegister() {
    const user = userEvent.setup();
    render(transport().panel);
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    await screen.findByText(second.reference);
    return user;
  }
  const items = () => screen.getAllByRole('listitem').map((item) => item.textContent ?? '');

  it('finds an entry by its pasted reference and shows its date, recipient and status; a typo is named, not searched', async () => {
    const user = await openRegister();
    expect(items()).toHaveLength(2);
    const field = screen.getByLabelText('Referentie (bv. KG-7F3Q-2M9X)');
    await user.click(field);
    await user.paste(mistype(original));
    expect(screen.getByText(t('register_typo'))).toBeTruthy();
    expect(items()).toHaveLength(2);
    await user.clear(field);
    await user.paste(`${original.slice(0, -1)}0`);
    expect(screen.getByText(t('register_badChar', ['0']))).toBeTruthy();
    await user.clear(field);
    await user.paste(` ${original.toLowerCase()} `);
    expect(screen.queryByText(t('register_typo'))).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(`${original} gevonden in het register.`);
    expect(items()).toEqual([expect.stringContaining(`${original} · 02-11-2026 · OCMW Lille`)]);
    expect(items()[0]).toContain('concept klaar');
    await user.click(screen.getByRole('button', { name: 'Toon alle aanmeldingen' }));
    expect(items()).toHaveLength(2);
    // Typed character by character and searched with the button: the same result.
    await user.type(field, second.reference.slice(0, 6));
    expect(screen.queryByText(t('register_badReference'))).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Zoek' }));
    expect(screen.getByText(t('register_badReference'))).toBeTruthy();
    await user.type(field, second.reference.slice(6));
    expect(items()).toEqual([expect.stringContaining(`${second.reference} · 05-11-2026 · CAW Brussel`)]);
  });

  it('marks one referral sent and another not sent, each with the date, and offers only what then remains', async () => {
    const user = await openRegister();
    await user.click(screen.getByRole('button', { name: `Markeer als verzonden: ${original}` }));
    await screen.findByText(/^verzonden op /u);
    let register = await loadRegister();
    expect(register[0]).toMatchObject({ reference: original, status: 'verzonden', sentOn: expect.stringMatching(today) });
    expect(screen.getByText(`verzonden op ${dutchDate(register[0]!.sentOn!)}`)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(`Bewaard: ${original} is nu verzonden op ${dutchDate(register[0]!.sentOn!)}.`);
    expect(screen.queryByRole('button', { name: `Markeer als niet verzonden: ${original}` })).toBeNull();
    expect(screen.queryByRole('button', { name: `Verwijder uit register: ${original}` })).toBeNull();
    expect(screen.getByRole('button', { name: `Trek in: ${original}` })).toBeTruthy();
    expect(screen.getByRole('button', { name: `Verbeter: ${original}` })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: `Markeer als niet verzonden: ${second.reference}` }));
    await screen.findByText(/^niet verzonden \(aangeduid op /u);
    register = await loadRegister();
    expect(register[1]).toMatchObject({ reference: second.reference, status: 'niet_verzonden', notSentOn: expect.stringMatching(today) });
    // Not sent: no withdrawal or correction, but it can still turn out sent, or be removed.
    expect(screen.queryByRole('button', { name: `Trek in: ${second.reference}` })).toBeNull();
    expect(screen.queryByRole('button', { name: `Verbeter: ${second.reference}` })).toBeNull();
    expect(screen.getByRole('button', { name: `Markeer als verzonden: ${second.reference}` })).toBeTruthy();
    expect(screen.getByRole('button', { name: `Verwijder uit register: ${second.reference}` })).toBeTruthy();
  });

  it('removes an entry that was never sent only after a confirmation, and never a sent one', async () => {
    const user = await openRegister();
    await user.click(screen.getByRole('button', { name: `Verwijder uit register: ${second.reference}` }));
    const confirmation = screen.getByRole('group', { name: `Verwijder uit register: ${second.reference}` });
    expect(confirmation.textContent).toContain(t('register_removeConfirm', [second.reference]));
    expect(await loadRegister()).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Annuleer' }));
    expect(screen.queryByRole('group')).toBeNull();
    expect(await loadRegister()).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: `Verwijder uit register: ${second.reference}` }));
    await user.click(screen.getByRole('button', { name: `Ja, verwijder ${second.reference}` }));
    await screen.findByText(`${second.reference} is uit het register verwijderd.`);
    expect(await loadRegister()).toEqual([entry]);
    expect(items()).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: `Markeer als verzonden: ${original}` }));
    await screen.findByText(/^verzonden op /u);
    expect(screen.queryByRole('button', { name: /^Verwijder uit register/u })).toBeNull();
  });

  it('shows that a referral was closed with a warning standing', async () => {
    await saveRegister([{ ...entry, closedWithWarning: true }, second]);
    await openRegister();
    expect(screen.getAllByText(t('register_closedWithWarning'))).toHaveLength(1);
  });
});

