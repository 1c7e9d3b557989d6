// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { isGeneratedKey } from '../../lib/directory/key-strength';

// Issue 20 item 3 in the options page: "Voor IT" makes the keys, and a key made of words is named per entry.
describe('pre-shared keys in the options page', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('"Voor IT" makes a key in its one written form; the table takes it as is and refuses a key made of words by row', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    const section = within(screen.getByRole('region', { name: 'Voor IT' }));
    await user.click(section.getByRole('button', { name: 'Maak een sleutel' }));
    const key = section.getByLabelText('Nieuwe sleutel').textContent ?? '';
    expect(key).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}-[A-Z2-7]{2}$/u);
    expect(isGeneratedKey(key)).toBe(true);
    expect(section.getByRole('button', { name: 'Kopieer de sleutel' })).toBeTruthy();
    await user.click(section.getByRole('button', { name: 'Maak een sleutel' }));
    expect(section.getByLabelText('Nieuwe sleutel').textContent).not.toBe(key);

    const header = 'nis;ontvanger;mailadres;in_werking;einde;telefoon;bron;sleutel';
    const table = section.getByLabelText('Tabel (CSV of geplakt uit Excel)');
    await user.click(table);
    await user.paste(`${header}\n13019;OCMW Lille;sociale.dienst@lille.be;01-11-2025;;;protocol;${key}\n34022;Kortrijk;sociaal@kortrijk.example;01-01-2026;;;protocol;KortrijkSocialeDienst2026Protocol\n`);
    await user.type(section.getByLabelText('Id van de extensie in Chrome'), 'abcdefghijklmnopabcdefghijklmnop');
    await user.click(section.getByRole('button', { name: 'Maak beleid' }));
    const alert = await section.findByRole('alert');
    expect(alert.textContent).toMatch(/Rij 3, kolom sleutel: de sleutel is te zwak: minstens 128 bits uit een willekeurige bron/u);
    expect(alert.textContent).not.toMatch(/Rij 2/u);
    expect(section.queryByText(/^Beleid gemaakt/u)).toBeNull();

    await user.clear(table);
    await user.paste(`${header}\n13019;OCMW Lille;sociale.dienst@lille.be;01-11-2025;;;protocol;${key}\n`);
    await user.click(section.getByRole('button', { name: 'Maak beleid' }));
    expect(await section.findByText('Beleid gemaakt voor 1 ontvanger.')).toBeTruthy();
    const policy = JSON.parse(section.getByLabelText('Chrome en Edge op Linux (JSON)', { selector: 'pre' }).textContent ?? '') as {
      '3rdparty': { extensions: Record<string, Record<string, { preSharedKey?: string }>> };
    };
    expect(policy['3rdparty'].extensions.abcdefghijklmnopabcdefghijklmnop?.['13019']?.preSharedKey).toBe(key);
  }, 60_000);

  it('names each key made of words the policy delivers, and applies the generated one', async () => {
    await fakeBrowser.storage.managed.set({
      recipientIds: ['13019', '34022', '12025'],
      '13019': { mailbox: 'sociale.dienst@lille.be', protocol: { inForceSince: '2025-11-01' }, source: 'Opgroeien IT', preSharedKey: 'K7XM-4RP7-TZ2C-H6VD-QN3W-J5LF-GB' },
      '34022': { mailbox: 'sociaal@kortrijk.example', protocol: { inForceSince: '2026-01-01' }, preSharedKey: 'KortrijkSocialeDienst2026Protocol' },
      '12025': { mailbox: 'ocmw@mechelen.example', protocol: { inForceSince: '2026-01-01' }, preSharedKey: 'Welkom2026Welkom2027Welkom2028X' },
    });
    render(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Ingesteld door je organisatie' }));
    const alert = (await section.findByRole('alert')).textContent ?? '';
    expect(alert).toMatch(/OCMW Kortrijk \(34022\), preSharedKey: de sleutel is te zwak/u);
    expect(alert).toMatch(/OCMW Mechelen \(12025\), preSharedKey: de sleutel is te zwak/u);
    expect(alert).not.toMatch(/13019/u);
    expect(section.getByText(/vooraf afgesproken sleutel ingesteld/u)).toBeTruthy();
    expect(section.queryByText(/sociaal@kortrijk\.example/u)).toBeNull();
  }, 60_000);
});
