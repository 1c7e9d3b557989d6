// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { PanelApp } from '../../components/panel/PanelApp';
import { loadSettings, saveSettings } from '../../lib/settings';
import { fixedTab, panelTransport } from '../support/panel-transport';

// Issue 21.11: where IT sets a team list, the options page and "Aan de slag" offer exactly those names; otherwise
// a typed team is written in the one pattern. "Aan de slag" asks the work e-mail and says "Bewaard".
const teams = ['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen'];

describe('the team, as the organisation sets it', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('options page: a choice of exactly the policy\'s names, stored as chosen', async () => {
    await fakeBrowser.storage.managed.set({ teams: ['Team Kind en Gezin Dender', 'Kind en Gezin team Middenkempen'] });
    const user = userEvent.setup();
    render(<OptionsApp />);
    const referrer = within(await screen.findByRole('region', { name: 'Jouw gegevens als aanmelder' }));
    const team = await waitFor(() => {
      const field = referrer.getByLabelText('Team');
      expect(field.tagName).toBe('SELECT');
      return field as HTMLSelectElement;
    });
    expect([...team.options].map((option) => option.value)).toEqual(['', ...teams]);
    expect(referrer.getByText('Kies je team uit de lijst van je organisatie.')).toBeTruthy();
    await user.type(referrer.getByLabelText('Naam'), 'An Janssens');
    await user.selectOptions(team, 'Kind en Gezin – Middenkempen');
    await user.click(referrer.getByRole('button', { name: 'Bewaar' }));
    expect(await referrer.findByText('Instellingen bewaard.')).toBeTruthy();
    expect((await loadSettings()).referrer.team).toBe('Kind en Gezin – Middenkempen');
    // The policy names no recipient: nothing about it is called wrong.
    expect(screen.queryByRole('region', { name: 'Ingesteld door je organisatie' })).toBeNull();
  });

  it("options page: the worker's team fixed by policy replaces what was stored", async () => {
    await saveSettings({ ...(await loadSettings()), referrer: { name: 'An Janssens', team: 'Team Middenkempen', phone: '014 00 00 00', email: '' } });
    await fakeBrowser.storage.managed.set({ teams, referrerTeam: 'Kind en Gezin – Dender' });
    const user = userEvent.setup();
    render(<OptionsApp />);
    const referrer = within(await screen.findByRole('region', { name: 'Jouw gegevens als aanmelder' }));
    await waitFor(() => expect((referrer.getByLabelText('Team') as HTMLInputElement).value).toBe('Kind en Gezin – Dender'));
    expect((referrer.getByLabelText('Team') as HTMLInputElement).readOnly).toBe(true);
    expect(referrer.getByText('Ingesteld door je organisatie.')).toBeTruthy();
    await user.click(referrer.getByRole('button', { name: 'Bewaar' }));
    expect(await referrer.findByText('Instellingen bewaard.')).toBeTruthy();
    expect((await loadSettings()).referrer.team).toBe('Kind en Gezin – Dender');
  });

  it('options page without a policy: the directory\'s teams suggested in the one pattern, a typed variant stored that way', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    const referrer = within(await screen.findByRole('region', { name: 'Jouw gegevens als aanmelder' }));
    const field = referrer.getByLabelText('Team') as HTMLInputElement;
    const suggestions = [...(document.getElementById(field.getAttribute('list') ?? '')?.querySelectorAll('option') ?? [])].map((option) => option.value);
    expect(suggestions).toEqual(['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen', 'Kind en Gezin – West-Limburg', 'Kind en Gezin – Zuiderkempen']);
    await user.type(referrer.getByLabelText('Naam'), 'An Janssens');
    await user.type(field, 'lokaal team Kind en Gezin Zuiderkempen');
    await user.click(referrer.getByRole('button', { name: 'Bewaar' }));
    expect(await referrer.findByText('Instellingen bewaard.')).toBeTruthy();
    expect((await loadSettings()).referrer.team).toBe('Kind en Gezin – Zuiderkempen');
  });

  it('"Aan de slag" in the panel: the policy\'s list, the work e-mail asked, and "Bewaard" once saved', async () => {
    await fakeBrowser.storage.managed.set({ teams });
    const user = userEvent.setup();
    render(<PanelApp client={panelTransport(() => undefined)} tabs={fixedTab()} />);
    await user.click(await screen.findByRole('button', { name: 'Vul ze hier in' }));
    const card = within(screen.getByRole('region', { name: 'Aan de slag' }));
    await user.type(card.getByLabelText('Naam'), 'An Janssens');
    const team = await waitFor(() => {
      const field = card.getByLabelText('Team');
      expect(field.tagName).toBe('SELECT');
      return field as HTMLSelectElement;
    });
    expect([...team.options].map((option) => option.value)).toEqual(['', ...teams]);
    await user.selectOptions(team, 'Kind en Gezin – Dender');
    await user.type(card.getByLabelText('Telefoon'), '014 00 00 00');
    // A bad address is refused next to the field; nothing is saved.
    await user.type(card.getByLabelText('E-mailadres'), 'an.janssens');
    await user.click(card.getByRole('button', { name: 'Bewaar en ga verder' }));
    expect(card.getByLabelText('E-mailadres').getAttribute('aria-invalid')).toBe('true');
    expect((await loadSettings()).referrer.name).toBe('');
    await user.type(card.getByLabelText('E-mailadres'), '@example.org');
    await user.click(card.getByRole('button', { name: 'Bewaar en ga verder' }));
    const saved = await screen.findByText(/^Bewaard\./u);
    expect(saved.getAttribute('role')).toBe('status');
    expect(screen.queryByRole('region', { name: 'Aan de slag' })).toBeNull();
    expect((await loadSettings()).referrer).toEqual({ name: 'An Janssens', team: 'Kind en Gezin – Dender', phone: '014 00 00 00', email: 'an.janssens@example.org' });
    // The warning is gone for good: the settings reached the panel, and "Bewaard" stays said.
    expect(screen.queryByText(/^Je naam en telefoonnummer ontbreken nog/u)).toBeNull();
    expect(screen.getByText(/^Bewaard\./u)).toBeTruthy();
  });
});
