// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { setLocale } from '../../lib/i18n';
import { loadLayers } from '../../lib/directory/storage';
import { loadSettings, saveSettings } from '../../lib/settings';

describe('the options page', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('adds a mailbox with its protocol date for a municipality, shows it as added by the worker, and removes it', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    await user.type(screen.getByLabelText('Gemeente of postcode'), 'Etterbeek');
    await user.selectOptions(screen.getByLabelText('Ontvanger'), 'caw-brussel');
    await user.type(screen.getByLabelText('Mailadres voor aanmeldingen'), 'aanmelding@caw.example');
    await user.type(screen.getByLabelText('Ingangsdatum van het protocol'), '05-01-2026');
    await user.type(screen.getByLabelText('Bron'), 'protocol van 23-09-2025');
    await user.click(within(screen.getByRole('region', { name: 'Eigen mailadressen' })).getByRole('button', { name: 'Bewaar mailadres en protocol' }));
    expect(await screen.findByText('Bewaard: CAW Brussel → aanmelding@caw.example')).toBeTruthy();
    expect((await loadLayers()).user).toEqual({
      'caw-brussel': { mailbox: 'aanmelding@caw.example', inForceSince: '2026-01-05', endedOn: null, phone: null, source: 'protocol van 23-09-2025', addedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u) },
    });
    expect(await screen.findByText(/door jou toegevoegd op .*ingangsdatum 05-01-2026/u)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Verwijder CAW Brussel' }));
    expect(await screen.findByText('Je hebt nog geen eigen mailadressen toegevoegd.')).toBeTruthy();
    expect((await loadLayers()).user).toEqual({});
  });

  it('shows the details saved in the panel while the page is open, and a later save here keeps them', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    const referrer = within(await screen.findByRole('region', { name: 'Jouw gegevens als aanmelder' }));
    expect((referrer.getByLabelText('Naam') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('heading', { name: 'Aan de slag' })).toBeTruthy();
    // The panel's "Aan de slag" (another page of the extension) saves name and phone.
    await saveSettings({ ...(await loadSettings()), referrer: { name: 'An Janssens', team: '', phone: '014 00 00 00', email: '' } });
    await waitFor(() => expect((referrer.getByLabelText('Naam') as HTMLInputElement).value).toBe('An Janssens'));
    expect(screen.queryByRole('heading', { name: 'Aan de slag' })).toBeNull();
    // The worker adds the team here and saves: name and phone stay.
    await user.type(referrer.getByLabelText('Team'), 'Team Middenkempen');
    await user.click(referrer.getByRole('button', { name: 'Bewaar' }));
    expect(await referrer.findByText('Instellingen bewaard.')).toBeTruthy();
    // Written in the one pattern of team names (issue 21.11).
    expect((await loadSettings()).referrer).toEqual({ name: 'An Janssens', team: 'Kind en Gezin – Middenkempen', phone: '014 00 00 00', email: '' });
  });

  it('refuses a bad mailbox or date next to the field and keeps what was typed', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    const additions = within(screen.getByRole('region', { name: 'Eigen mailadressen' }));
    expect(screen.getByText('Kies een gemeente uit de lijst.')).toBeTruthy();
    await user.type(screen.getByLabelText('Gemeente of postcode'), '2000');
    await user.selectOptions(screen.getByLabelText('Ontvanger'), '11002');
    const mailbox = screen.getByLabelText('Mailadres voor aanmeldingen') as HTMLInputElement;
    await user.type(mailbox, 'sociale dienst antwerpen');
    await user.type(screen.getByLabelText('Ingangsdatum van het protocol'), '31-02-2026');
    await user.click(additions.getByRole('button', { name: 'Bewaar mailadres en protocol' }));
    const error = screen.getByText('Geen geldig e-mailadres. Typ bijvoorbeeld naam@voorbeeld.be.');
    expect(mailbox.getAttribute('aria-describedby')).toBe(error.id);
    expect(mailbox.value).toBe('sociale dienst antwerpen');
    expect(screen.getByText('Geen geldige datum. Schrijf bijvoorbeeld 23-09-2025.')).toBeTruthy();
    expect((await loadLayers()).user).toEqual({});
  });

  it('lists each recipient the policy sets with its source, and names each bad entry: recipient, field, why', async () => {
    await fakeBrowser.storage.managed.set({
      recipientIds: ['13019', '71071', '11002'],
      '13019': { mailbox: 'sociale.dienst@lille.be', protocol: { inForceSince: '2025-11-01' }, source: 'Opgroeien IT, protocol van 23-09-2025' },
      '11002': { mailbox: 'ocmw@antwerpen.example', preSharedKey: 'aaaaaaaaaaaaaaaa' },
    });
    render(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Ingesteld door je organisatie' }));
    expect(section.getByText(/Bron: Opgroeien IT, protocol van 23-09-2025 \(beleid van je organisatie\)/u)).toBeTruthy();
    const alert = section.getByRole('alert').textContent ?? '';
    expect(alert).toMatch(/Tessenderlo-Ham \(71071\): de browser liet deze ontvanger vallen/u);
    expect(alert).toMatch(/OCMW Antwerpen \(11002\), preSharedKey: de sleutel is te zwak/u);
    // A new policy reaches the open page.
    await fakeBrowser.storage.managed.set({ recipientIds: ['13019'], '13019': { mailbox: 'nieuw@lille.example', protocol: { inForceSince: '2025-11-01' } } });
    expect(await section.findByText('nieuw@lille.example')).toBeTruthy();
  });

  it('shares the own mailboxes with the team and imports a colleague\'s file: conflicts shown side by side, not applied', async () => {
    const { saveUserAddition } = await import('../../lib/directory/storage');
    const { exportTeamFile } = await import('../../lib/directory/team');
    await saveUserAddition('caw-brussel', { mailbox: 'aanmelding@caw.example', inForceSince: '2026-01-05' });
    await saveUserAddition('13019', { mailbox: 'andere@lille.example', inForceSince: '2025-11-01' });
    const additions = (await loadLayers()).user ?? {};
    const file = exportTeamFile(additions, { author: 'An Janssens', directoryVersion: '2026-11' });
    expect(file).not.toMatch(/Peeters|client/iu);
    // A fresh profile.
    fakeBrowser.reset();
    const user = userEvent.setup({ applyAccept: false });
    render(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Deel met je team' }));
    await user.upload(section.getByLabelText('Bestand van een collega inlezen'), new File([file], 'mailadressen-dender.json', { type: 'application/json' }));
    expect(await section.findByText(/nieuw: aanmelding@caw\.example/u)).toBeTruthy();
    expect(section.getByText('Ander mailadres voor OCMW Lille: welk is juist?')).toBeTruthy();
    expect(section.getByText(/Houd sociale\.dienst@lille\.be \(protocol \(gebundeld\)\)/u)).toBeTruthy();
    await user.click(section.getByRole('button', { name: 'Pas toe' }));
    expect(await section.findByText('1 mailadres van je team toegevoegd, 1 overgeslagen.')).toBeTruthy();
    const layers = await loadLayers();
    expect(layers.team).toEqual({
      'caw-brussel': { mailbox: 'aanmelding@caw.example', inForceSince: '2026-01-05', endedOn: null, phone: null, source: null, importedOn: expect.any(String), file: 'mailadressen-dender.json', author: 'An Janssens' },
    });
    expect(await section.findByText(/van je team \(bestand van An Janssens, mailadressen-dender\.json\)/u)).toBeTruthy();
  });

  it('the import preview lists every fact it would change and asks to confirm a new phone; beside the policy, the file\'s phone does not count', async () => {
    const { exportTeamFile } = await import('../../lib/directory/team');
    const lille = { mailbox: 'sociale.dienst@lille.be', inForceSince: '2026-01-01', endedOn: null, phone: '0470 12 34 56', source: 'mail van het OCMW', addedOn: '2026-11-20' };
    const file = new File([exportTeamFile({ '13019': lille }, { author: 'An Janssens', directoryVersion: '2026-11' })], 'mailadressen-dender.json', { type: 'application/json' });
    const user = userEvent.setup({ applyAccept: false });
    render(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Deel met je team' }));
    await user.upload(section.getByLabelText('Bestand van een collega inlezen'), file);
    expect(await section.findByText(/zelfde mailadres sociale\.dienst@lille\.be/u)).toBeTruthy();
    expect(section.getByText('Telefoonnummer: geen → 0470 12 34 56')).toBeTruthy();
    expect(section.getByText('Ingangsdatum van het protocol: 01-11-2025 → 01-01-2026')).toBeTruthy();
    expect(section.getByText(/^Bron: .* → mail van het OCMW$/u)).toBeTruthy();
    expect(section.getByText('Herkomst: protocol (gebundeld) → van je team (bestand van An Janssens, mailadressen-dender.json)')).toBeTruthy();
    // The new number is not applied until the worker confirms it.
    await user.click(section.getByRole('button', { name: 'Pas toe' }));
    expect((await section.findByRole('alert')).textContent).toBe('Bevestig eerst het nieuwe telefoonnummer van OCMW Lille, of vink die ontvanger af.');
    expect((await loadLayers()).team).toEqual({});
    await user.click(section.getByLabelText('Nieuw nummer voor het wachtwoord: ik heb nagekeken dat 0470 12 34 56 het nummer van de sociale dienst van OCMW Lille is'));
    await user.click(section.getByRole('button', { name: 'Pas toe' }));
    expect(await section.findByText('1 mailadres van je team toegevoegd, 0 overgeslagen.')).toBeTruthy();
    expect((await loadLayers()).team?.['13019']).toMatchObject({ phone: '0470 12 34 56', inForceSince: '2026-01-01' });
    cleanup();

    // With the policy naming the same mailbox, the file's phone and date do not count, and the preview says so.
    fakeBrowser.reset();
    await fakeBrowser.storage.managed.set({ recipientIds: ['13019'], '13019': { mailbox: 'sociale.dienst@lille.be', protocol: { inForceSince: '2025-11-01' }, source: 'Opgroeien IT' } });
    render(<OptionsApp />);
    const again = within(await screen.findByRole('region', { name: 'Deel met je team' }));
    await screen.findByRole('heading', { name: 'Ingesteld door je organisatie' }); // the policy is read
    await user.upload(again.getByLabelText('Bestand van een collega inlezen'), file);
    expect(await again.findByText('Telefoonnummer 0470 12 34 56 uit het bestand telt niet: beleid van je organisatie gaat voor.')).toBeTruthy();
    expect(again.getByText('Ingangsdatum van het protocol 01-01-2026 uit het bestand telt niet: beleid van je organisatie gaat voor.')).toBeTruthy();
    expect(again.queryByLabelText(/Nieuw nummer voor het wachtwoord/u)).toBeNull();
    // The worker's own entry of that mailbox does not count either, and their list says so.
    const { saveUserAddition } = await import('../../lib/directory/storage');
    await saveUserAddition('13019', { mailbox: 'sociale.dienst@lille.be', phone: '0470 12 34 56' });
    const own = within(screen.getByRole('region', { name: 'Eigen mailadressen' }));
    expect(await own.findByText(/tel\. 0470 12 34 56; het beleid van je organisatie gaat voor \(mailadres, datum en telefoonnummer\)/u)).toBeTruthy();
  });

  it('makes the policy for IT from a CSV: messages per row and column, then the files', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    const section = within(screen.getByRole('region', { name: 'Voor IT' }));
    const table = section.getByLabelText('Tabel (CSV of geplakt uit Excel)');
    await user.click(table);
    await user.paste('nis;ontvanger;mailadres;in_werking;einde;telefoon;bron\n13019;OCMW Lille;sociale.dienst@lille.be;;;;\n');
    await user.type(section.getByLabelText('Id van de extensie in Chrome'), 'abcdefghijklmnopabcdefghijklmnop');
    await user.click(section.getByRole('button', { name: 'Maak beleid' }));
    expect(section.getByRole('alert').textContent).toMatch(/Rij 2, kolom in_werking: vul de ingangsdatum/u);
    await user.clear(table);
    await user.paste('nis;ontvanger;mailadres;in_werking;einde;telefoon;bron\n13019;OCMW Lille;sociale.dienst@lille.be;01-11-2025;;;protocol\n');
    await user.click(section.getByRole('button', { name: 'Maak beleid' }));
    expect(section.getByText('Beleid gemaakt voor 1 ontvanger.')).toBeTruthy();
    expect(JSON.parse(section.getByLabelText('Chrome en Edge op Linux (JSON)', { selector: 'pre' }).textContent ?? '')).toEqual({
      '3rdparty': { extensions: { abcdefghijklmnopabcdefghijklmnop: { recipientIds: ['13019'], '13019': { mailbox: 'sociale.dienst@lille.be', protocol: { inForceSince: '2025-11-01' }, source: 'protocol' } } } },
    });
  });

  it('shows the Statbel and bpost attribution', () => {
    render(<OptionsApp />);
    expect(screen.getByText(/Bron: Statbel \(Algemene Directie Statistiek – Statistics Belgium\), gewijzigd; CC BY 4\.0/u)).toBeTruthy();
    expect(screen.getByText(/bpost/u)).toBeTruthy();
  });

  it('warns when the managed configuration is invalid', async () => {
    await fakeBrowser.storage.managed.set({ recipients: { '13019': { mailbox: 'x' } } });
    render(<OptionsApp />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/IT-dienst.*OCMW Lille \(13019\), mailbox: geen geldig mailadres/u);
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

  it('first run: "Aan de slag" says what is needed, the phone is checked like the client\'s, known teams are offered', async () => {
    const user = userEvent.setup();
    render(<OptionsApp />);
    expect(await screen.findByRole('heading', { name: 'Aan de slag' })).toBeTruthy();
    expect(screen.getByText(/^Nodig: je naam, team en telefoonnummer/u)).toBeTruthy();
    const section = within(await screen.findByRole('region', { name: 'Jouw gegevens als aanmelder' }));
    const team = section.getByLabelText('Team') as HTMLInputElement;
    const offered = [...(team.list?.options ?? [])].map((option) => option.value);
    // In the one pattern of team names (issue 21.11).
    expect(offered).toContain('Kind en Gezin – Dender');
    await user.type(section.getByLabelText('Naam'), 'An Janssens');
    await user.type(section.getByLabelText('Telefoon'), '12');
    await user.click(section.getByRole('button', { name: 'Bewaar' }));
    expect((section.getByLabelText('Telefoon') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
    expect((section.getByLabelText('Telefoon') as HTMLInputElement).value).toBe('12');
    const { loadSettings } = await import('../../lib/settings');
    expect((await loadSettings()).referrer.name).toBe('');
    await user.clear(section.getByLabelText('Telefoon'));
    await user.type(section.getByLabelText('Telefoon'), '011 12 34 56');
    await user.click(section.getByRole('button', { name: 'Bewaar' }));
    expect(await screen.findByText('Instellingen bewaard.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Aan de slag' })).toBeNull();
    expect((await loadSettings()).referrer).toMatchObject({ name: 'An Janssens', phone: '011 12 34 56' });
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

  // Issue 13 item 1: an import shows what it would change, with the directory's recipient, and applies only on a click.
  it('previews an import with the directory\'s mailbox and applies it only on confirmation', async () => {
    const { loadRegister } = await import('../../lib/register/storage');
    const user = userEvent.setup({ applyAccept: false });
    render(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Register en jaarlijkse evaluatie' }));
    const file = JSON.stringify({ format: 'veilig-aanmelden/register@1', exportedOn: '2026-11-22', entries: [{
      reference: 'KG-7F3Q-2M9X', createdOn: '2026-11-02', recipientId: '13019', recipientName: 'OCMW Antwerpen',
      mailbox: 'ocmw.antwerpen@evil.example', team: '', status: 'concept', withdrawnOn: null, correctedBy: null, corrects: null,
    }] });
    await user.upload(section.getByLabelText('Importeer een register'), new File([file], 'register.json', { type: 'application/json' }));
    expect(await section.findByText('Nieuw: KG-7F3Q-2M9X van 02-11-2026, concept klaar (13019), aan OCMW Lille <sociale.dienst@lille.be>')).toBeTruthy();
    expect(section.queryByText(/evil\.example/u)).toBeNull();
    expect(await loadRegister()).toEqual([]);
    await user.click(section.getByRole('button', { name: 'Voer deze wijzigingen door' }));
    expect(await section.findByText('Register ingelezen: nu 1 referentie.')).toBeTruthy();
    expect(await loadRegister()).toMatchObject([{ reference: 'KG-7F3Q-2M9X', mailbox: 'sociale.dienst@lille.be', recipientName: 'OCMW Lille' }]);
  });

  it('refuses an import naming a recipient the directory does not know', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<OptionsApp />);
    const section = within(await screen.findByRole('region', { name: 'Register en jaarlijkse evaluatie' }));
    const file = JSON.stringify({ format: 'veilig-aanmelden/register@1', exportedOn: '2026-11-22', entries: [{
      reference: 'KG-7F3Q-2M9X', createdOn: '2026-11-02', recipientId: '99999', recipientName: 'X', mailbox: 'x@evil.example',
      team: '', status: 'concept', withdrawnOn: null, correctedBy: null, corrects: null,
    }] });
    await user.upload(section.getByLabelText('Importeer een register'), new File([file], 'register.json', { type: 'application/json' }));
    expect(await section.findByText(/niet in de gids staat of daar geen mailadres heeft \(99999, bij KG-7F3Q-2M9X\)/u)).toBeTruthy();
    expect(section.queryByRole('button', { name: 'Voer deze wijzigingen door' })).toBeNull();
  });
});
