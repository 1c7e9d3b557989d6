// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelApp } from '../../components/panel/PanelApp';
import { userAdditionsItem, userPhonesItem } from '../../lib/directory/storage';
import type { TabMessage } from '../../lib/messages';
import { loadRegister } from '../../lib/register/storage';
import { clientToDraft, consentGiven, readBackOf } from '../support/panel-flow';
import { fixedTab, panelTransport } from '../support/panel-transport';

// Issue 21 (what a worker meets in the client step): Enter moves on instead of making the draft (21.7), a postcode
// outside Flanders and Brussels is explained at full width with what to do instead (21.9), and a refusal for lack of a
// mailbox or date says who has them, offers a question to copy and says how long the typing stays (21.2).

function panel() {
  const sent: TabMessage[] = [];
  const client = panelTransport((message) => {
    sent.push(message);
    return undefined;
  });
  render(<PanelApp client={client} tabs={fixedTab()} />);
  return { sent };
}

const toClientStep = consentGiven;

/** What the last copy put on the clipboard (user-event's stand-in for it). */
const copied = () => navigator.clipboard.readText();

describe('the client step as a worker meets it', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('Enter in a field moves to the next field, and after the last one to the button: it never makes the draft', async () => {
    const user = userEvent.setup();
    const { sent } = panel();
    await toClientStep(user);
    await user.type(screen.getByLabelText('Voornaam'), 'Jan{Enter}');
    expect(document.activeElement).toBe(screen.getByLabelText('Achternaam'));
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters{Enter}');
    expect(document.activeElement).toBe(screen.getByLabelText('Postcode'));
    await user.type(screen.getByLabelText('Bus'), '{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Maak concept' }));
    expect(sent.some((message) => message.type === 'draft.make')).toBe(false);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gegevens van de cliënt');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a postcode outside Flanders and Brussels: the reason at full width, once, and a recipient box that says why and what to do', async () => {
    const user = userEvent.setup();
    panel();
    await toClientStep(user);
    await user.type(screen.getByLabelText('Postcode'), '4000');
    await user.tab();
    const reason = screen.getByText(/ligt buiten Vlaanderen en Brussel/u);
    // Not squeezed into the postcode's narrow column: under the whole row, and still the field's description.
    expect(reason.closest('.row')).toBeNull();
    expect(screen.getByLabelText('Postcode').getAttribute('aria-describedby')).toBe(reason.id);
    expect(screen.getByLabelText('Postcode').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Geen ontvanger voor postcode 4000.')).toBeTruthy();
    expect(screen.getByText(/^Wat je wel kan: geef de cliënt de gegevens van het OCMW \(CPAS\) van de eigen gemeente/u)).toBeTruthy();
    expect(screen.queryByText(/^Vul de postcode in/u)).toBeNull();
  });

  it('a recipient without a mailbox: who has it, a question to copy without client data, and how long the typing stays', async () => {
    const user = userEvent.setup();
    panel();
    await toClientStep(user);
    await user.type(screen.getByLabelText('Voornaam'), 'Jan');
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    await user.type(screen.getByLabelText('Postcode'), '1050');
    expect(screen.getByText(/^Je teamverantwoordelijke kent het mailadres en de ingangsdatum|^Je teamverantwoordelijke kent het mailadres/u)).toBeTruthy();
    expect(screen.getByText(/tot 30 minuten na je laatste invoer/u)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Kopieer een vraag' }));
    await waitFor(async () => expect(await copied()).toContain('CAW Brussel'));
    const question = await copied();
    expect(question).toMatch(/Naar welk mailadres/u);
    for (const personal of ['Jan', 'Peeters', '1050']) expect(question).not.toContain(personal);
  });

  it('a recipient whose mailbox is known but not the date: says exactly that, and the question asks only the date', async () => {
    await fakeBrowser.storage.managed.set({ recipients: { '13011': { mailbox: 'sociale.dienst@herentals.example', protocol: { status: 'signed' } } } });
    const user = userEvent.setup();
    panel();
    await toClientStep(user);
    await user.type(screen.getByLabelText('Postcode'), '2200');
    await user.selectOptions(await screen.findByLabelText('Plaats'), 'Herentals');
    expect(await screen.findByText(/mailadres is bekend, de ingangsdatum nog niet/u)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Kopieer een vraag' }));
    await waitFor(async () => expect(await copied()).toContain('sociale.dienst@herentals.example'));
    const question = await copied();
    expect(question).toMatch(/Sinds welke datum is het protocol van kracht\?/u);
    expect(question).not.toMatch(/Naar welk mailadres/u);
  });
});

describe('the done step as a worker works it', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  /** A referral to Lille up to "Concept klaar", the webmail answering as a webmail that did exactly as asked. */
  async function done(user: UserEvent) {
    const client = panelTransport((message) =>
      message.type === 'draft.make' ? { status: 'filled', draft: readBackOf(message.request, { from: '' }), tiers: [] } : undefined,
    );
    render(<PanelApp client={client} tabs={fixedTab()} />);
    await toClientStep(user);
    await clientToDraft(user);
    await screen.findByRole('heading', { name: 'Concept klaar' });
  }

  it('is ordered as she works: send the mail, phone the password, note the reference; closing stays in the bottom bar', async () => {
    const user = userEvent.setup();
    await done(user);
    const headings = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(headings).toEqual(['Verstuur de mail', 'Geef het wachtwoord telefonisch door', 'Noteer de referentie']);
    // The spelling aid starts with how to type it: what 7-Zip needs (test/password/typing.test.ts opens the zip so).
    expect(screen.getByText(/^Zeg erbij: alles in kleine letters, met een streepje tussen de groepen, zonder spaties/u)).toBeTruthy();
    const close = screen.getByRole('button', { name: 'Klaar: sluit en wis' });
    expect(close.closest('.sticky-bar')).not.toBeNull();
    await user.click(close);
    // The confirmation takes the bar's place, with the focus on its first button.
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.closest('.sticky-bar')).not.toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Toch sluiten en wissen' }));
  });

  it('asks "verstuurd?" where the sending happens, and the register counts it; an open draft is asked about at the next opening', async () => {
    const user = userEvent.setup();
    await done(user);
    const reference = document.querySelector('.reference')?.textContent ?? '';
    expect((await loadRegister())[0]).toMatchObject({ reference, status: 'concept' });
    await user.click(screen.getByRole('button', { name: 'Nog niet' }));
    expect(screen.getByText(/^Het register vraagt het je opnieuw/u)).toBeTruthy();
    cleanup();
    // The next opening of the panel asks about the draft not yet marked, right above the new referral.
    render(<PanelApp client={panelTransport(() => undefined)} tabs={fixedTab()} />);
    expect(await screen.findByText(new RegExp(`^${reference} staat nog als concept in je register`, 'u'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ja, verstuurd' }));
    await waitFor(async () => expect((await loadRegister())[0]).toMatchObject({ reference, status: 'verzonden' }));
    expect(screen.queryByText(/staat nog als concept/u)).toBeNull();
  });

  it('"Telefoonnummer toevoegen" is one field, stored as a phone only, while the password stays in view', async () => {
    const user = userEvent.setup();
    await done(user);
    const password = screen.getByLabelText('Wachtwoord om door te geven').textContent ?? '';
    await user.click(screen.getByRole('button', { name: 'Telefoonnummer toevoegen' }));
    const field = screen.getByLabelText('Telefoonnummer van de sociale dienst van OCMW Lille');
    expect(document.activeElement).toBe(field);
    expect(screen.queryByLabelText(/Mailadres/u)).toBeNull();
    expect(screen.getByLabelText('Wachtwoord om door te geven').textContent).toBe(password);
    await user.type(field, 'geen nummer');
    await user.click(screen.getByRole('button', { name: 'Bewaar nummer' }));
    expect(screen.getByText(/telefoonnummer/iu, { selector: '.field-error' })).toBeTruthy();
    await user.clear(field);
    await user.type(field, '014 88 00 00');
    await user.click(screen.getByRole('button', { name: 'Bewaar nummer' }));
    expect(await screen.findByText('Bel de sociale dienst van OCMW Lille: 014 88 00 00')).toBeTruthy();
    expect(screen.getByText(/^Nummer door jou toegevoegd/u)).toBeTruthy();
    // A phone only: no personal copy of the mailbox, so no false "conflict" in a later team import.
    expect(await userAdditionsItem.get()).toEqual({});
    expect(await userPhonesItem.get()).toEqual({ '13019': { phone: '014 88 00 00', addedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u) } });
  });
});

describe('without a webmail in the tab', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('"Maak concept" answers in view, above the button bar, with the focus; the chosen manual route reads as "Zelf mailen"', async () => {
    const user = userEvent.setup();
    render(<PanelApp client={panelTransport(() => undefined)} tabs={fixedTab(null)} />);
    await toClientStep(user);
    await clientToDraft(user);
    const answer = await screen.findByText(/^Open je webmail in dit tabblad/u, { selector: 'form.wizard p' });
    expect(document.activeElement).toBe(answer);
    // Before the sticky bar in the page, so it is never hidden under it.
    const bar = document.querySelector('form.wizard > .actions');
    expect(bar && answer.compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /^Of maak alleen het versleutelde bestand/u }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Zelf mailen' })).toBeTruthy();
    expect(screen.queryByText(/kon niet|niet helemaal|misschien veranderd/u)).toBeNull();
    const rows = [...document.querySelectorAll('dl.manual-rows dt')].map((term) => term.textContent);
    expect(rows).toEqual(['Aan', 'Onderwerp', 'Tekst', 'Bijlage']);
    expect(screen.getByRole('link', { name: 'Download het versleutelde bestand' }).getAttribute('download')).toMatch(/^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u);
    // The same password call as the done step: the spelling aid with its typing rule, the phone, "doorgegeven".
    expect(screen.getByRole('heading', { level: 2, name: 'Geef het wachtwoord telefonisch door' })).toBeTruthy();
    expect(screen.getByText(/^Zeg erbij: alles in kleine letters/u)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Telefoonnummer toevoegen' })).toBeTruthy();
    expect(screen.getByLabelText('Wachtwoord doorgegeven')).toBeTruthy();
  });
});

describe('the webmail work the new compose took the place of', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('is said at the done step: the open reply was saved in Drafts (issue 21.10)', async () => {
    const user = userEvent.setup();
    const displaced = { kind: 'reply', savedAs: 'draft', heldOurZip: false };
    const client = panelTransport((message) =>
      message.type === 'draft.make' ? { status: 'filled', draft: readBackOf(message.request), tiers: [], displaced } : undefined,
    );
    render(<PanelApp client={client} tabs={fixedTab()} />);
    await toClientStep(user);
    await clientToDraft(user);
    await screen.findByRole('heading', { name: 'Concept klaar' });
    expect(screen.getByText(/^Je open antwoord/u).getAttribute('role')).toBe('status');
  });
});

describe('a form opened by a click', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('"Mailadres en protocol toevoegen" puts the focus on its first field (issue 21.4)', async () => {
    const user = userEvent.setup();
    panel();
    await toClientStep(user);
    await user.type(screen.getByLabelText('Postcode'), '1050');
    await user.click(screen.getByRole('button', { name: 'Mailadres en protocol toevoegen' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Mailadres voor aanmeldingen'));
  });
});
