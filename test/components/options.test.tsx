// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
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
    await user.click(screen.getByRole('button', { name: 'Bewaar' }));
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
    await user.click(screen.getByRole('button', { name: 'Bewaar' }));
    expect(screen.getByText('Kies een gemeente uit de lijst.')).toBeTruthy();
    await user.type(screen.getByLabelText('Gemeente of postcode'), '2000');
    await user.selectOptions(screen.getByLabelText('Ontvanger'), '11002');
    const mailbox = screen.getByLabelText('Mailadres voor aanmeldingen') as HTMLInputElement;
    await user.type(mailbox, 'sociale dienst antwerpen');
    await user.click(screen.getByRole('button', { name: 'Bewaar' }));
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
