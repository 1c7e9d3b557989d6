// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { setLocale } from '../../lib/i18n';
import { loadLayers } from '../../lib/directory/storage';

describe('the options page', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('adds a mailbox for a municipality, shows it as added by the user, and removes it', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    await user.type(screen.getByLabelText('Gemeente of postcode'), 'Etterbeek');
    await user.selectOptions(screen.getByLabelText('Ontvanger'), 'caw-brussel');
    await user.type(screen.getByLabelText('Mailadres voor aanmeldingen'), 'aanmelding@caw.example');
    await user.click(within(screen.getByRole('region', { name: 'Eigen mailadressen' })).getByRole('button', { name: 'Bewaar' }));
    expect(await screen.findByText('Bewaard: CAW Brussel → aanmelding@caw.example')).toBeTruthy();
    expect((await loadLayers()).user).toEqual({ 'caw-brussel': { mailbox: 'aanmelding@caw.example', addedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u) } });
    expect(await screen.findByText(/Door u toegevoegd op/u)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Verwijder CAW Brussel' }));
    expect(await screen.findByText('Je hebt nog geen eigen mailadressen toegevoegd.')).toBeTruthy();
    expect((await loadLayers()).user).toEqual({});
  });

  it('refuses a bad mailbox next to the field and keeps what was typed', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    const additions = within(screen.getByRole('region', { name: 'Eigen mailadressen' }));
    await user.click(additions.getByRole('button', { name: 'Bewaar' }));
    expect(screen.getByText('Kies een gemeente uit de lijst.')).toBeTruthy();
    await user.type(screen.getByLabelText('Gemeente of postcode'), '2000');
    await user.selectOptions(screen.getByLabelText('Ontvanger'), '11002');
    const mailbox = screen.getByLabelText('Mailadres voor aanmeldingen') as HTMLInputElement;
    await user.type(mailbox, 'sociale dienst antwerpen');
    await user.click(additions.getByRole('button', { name: 'Bewaar' }));
    const error = screen.getByText('Geen geldig e-mailadres. Typ bijvoorbeeld naam@voorbeeld.be.');
    expect(mailbox.getAttribute('aria-describedby')).toBe(error.id);
    expect(mailbox.value).toBe('sociale dienst antwerpen');
    expect((await loadLayers()).user).toEqual({});
  });

  it('shows the Statbel and bpost attribution', () => {
    render(<OptionsApp />);
    expect(screen.getByText(/Bron: Statbel \(Algemene Directie Statistiek – Statistics Belgium\), gewijzigd; CC BY 4\.0/u)).toBeTruthy();
    expect(screen.getByText(/bpost/u)).toBeTruthy();
  });

  it('warns when the managed configuration is invalid', async () => {
    await fakeBrowser.storage.managed.set({ recipients: { '13019': { mailbox: 'x' } } });
    render(<OptionsApp />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/IT-dienst/u);
  });
});

describe('the options page: referrer, language, register', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    cleanup();
    setLocale('nl');
  });

  it("saves the referrer's details and switches the language", async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Jouw gegevens als aanmelder' }));
    await user.type(section.getByLabelText('Naam'), 'An Janssens');
    await user.type(section.getByLabelText('E-mailadres'), 'geen adres');
    await user.click(section.getByRole('button', { name: 'Bewaar' }));
    expect(section.getByText('Geen geldig e-mailadres. Typ bijvoorbeeld naam@voorbeeld.be.')).toBeTruthy();
    expect((section.getByLabelText('Naam') as HTMLInputElement).value).toBe('An Janssens');
    await user.clear(section.getByLabelText('E-mailadres'));
    await user.type(section.getByLabelText('E-mailadres'), 'an.janssens@example.org');
    await user.selectOptions(section.getByLabelText('Taal van de extensie'), 'fr');
    await user.click(section.getByRole('button', { name: 'Bewaar' }));
    expect(await screen.findByRole('heading', { name: 'Signalement sécurisé – Paramètres' })).toBeTruthy();
    const { loadSettings } = await import('../../lib/settings');
    expect(await loadSettings()).toEqual({ referrer: { name: 'An Janssens', team: '', phone: '', email: 'an.janssens@example.org' }, language: 'fr' });
  });

  it('says plainly what is stored and what never', () => {
    render(<OptionsApp />);
    expect(screen.getByText(/Nooit bewaard: namen, adressen, telefoonnummers of e-mailadressen van cliënten/u)).toBeTruthy();
  });

  it('refuses to import a file that is not a register, changing nothing', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Register en jaarlijkse evaluatie' }));
    await user.upload(section.getByLabelText('Importeer een register'), new File(['{"x":1}'], 'register.json', { type: 'application/json' }));
    expect(await section.findByText('Dit bestand is geen register van Veilig Aanmelden. Er is niets veranderd.')).toBeTruthy();
  });
});
