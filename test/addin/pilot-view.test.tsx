// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PilotSection } from '../../addin/PilotSection';
import { defaultSettings, saveSettings } from '../../lib/settings';
import { FakeOffice, officeErrors } from './fake-office';

// "Test de koppeling" as the worker sees it in the add-in's settings view (issue 22 item 6): ✓/✗ per step with the
// reason, a summary, and the report to copy for IT; the worker's own address from her details when Outlook gives none.

const options = { retryWaitMs: 1, callTimeoutMs: 2_000 };

describe('the add-in\'s pilot check, on screen', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('addresses the test mail to the worker\'s own address from her details, and says all steps worked', async () => {
    await saveSettings({ ...defaultSettings, referrer: { ...defaultSettings.referrer, email: 'jan.peeters@example.org' } });
    const office = new FakeOffice();
    const user = userEvent.setup();
    render(<PilotSection pilot={{ item: office.item, ownAddress: '', host: 'OutlookWebApp 16.0', options }} />);
    await user.click(screen.getByRole('button', { name: 'Test de koppeling' }));
    expect((await screen.findByText(/^De koppeling werkt: alle stappen zijn gelukt/u)).getAttribute('role')).toBe('status');
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items).toHaveLength(11);
    expect(items[2]!.textContent).toBe('✓ gelukt: Aan: jan.peeters@example.org');
    expect(office.state.to.map((entry) => entry.emailAddress)).toEqual(['jan.peeters@example.org']);
    const report = screen.getByLabelText('Verslag van de test').textContent ?? '';
    expect(report.split('\n')[0]).toBe('Veilig Aanmelden – Test de koppeling – OutlookWebApp 16.0');
    expect(report).toContain('✓ Concept opslaan');
    expect(screen.getByRole('button', { name: /Kopieer/u })).toBeTruthy();
  });

  it('prefers the address Outlook gives; a failed step is ✗ with its reason, and the summary counts it', async () => {
    const office = new FakeOffice();
    office.failNext('subject.setAsync', officeErrors.tooLong);
    const user = userEvent.setup();
    render(<PilotSection pilot={{ item: office.item, ownAddress: 'jan.peeters@lille.example', host: '', options }} />);
    await user.click(screen.getByRole('button', { name: 'Test de koppeling' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Niet alles lukte: 2 van 11 stappen mislukt. Kopieer het verslag voor je IT-dienst. Verstuur de testmail niet; verwijder ze zelf.');
    const failed = screen.getAllByRole('listitem').filter((item) => item.textContent?.startsWith('✗'));
    expect(failed.map((item) => item.textContent)).toEqual([
      '✗ mislukt: Onderwerp: Outlook weigert de tekst: ze is te lang. (DataExceedsMaximumSize)',
      '✗ mislukt: Teruglezen: Aan, Cc, Bcc, onderwerp en tekst zoals ingevuld: het onderwerp is anders dan ingevuld',
    ]);
    expect(office.state.to.map((entry) => entry.emailAddress)).toEqual(['jan.peeters@lille.example']);
  });

  it('does not start in a mail that is not empty, and says the mail was not changed', async () => {
    const office = new FakeOffice({ initial: { subject: 'Vraag' } });
    const user = userEvent.setup();
    render(<PilotSection pilot={{ item: office.item, ownAddress: 'jan.peeters@example.org', host: '', options }} />);
    await user.click(screen.getByRole('button', { name: 'Test de koppeling' }));
    expect((await screen.findByRole('alert')).textContent).toBe('De test is niet gestart en de mail is niet gewijzigd.');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(office.state.subject).toBe('Vraag');
  });
});
