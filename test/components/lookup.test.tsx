// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LookupView } from '../../components/lookup/LookupView';
import { saveUserAddition } from '../../lib/directory/storage';

describe('the popup lookup', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  async function search(text: string) {
    const user = userEvent.setup();
    render(<LookupView />);
    const input = screen.getByLabelText('Gemeente, deelgemeente of postcode');
    expect(input).toBe(document.activeElement);
    await user.type(input, text);
    return user;
  }

  it('finds Lille by postcode with its mailbox, source, protocol and contacts', async () => {
    await search('2275');
    const card = screen.getByRole('article', { name: /Lille/u });
    expect(within(card).getByText('OCMW Lille')).toBeTruthy();
    expect(within(card).getByText('sociale.dienst@lille.be')).toBeTruthy();
    expect(within(card).getByText(/^Mailadres en datum: protocol \(gebundeld\)\. Bron: Gegevensdelingsprotocol/u)).toBeTruthy();
    expect(within(card).getByText('Gierle, Lille, Poederlee, Wechelderzande')).toBeTruthy();
    expect(within(card).getByText('Protocol van kracht sinds 01-11-2025')).toBeTruthy();
    expect(within(card).getByText('informatieveiligheid@iok.be')).toBeTruthy();
    expect(within(card).getByText('dpo@opgroeien.be')).toBeTruthy();
    expect(screen.getByText('1 resultaat').getAttribute('role')).toBe('status');
  });

  it('copies the mailbox with one keyboard-reachable button and says so', async () => {
    const user = await search('Gierle');
    const card = screen.getByRole('article', { name: /Lille/u });
    expect(within(card).getByText('Gierle hoort bij Lille')).toBeTruthy();
    const button = within(card).getByRole('button', { name: 'Kopieer sociale.dienst@lille.be' });
    button.focus();
    await user.keyboard('{Enter}');
    expect(await navigator.clipboard.readText()).toBe('sociale.dienst@lille.be');
    expect(within(card).getByText('Gekopieerd')).toBeTruthy();
  });

  it('says plainly when no mailbox is known, and that Brussels goes to CAW Brussel', async () => {
    await search('Ixelles');
    const card = screen.getByRole('article', { name: /Elsene/u });
    expect(within(card).getByText('CAW Brussel')).toBeTruthy();
    expect(within(card).getAllByText(/geen mailadres bekend/iu)).toHaveLength(1);
    expect(within(card).getByText(/Aanmelden kan pas met een mailadres en een protocol dat van kracht is/u)).toBeTruthy();
  });

  it('answers a Walloon postcode with the reason, not a guess', async () => {
    await search('4000');
    expect(screen.getByText(/Postcode 4000 ligt buiten Vlaanderen en Brussel/u)).toBeTruthy();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
  });

  it('finds a former municipality and says when nothing matches', async () => {
    const user = await search('Kortessem');
    expect(screen.getByRole('article', { name: /Hasselt/u })).toBeTruthy();
    const input = screen.getByLabelText('Gemeente, deelgemeente of postcode');
    await user.clear(input);
    await user.type(input, 'Atlantis');
    expect(screen.getByText('Niets gevonden voor „Atlantis”. Probeer de postcode.')).toBeTruthy();
  });

  it("shows the user's own mailbox as added by them", async () => {
    await saveUserAddition('caw-brussel', { mailbox: 'aanmelding@caw.example', inForceSince: '2026-01-05' }, '2026-11-20');
    await search('1050');
    expect(await screen.findByText('aanmelding@caw.example')).toBeTruthy();
    expect(screen.getByText('Mailadres en datum: door jou toegevoegd op 20-11-2026.')).toBeTruthy();
  });

  it.each([
    ['2275 Gierle', /Lille/u, 'Gierle'],
    ['Kortrijk 8500', /Kortrijk/u, 'Kortrijk'],
    ['lile', /Lille/u, null],
    ['Gierl', /Lille/u, null],
  ])('understands "%s"', async (query, card, place) => {
    await search(query);
    const article = screen.getByRole('article', { name: card });
    if (place) expect(within(article).getByRole('heading').textContent).toContain(place);
  });

  it.each([['Liège', 'Liège'], ['Luik', 'Luik'], ['Namur', 'Namur']])('says that %s lies outside Flanders and Brussels', async (query, name) => {
    await search(query);
    expect(screen.getByText(new RegExp(`^${name} ligt buiten Vlaanderen en Brussel \\(postcode \\d{4}\\)`, 'u'))).toBeTruthy();
    expect(screen.queryByText(/Niets gevonden/u)).toBeNull();
  });

  it('adds a mailbox and protocol date right on the card; the card follows at once', async () => {
    const user = await search('3980');
    const card = screen.getByRole('article', { name: /Tessenderlo-Ham/u });
    expect(within(card).getByText(/voeg de ingangsdatum toe/u)).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Mailadres en protocol toevoegen voor OCMW Tessenderlo-Ham' }));
    await user.type(within(card).getByLabelText('Ingangsdatum van het protocol'), '01-02-2026');
    await user.click(within(card).getByRole('button', { name: 'Bewaar mailadres en protocol' }));
    expect(await within(card).findByText('Protocol van kracht sinds 01-02-2026')).toBeTruthy();
    expect(within(card).getByText('Mailadres en datum: door jou toegevoegd op ' + new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date()).replace(/\//gu, '-') + '.')).toBeTruthy();
  });
});
