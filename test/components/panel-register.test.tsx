// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelApp } from '../../components/panel/PanelApp';
import { fromBase64, type DraftRequestMessage, type TabMessage } from '../../lib/messages';
import { generateReference } from '../../lib/referral';
import { newEntry } from '../../lib/register/register';
import { loadRegister, saveRegister } from '../../lib/register/storage';
import { saveSettings } from '../../lib/settings';
import { fixedTab, panelTransport } from '../support/panel-transport';
import { readZip } from '../support/zip';

function transport() {
  const sent: DraftRequestMessage[] = [];
  const client = panelTransport((message: TabMessage) => {
    if (message.type === 'tab.describe') return undefined;
    if (message.type !== 'draft.make') return undefined;
    sent.push(message.request);
    const { request } = message;
    const draft = { to: [request.to], cc: [], bcc: [], subject: request.subject, body: request.body, attachments: request.fileName ? [request.fileName] : [] };
    return { status: 'filled', draft, tiers: [] };
  });
  return { panel: <PanelApp client={client} tabs={fixedTab()} />, sent };
}

const original = generateReference();
const entry = newEntry({
  reference: original, createdOn: '2026-11-02', recipientId: '13019', recipientName: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be', team: 'Team Middenkempen',
});

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
    expect(await screen.findByText('concept gemaakt')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: `Trek in: ${original}` }));
    await user.click(screen.getByRole('button', { name: 'Maak concept van de intrekking' }));
    expect(await screen.findByText(/Het concept van de intrekking staat klaar/u)).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({ to: 'sociale.dienst@lille.be', subject: `Intrekking toestemming – ${original}`, body: expect.stringContaining(`referentie ${original}, die wij op 02-11-2026`) });
    expect(sent[0]!.body).toContain('An Janssens');
    expect(sent[0]!.fileName).toBeUndefined();
    const register = await loadRegister();
    expect(register[0]).toMatchObject({ reference: original, status: 'ingetrokken', withdrawnOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u) });
  });

  it('withdraws by a typed reference for a referral made elsewhere, refusing a mistyped code', async () => {
    const user = userEvent.setup();
    const { panel, sent } = transport();
    render(panel);
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    const typedReference = original.slice(0, -1) + (original.endsWith('2') ? '3' : '2');
    await user.type(screen.getByLabelText('Referentie (bv. KG-7F3Q-2M9X)'), typedReference);
    await user.type(screen.getByLabelText('Postcode of gemeente van de ontvanger'), '2275');
    await user.click(screen.getByRole('button', { name: 'Verder naar intrekking' }));
    expect(screen.getByText(/Geen geldige referentie/u)).toBeTruthy();
    await user.clear(screen.getByLabelText('Referentie (bv. KG-7F3Q-2M9X)'));
    await user.type(screen.getByLabelText('Referentie (bv. KG-7F3Q-2M9X)'), original.toLowerCase().replace(/-/gu, ' '));
    await user.click(screen.getByRole('button', { name: 'Verder naar intrekking' }));
    await user.click(screen.getByRole('button', { name: 'Maak concept van de intrekking' }));
    await screen.findByText(/Het concept van de intrekking staat klaar/u);
    expect(sent[0]).toMatchObject({ to: 'sociale.dienst@lille.be', subject: `Intrekking toestemming – ${original}` });
    expect(sent[0]!.body).not.toContain('die wij op');
  });

  it('corrects a referral: same recipient, new encrypted file naming the original, and the register links both', async () => {
    const user = userEvent.setup();
    const { panel, sent } = transport();
    render(panel);
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    await user.click(await screen.findByRole('button', { name: `Verbeter: ${original}` }));
    expect(await screen.findByText(new RegExp(`Verbetering van ${original} voor OCMW Lille`, 'u'))).toBeTruthy();
    await user.click(screen.getByLabelText(/De cliënt is geïnformeerd/u));
    await user.click(screen.getByLabelText('De cliënt gaf toestemming voor deze aanmelding.'));
    await user.click(screen.getByLabelText('Schriftelijk'));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await user.type(screen.getByLabelText('Voornaam'), 'Jan');
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    await user.type(screen.getByLabelText('E-mailadres'), 'jan.peeters@example.org');
    await user.type(screen.getByLabelText(/Postcode van de woonplaats/u), '2275');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    const password = screen.getByLabelText('Wachtwoord om door te geven').textContent ?? '';
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByText('Concept klaar');
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
    await user.click(await screen.findByLabelText(/De cliënt is geïnformeerd/u));
    await user.click(screen.getByLabelText('De cliënt gaf toestemming voor deze aanmelding.'));
    await user.click(screen.getByLabelText('Mondeling'));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await user.type(screen.getByLabelText('Voornaam'), 'Jan');
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    await user.type(screen.getByLabelText('E-mailadres'), 'jan.peeters@example.org');
    await user.type(screen.getByLabelText(/Postcode van de woonplaats/u), '2000');
    // Whatever the panel lets the worker tick (before issue 12 an acknowledgement let an unknown protocol through).
    const acknowledgement = screen.queryByLabelText(/nagevraagd/u);
    if (acknowledgement) await user.click(acknowledgement);
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    // Antwerpen has no mailbox in the directory: the correction stops here, and nothing names the planted address.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gegevens van de cliënt');
    expect(document.body.textContent).not.toContain('evil.example');
    expect(screen.queryByRole('button', { name: 'Maak concept' })).toBeNull();
    expect(sent).toEqual([]);
  });
});
