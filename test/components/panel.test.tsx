// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelApp } from '../../components/panel/PanelApp';
import { fromBase64, type DraftRequestMessage, type ReadBack, type TabMessage } from '../../lib/messages';
import type { TabSource } from '../../lib/panel/webmail-tab';
import { loadRegister } from '../../lib/register/storage';
import { loadSettings, saveSettings } from '../../lib/settings';
import { formStateKey } from '../../lib/session/form-state';
import { fixedTab, panelTransport } from '../support/panel-transport';
import { readZip } from '../support/zip';

type Reply = (message: TabMessage) => unknown;

/** The panel over the real router, with the webmail tab's content script played by `reply`. */
function transport(reply: Reply) {
  const sent: TabMessage[] = [];
  const client = panelTransport((message) => {
    sent.push(message);
    return reply(message);
  });
  const panel = (tabs: TabSource = fixedTab()) => <PanelApp client={client} tabs={tabs} />;
  return { client, panel, sent, request: () => (sent.find((m) => m.type === 'draft.make') as { request: DraftRequestMessage } | undefined)?.request };
}

/** What a webmail that did exactly as asked shows afterwards. */
function filled(request: DraftRequestMessage, change: Partial<ReadBack> = {}) {
  const draft: ReadBack = {
    to: [request.to], cc: [], bcc: [], subject: request.subject, body: request.body, attachments: request.fileName ? [request.fileName] : [],
    from: 'worker@kindengezin.be', replyTo: [], followupTo: [], ...change,
  };
  return { status: 'filled', draft, tiers: [{ tier: 'input', ok: true, detail: '' }] };
}

const cleanDraft = (message: TabMessage) => (message.type === 'draft.make' ? filled(message.request) : undefined);

async function consent(user: UserEvent) {
  await user.click(await screen.findByLabelText(/^Mondeling: de cliënt is geïnformeerd/u));
  await user.click(screen.getByRole('button', { name: 'Volgende' }));
}

async function client(user: UserEvent, postcode = '2275') {
  await user.type(screen.getByLabelText('Voornaam'), 'Jan');
  await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
  await user.type(screen.getByLabelText('Telefoonnummer'), '0470 12 34 56');
  await user.type(screen.getByLabelText('Straat'), 'Kerkstraat');
  await user.type(screen.getByLabelText('Nummer'), '1');
  await user.type(screen.getByLabelText('Postcode'), postcode);
  // A postcode with several places asks where the client lives; nothing is chosen for the worker.
  const place = screen.queryByLabelText('Plaats') as HTMLSelectElement | null;
  if (place && postcode === '2275') {
    expect(place.value).toBe('');
    await user.selectOptions(place, 'Lille');
  }
}

describe('the referral panel', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('goes from consent to a draft request with only ciphertext and non-personal text, and the shown password opens it', async () => {
    const user = userEvent.setup();
    const { panel, request } = transport(cleanDraft);
    render(panel());
    await consent(user);
    await client(user);
    // 2275 names four places: the worker chose Lille; the recipient shows with its source.
    expect((screen.getByLabelText('Plaats') as HTMLSelectElement).value).toBe('Lille');
    expect(screen.getByText('OCMW Lille')).toBeTruthy();
    expect(screen.getByText('sociale.dienst@lille.be')).toBeTruthy();
    expect(screen.getByText('Protocol van kracht sinds 01-11-2025')).toBeTruthy();
    const password = screen.getByLabelText('Wachtwoord om door te geven').textContent ?? '';
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u);
    expect(screen.getByText(/telefonisch of per sms/u)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByText('Concept klaar');

    const sent = request();
    if (!sent) throw new Error('no draft request');
    expect(sent.to).toBe('sociale.dienst@lille.be');
    expect(sent.subject).toMatch(/^Aanmelding Kind en Gezin – KG-[2-9A-Z]{4}-[2-9A-Z]{4}$/u);
    expect(sent.fileName).toBe(`aanmelding-${sent.subject.slice(-12)}.zip`);
    for (const personal of ['Jan', 'Peeters', 'Kerkstraat', '470', '2275']) {
      expect(sent.subject + sent.body).not.toContain(personal);
      // Everything but the ciphertext (random base64 may spell anything: "Jan" turns up in about one zip in 200).
      const { zipBase64: _ciphertext, ...clear } = sent;
      expect(JSON.stringify(clear)).not.toContain(personal);
    }
    const files = await readZip(fromBase64(sent.zipBase64!), password);
    const json = JSON.parse(files['aanmelding.json']!);
    expect(json.client).toEqual({
      firstName: 'Jan', lastName: 'Peeters', phone: '+32470123456',
      address: { street: 'Kerkstraat', houseNumber: '1', box: '', postcode: '2275', municipality: 'Lille' },
    });
    expect(json.recipient).toEqual({ id: '13019', name: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be' });
    expect(screen.getByText(/^Het concept is in orde: alleen het OCMW als ontvanger/u)).toBeTruthy();
    expect(screen.getAllByText('sociale.dienst@lille.be').length).toBeGreaterThan(0); // the read-back To
    // Completion wipes the form from session storage.
    expect((await fakeBrowser.storage.session.get(formStateKey))[formStateKey]).toBeUndefined();
  });

  it('warns when the draft shows client data in clear text', async () => {
    const user = userEvent.setup();
    const { panel } = transport((message) =>
      message.type === 'draft.make' ? filled(message.request, { body: `${message.request.body}\nGroeten aan Jan Peeters, 0470/12.34.56` }) : undefined,
    );
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    const alerts = await screen.findAllByRole('alert');
    const texts = alerts.map((alert) => alert.textContent ?? '');
    expect(texts).toContain('Let op: de naam van de cliënt staat leesbaar in de tekst van de mail. Haal het weg vóór je verzendt: alleen het versleutelde bestand mag gegevens van de cliënt bevatten.');
    expect(texts.some((text) => text.startsWith('Let op: het telefoonnummer'))).toBe(true);
  });

  it('falls back when a webmail step fails: names only that step, offers what is left, shows the password, registers, keeps what was typed', async () => {
    const user = userEvent.setup();
    const { panel } = transport((message) =>
      message.type === 'draft.make'
        ? { status: 'failed', failedStep: 'attach', completed: ['openCompose', 'recipient', 'subject', 'body'], detail: 'gmail: no attach tier worked (drop, input)', tiers: [], draft: null }
        : undefined,
    );
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect(await screen.findByText(/Deze stap lukte niet: het bestand toevoegen\./u)).toBeTruthy();
    const download = screen.getByRole('link', { name: 'Download het versleutelde bestand' });
    expect(download.getAttribute('download')).toMatch(/^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u);
    expect(screen.getByText('Voeg het bestand toe via Bijvoegen of sleep het vanuit je downloads in de mail.')).toBeTruthy();
    // Address, subject and text are in the mail already: nothing to copy for those.
    expect(screen.queryByRole('button', { name: 'Kopieer Kopieer het adres' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Kopieer Kopieer de tekst' })).toBeNull();
    expect(document.querySelector('output.password')?.textContent).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u);
    expect((await loadRegister()).map((entry) => entry.mailbox)).toEqual(['sociale.dienst@lille.be']);
    await user.click(screen.getByRole('button', { name: 'Probeer opnieuw' }));
    expect((screen.getByLabelText('Achternaam') as HTMLInputElement).value).toBe('Peeters');
  });

  it('says where the draft goes: the webmail and host of the tab the panel works for', async () => {
    const { panel } = transport(cleanDraft);
    render(panel());
    expect(await screen.findByText('Concept in: Gmail – mail.google.com')).toBeTruthy();
  });

  it('without a webmail in the tab: the referral goes up to the draft step, "Maak concept" says to open the webmail, nothing is lost', async () => {
    const user = userEvent.setup();
    const { panel, sent } = transport(cleanDraft);
    render(panel(fixedTab(99))); // a tab where no content script of ours answers (a news site, a new tab page)
    expect(await screen.findByText('Open je webmail in dit tabblad.')).toBeTruthy();
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Open je webmail in dit tabblad en klik dan opnieuw op "Maak concept"\. Wat je invulde, blijft staan\./u);
    expect(sent.filter((message) => message.type === 'draft.make')).toEqual([]);
    expect((screen.getByLabelText('Achternaam') as HTMLInputElement).value).toBe('Peeters');
    // Or, on request, only the encrypted file and the texts: the webmail is never asked.
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await user.click(await screen.findByRole('button', { name: 'Of maak alleen het versleutelde bestand en de teksten om zelf te mailen.' }));
    expect(await screen.findByRole('link', { name: 'Download het versleutelde bestand' })).toBeTruthy();
    expect(sent.filter((message) => message.type === 'draft.make')).toEqual([]);
  });

  it('follows the active tab when the worker switches, and keeps what was typed', async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    let active: number | null = 1;
    let changed: () => void = () => undefined;
    const tabs: TabSource = { bound: false, current: async () => active, subscribe: (onChange) => ((changed = onChange), () => undefined) };
    render(panel(tabs));
    await screen.findByText('Concept in: Gmail – mail.google.com');
    await consent(user);
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    active = 99;
    changed();
    expect(await screen.findByText('Open je webmail in dit tabblad.')).toBeTruthy();
    // On a tab without webmail no draft comes "in dit tabblad": the followed-tab line is not said there (issue 21.14).
    expect(screen.queryByText(/^Je wisselde van tabblad/u)).toBeNull();
    expect((screen.getByLabelText('Achternaam') as HTMLInputElement).value).toBe('Peeters');
  });

  it('falls back to the download when the webmail tab stops answering at the draft', async () => {
    const user = userEvent.setup();
    const { panel } = transport((message) => {
      if (message.type === 'draft.make') throw new Error('Could not establish connection. Receiving end does not exist.');
      return undefined;
    });
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect(await screen.findByText(/Deze stap lukte niet: de webmail bereiken\./u)).toBeTruthy();
  });

  it('shows Dutch messages next to the fields, keeps what was typed, and refuses a recipient without a mailbox', async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    render(panel());
    await user.click(await screen.findByRole('button', { name: 'Volgende' }));
    expect(screen.getByText('Kies hoe de cliënt toestemming gaf, nadat je uitlegde wat er doorgegeven wordt, aan wie en waarom.')).toBeTruthy();
    await consent(user);
    const phone = screen.getByLabelText('Telefoonnummer') as HTMLInputElement;
    await user.type(phone, '85.07.30-033.28');
    await user.tab();
    expect(screen.getByText(/Dit lijkt op een rijksregisternummer/u).id).toBe(phone.getAttribute('aria-describedby'));
    expect(phone.value).toBe('85.07.30-033.28');
    await user.clear(phone);
    await client(user, '1050');
    expect(screen.getByText(/Er is geen mailadres bekend voor CAW Brussel/u)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gegevens van de cliënt');
  });

  it('restores what was typed after an accidental close, and forgets it after 30 idle minutes', async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    const first = render(panel());
    await consent(user);
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    await waitFor(async () => expect(JSON.stringify(await fakeBrowser.storage.session.get(formStateKey))).toContain('Peeters'));
    first.unmount();
    render(panel());
    expect(await screen.findByText('Je vorige invoer is teruggezet.')).toBeTruthy();
    expect((screen.getByLabelText('Achternaam') as HTMLInputElement).value).toBe('Peeters');
    cleanup();
    const stored = (await fakeBrowser.storage.session.get(formStateKey))[formStateKey] as { savedAt: number };
    await fakeBrowser.storage.session.set({ [formStateKey]: { ...stored, savedAt: stored.savedAt - 31 * 60 * 1000 } });
    render(panel());
    await screen.findByLabelText(/^Mondeling: de cliënt is geïnformeerd/u);
    expect(screen.queryByText('Je vorige invoer is teruggezet.')).toBeNull();
    expect((await fakeBrowser.storage.session.get(formStateKey))[formStateKey]).not.toMatchObject({ form: { client: { lastName: 'Peeters' } } });
  });

  it('does not announce a restore when nothing was typed', async () => {
    const { panel } = transport(cleanDraft);
    const first = render(panel());
    await screen.findByLabelText(/^Mondeling: de cliënt is geïnformeerd/u);
    await waitFor(async () => expect((await fakeBrowser.storage.session.get(formStateKey))[formStateKey]).toBeDefined());
    first.unmount();
    render(panel());
    await screen.findByLabelText(/^Mondeling: de cliënt is geïnformeerd/u);
    expect(screen.queryByText('Je vorige invoer is teruggezet.')).toBeNull();
  });

  it("clears the open panel's fields when the background's idle wipe fires", async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    render(panel());
    await consent(user);
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    await fakeBrowser.runtime.onMessage.trigger({ type: 'form.expired' }, { id: fakeBrowser.runtime.id }, () => undefined);
    expect(await screen.findByText('Je invoer is gewist na 30 minuten zonder activiteit.')).toBeTruthy();
    expect(screen.queryByLabelText('Achternaam')).toBeNull();
    expect((screen.getByLabelText(/^Mondeling: de cliënt is geïnformeerd/u) as HTMLInputElement).checked).toBe(false);
    expect(document.body.textContent).not.toContain('Peeters');
  });

  it('does not say "klaar" when the page rewrote To after the fill, or left a Cc: it names each field', async () => {
    const user = userEvent.setup();
    const { panel } = transport((message) =>
      message.type === 'draft.make' ? filled(message.request, { to: ['attacker@example.org'], cc: ['collega@example.org'] }) : undefined,
    );
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Controleer het concept' })).toBeTruthy();
    const texts = screen.getAllByRole('alert').map((alert) => alert.textContent ?? '');
    expect(texts).toContain('In Aan staat: attacker@example.org. Daar mag alleen het adres van het OCMW staan. Verbeter het in je webmail en klik op Controleer opnieuw.');
    expect(texts).toContain('In Cc staat: collega@example.org. Haal dat weg: de aanmelding gaat alleen naar het OCMW.');
    expect(screen.queryByText('Concept klaar')).toBeNull();
  });

  it('"Controleer opnieuw" reads every field back again: once the worker fixed the draft, it is klaar', async () => {
    const user = userEvent.setup();
    let fixed = false;
    let made: DraftRequestMessage | undefined;
    const { panel } = transport((message) => {
      if (message.type === 'draft.make') {
        made = message.request;
        return filled(message.request, { attachments: [] });
      }
      if (message.type === 'draft.read' && made) return { ok: true, draft: filled(made, fixed ? {} : { attachments: [] }).draft };
      return undefined;
    });
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect(await screen.findByText(/^De mail moet precies één bijlage hebben/u)).toBeTruthy();
    fixed = true;
    await user.click(screen.getByRole('button', { name: 'Controleer opnieuw' }));
    expect(await screen.findByRole('heading', { name: 'Concept klaar' })).toBeTruthy();
  });

  it('waits for a webmail that composes on a page of its own (Roundcube), then fills the page it opened', async () => {
    const user = userEvent.setup();
    const asked: (boolean | undefined)[] = [];
    const { panel } = transport((message) => {
      if (message.type !== 'draft.make') return undefined;
      asked.push(message.request.afterNavigation);
      if (asked.length === 1) {
        // The content script sends its tab to a new compose page; that page's content script says it is ready.
        setTimeout(() => void fakeBrowser.runtime.onMessage.trigger({ type: 'tab.ready', tabId: 1 }, { id: fakeBrowser.runtime.id }, () => undefined), 20);
        return { status: 'navigating', url: '/?_task=mail&_action=compose' };
      }
      return filled(message.request);
    });
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect(await screen.findByRole('heading', { name: 'Concept klaar' })).toBeTruthy();
    expect(asked).toEqual([undefined, true]);
  });

  it('when the webmail could not open a new mail: asks the worker to, waits for it, then fills it by itself', async () => {
    const user = userEvent.setup();
    let opened = false;
    const { panel } = transport((message) => {
      if (message.type === 'tab.describe') return { adapter: 'outlook', name: 'Outlook op het web', origin: 'https://outlook.cloud.microsoft', compose: opened };
      if (message.type !== 'draft.make') return undefined;
      return opened
        ? filled(message.request)
        : { status: 'failed', failedStep: 'openCompose', completed: [], detail: 'outlook: New mail button not found', tiers: [], draft: null };
    });
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect(await screen.findByText('Open in je webmail een nieuwe, lege mail (Nieuwe e-mail). Het paneel vult ze dan zelf in.')).toBeTruthy();
    // The classic Outlook draft is on offer too, with the zip in it.
    expect(screen.getByRole('link', { name: 'Download het concept voor Outlook (met het versleutelde bestand)' }).getAttribute('download')).toMatch(
      /^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}-concept\.eml$/u,
    );
    opened = true; // the worker clicks "Nieuwe e-mail"
    expect(await screen.findByRole('heading', { name: 'Concept klaar' }, { timeout: 5_000 })).toBeTruthy();
  }, 10_000);

  it('remembers which attach tier worked, without content, for the self-check report', async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByRole('heading', { name: 'Concept klaar' });
    const { lastAttachTiers } = await import('../../lib/panel/attach-record');
    expect(await lastAttachTiers()).toEqual({ adapter: 'gmail', on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u), tiers: [{ tier: 'input', ok: true, detail: '' }] });
  });

  it('a pre-shared key belongs to its recipient: back from Lille (which has one) to another OCMW, the password is generated and shown', async () => {
    // The deployer gave Lille a pre-shared key (26 random base32 characters, 130 bits); Herentals has a mailbox, no key.
    await fakeBrowser.storage.managed.set({
      recipients: {
        '13019': { mailbox: 'sociale.dienst@lille.be', preSharedKey: 'K7XM-4RP7-TZ2C-H6VD-QN3W-J5LF-GB', protocol: { status: 'in_force', inForceSince: '2025-11-01' } },
        '13011': { mailbox: 'sociale.dienst@herentals.example', protocol: { status: 'in_force', inForceSince: '2025-01-01' } },
      },
    });
    const user = userEvent.setup();
    const { panel, request } = transport(cleanDraft);
    render(panel());
    await consent(user);
    await client(user);
    expect((screen.getByLabelText(/Het wachtwoord dat je organisatie met OCMW Lille afsprak/u) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/^Wachtwoord: afgesproken met OCMW Lille, niets door te geven/u)).toBeTruthy();
    // The worker corrects the postcode: the client lives in Herentals, whose OCMW has no key.
    await user.clear(screen.getByLabelText('Postcode'));
    await user.type(screen.getByLabelText('Postcode'), '2200');
    await user.selectOptions(screen.getByLabelText('Plaats'), 'Herentals');
    await screen.findByText('sociale.dienst@herentals.example');
    const password = screen.getByLabelText('Wachtwoord om door te geven').textContent ?? '';
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByText('Concept klaar');
    // The zip opens with the password the worker saw and passes on, not with Lille's key.
    expect(document.querySelector('output.password')?.textContent).toBe(password);
    const files = await readZip(fromBase64(request()!.zipBase64!), password);
    expect(JSON.parse(files['aanmelding.json']!).recipient.mailbox).toBe('sociale.dienst@herentals.example');
  });

  it('one postcode: a postcode with several places asks where the client lives and fills in none (2275 is not always Lille)', async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    render(panel());
    await consent(user);
    expect(screen.getAllByLabelText('Postcode')).toHaveLength(1);
    await user.type(screen.getByLabelText('Voornaam'), 'Jan');
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    await user.type(screen.getByLabelText('Telefoonnummer'), '0470 12 34 56');
    await user.type(screen.getByLabelText('Postcode'), '2275');
    const place = screen.getByLabelText('Plaats') as HTMLSelectElement;
    expect(place.value).toBe('');
    expect([...place.options].map((option) => option.value)).toEqual(expect.arrayContaining(['Lille', 'Gierle', 'Poederlee', 'Wechelderzande']));
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    // Not on: the place is asked, next to the field, which has the focus.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gegevens van de cliënt');
    expect(screen.getByText(/^Kies de plaats waar de cliënt woont/u)).toBeTruthy();
    expect(document.activeElement).toBe(place);
    await user.selectOptions(place, 'Gierle');
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    expect(await screen.findByRole('heading', { name: 'Concept klaar' })).toBeTruthy();
  });

  it('splits "1 bus 2" into number and box on leaving the field, and says an outside postcode once, with what to do', async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    render(panel());
    await consent(user);
    const number = screen.getByLabelText('Nummer') as HTMLInputElement;
    await user.type(number, '1 bus 2');
    await user.tab();
    expect(number.value).toBe('1');
    expect((screen.getByLabelText('Bus') as HTMLInputElement).value).toBe('2');
    await user.type(screen.getByLabelText('Postcode'), '4000');
    await user.tab();
    expect(screen.getAllByText(/ligt buiten Vlaanderen en Brussel/u)).toHaveLength(1);
  });

  it('"Maak concept" on a refused recipient says so where the reason is, and moves the focus there', async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    render(panel());
    await consent(user);
    await client(user, '1050');
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    const refusal = screen.getByText(/^Aanmelden kan nu niet: Er is geen mailadres bekend voor CAW Brussel/u);
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(refusal);
    // CAW Brussel is named as what to ask, not "het OCMW".
    expect(refusal.textContent).toContain('zoals CAW Brussel of je teamverantwoordelijke ze je gaf');
  });

  it('the done step: the reference for the client file, the password spelled out, and closing asks while it was not passed on', async () => {
    const user = userEvent.setup();
    const { panel } = transport(cleanDraft);
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByRole('heading', { name: 'Concept klaar' });
    expect(screen.getByText(/^Zet ze in het dossier van de cliënt/u)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Kopieer Referentie' })).toBeTruthy();
    const password = screen.getByLabelText('Wachtwoord om door te geven').textContent ?? '';
    const [firstGroup] = password.split('-');
    const spoken = screen.getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(spoken[0]).toMatch(new RegExp(`^${firstGroup}: `, 'u'));
    expect(spoken[0]).toMatch(/ van [A-Z]| twee| drie| vier| vijf| zes| zeven| acht| negen/u);
    // Lille's phone number is not known: the worker can add it right here.
    expect(screen.getByText(/^Het telefoonnummer van de sociale dienst van OCMW Lille is nog niet gekend/u)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Telefoonnummer toevoegen' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Klaar: sluit en wis' }));
    expect(screen.getByText(/^Je hebt het wachtwoord nog niet doorgegeven/u)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Concept klaar' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Terug' }));
    await user.click(screen.getByLabelText('Wachtwoord doorgegeven'));
    await user.click(screen.getByRole('button', { name: 'Klaar: sluit en wis' }));
    expect(await screen.findByRole('heading', { name: 'Toestemming' })).toBeTruthy();
  });

  it('while a leak warning stands, "Klaar" asks first and the register notes that the worker closed with a warning', async () => {
    const user = userEvent.setup();
    const { panel } = transport((message) =>
      message.type === 'draft.make' ? filled(message.request, { body: `${message.request.body}\nGroeten aan Jan Peeters` }) : undefined,
    );
    render(panel());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByRole('heading', { name: 'Controleer het concept' });
    expect(screen.getByRole('button', { name: 'Ik heb het aangepast' })).toBeTruthy();
    await user.click(screen.getByLabelText('Wachtwoord doorgegeven'));
    await user.click(screen.getByRole('button', { name: 'Klaar: sluit en wis' }));
    expect(screen.getByText(/^Het concept is nog niet in orde/u)).toBeTruthy();
    expect((await loadRegister())[0]?.closedWithWarning).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Toch sluiten en wissen' }));
    expect(await screen.findByRole('heading', { name: 'Toestemming' })).toBeTruthy();
    await waitFor(async () => expect((await loadRegister())[0]?.closedWithWarning).toBe(true));
  });

  it('warns while the referrer has not filled in name and phone, and takes them right in the panel ("Aan de slag")', async () => {
    const user = userEvent.setup();
    const { panel, request } = transport(cleanDraft);
    render(panel());
    expect(await screen.findByText(/^Je naam en telefoonnummer ontbreken nog/u)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Vul ze hier in' }));
    expect(screen.getByRole('heading', { name: 'Aan de slag' })).toBeTruthy();
    // Both are needed, and the phone is checked like a client's; nothing typed is lost.
    await user.click(screen.getByRole('button', { name: 'Bewaar en ga verder' }));
    expect(screen.getByText('Vul je naam in.')).toBeTruthy();
    expect(screen.getByText('Vul je telefoonnummer in.')).toBeTruthy();
    await user.type(screen.getByLabelText('Naam'), 'An Janssens');
    await user.type(screen.getByLabelText('Telefoon'), '12');
    await user.click(screen.getByRole('button', { name: 'Bewaar en ga verder' }));
    expect(screen.getByLabelText('Telefoon').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('Naam') as HTMLInputElement).value).toBe('An Janssens');
    expect((await loadSettings()).referrer.name).toBe('');
    await user.clear(screen.getByLabelText('Telefoon'));
    await user.type(screen.getByLabelText('Telefoon'), '014 00 00 00');
    await user.type(screen.getByLabelText('Team'), 'Kind en Gezin team Middenkempen');
    await user.click(screen.getByRole('button', { name: 'Bewaar en ga verder' }));
    // Saved: the card and the warning go, and the next draft is signed with them.
    await waitFor(() => expect(screen.queryByText(/^Je naam en telefoonnummer ontbreken nog/u)).toBeNull());
    expect(screen.queryByRole('heading', { name: 'Aan de slag' })).toBeNull();
    // The team in the one pattern (issue 21.11), and "Bewaard" said.
    expect((await loadSettings()).referrer).toEqual({ name: 'An Janssens', team: 'Kind en Gezin – Middenkempen', phone: '014 00 00 00', email: '' });
    expect(screen.getByText(/^Bewaard\./u).getAttribute('role')).toBe('status');
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByText('Concept klaar');
    expect(request()?.body).toContain('An Janssens');
  });

  it('signs the next draft with details saved in the options page while the panel was open, without reopening it', async () => {
    const user = userEvent.setup();
    const { panel, request } = transport(cleanDraft);
    render(panel());
    expect(await screen.findByText(/^Je naam en telefoonnummer ontbreken nog/u)).toBeTruthy();
    // The options page (another page of the extension) saves them.
    await saveSettings({ ...(await loadSettings()), referrer: { name: 'An Janssens', team: '', phone: '014 00 00 00', email: '' } });
    await waitFor(() => expect(screen.queryByText(/^Je naam en telefoonnummer ontbreken nog/u)).toBeNull());
    await consent(user);
    await client(user);
    await user.click(screen.getByRole('button', { name: 'Maak concept' }));
    await screen.findByText('Concept klaar');
    expect(request()?.body).toContain('An Janssens');
  });
});
