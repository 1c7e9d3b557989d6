import { describe, expect, it } from 'vitest';
import { pilotFileName, pilotReportText, pilotSubject, runOfficePilot, type PilotOptions, type PilotReport } from '../../addin/pilot';
import { t } from '../../lib/i18n';
import { FakeOffice, officeErrors } from './fake-office';

// The add-in's pilot check, "Test de koppeling" (issue 22 item 6), against the typed fake of Office.context.mailbox.item:
// the whole chain in a new, empty mail, a ✓ or ✗ per step with the reason in Dutch, and nothing removed or sent.

const own = 'jan.peeters@example.org';
const fast: PilotOptions = { retryWaitMs: 1, callTimeoutMs: 2_000 };
const testText = t('addin_pilotBody');
const testBytes = new TextEncoder().encode(testText);

/** The report as "✓ label: reason" lines, as IT reads it. */
const shown = (report: PilotReport) => pilotReportText(report, 'fake').split('\n').slice(1);
/** Every call that changes the mail, removes something or sends. */
const changes = (office: FakeOffice) => office.calls.filter((call) => !call.endsWith('getAsync') && call !== 'getAttachmentsAsync' && call !== 'getComposeTypeAsync');

describe('"Test de koppeling" in the add-in', () => {
  it('runs the whole chain to the worker\'s own address and reports every step as worked; removes nothing', async () => {
    const office = new FakeOffice({ latencyMs: 1 });
    const report = await runOfficePilot(office.item, `  ${own.toUpperCase()} `, fast);
    expect(report.started).toBe(true);
    expect(shown(report)).toEqual([
      '✓ Een nieuwe, lege mail',
      '✓ Tekst',
      `✓ Aan: ${own}`,
      '✓ Onderwerp',
      `✓ Bijlage toevoegen (${pilotFileName})`,
      '✓ Concept opslaan',
      '✓ Teruglezen: Aan, Cc, Bcc, onderwerp en tekst zoals ingevuld',
      '✓ Bijlage met de juiste naam',
      `✓ Grootte van de bijlage: ${testBytes.length} bytes`,
      '✓ Soort bijlage: een bestand',
      '✓ Bijlage niet in de tekst (niet inline)',
    ]);
    // The test mail holds exactly the test: the worker's address, the subject, the text, one harmless file.
    expect(office.state.to.map((entry) => entry.emailAddress)).toEqual([own]);
    expect(office.state.subject).toBe(pilotSubject);
    expect(office.state.subject).toBe('Veilig Aanmelden – test');
    expect(office.state.bodyText).toBe(testText);
    expect(office.committedFiles(pilotFileName)).toEqual([testBytes]);
    expect(new TextDecoder().decode(office.committedFiles(pilotFileName)[0])).toMatch(/Geen gegevens van cliënten/u);
    expect(changes(office)).toEqual(['body.setAsync', 'to.setAsync', 'subject.setAsync', 'addFileAttachmentFromBase64Async', 'saveAsync']);
    expect(office.maxInFlight).toBe(1);
  });

  it('leaves To empty without an own address and says so; the rest still runs', async () => {
    const office = new FakeOffice();
    const report = await runOfficePilot(office.item, '', fast);
    const lines = shown(report);
    expect(lines[2]).toBe(`– Aan: ${t('addin_pilotNoAddress')}`);
    expect(lines[2]).toMatch(/leeg gelaten: je eigen mailadres is niet gekend/u);
    expect(report.lines.filter((line) => line.ok === false)).toEqual([]);
    expect(office.state.to).toEqual([]);
    expect(office.calls).not.toContain('to.setAsync');
  });

  it.each([
    ['a reply', new FakeOffice({ composeType: 'reply', initial: { to: ['collega@example.org'], subject: 'RE: vraag' } }), /^✗ Een nieuwe, lege mail: Dit is een antwoord of een doorgestuurde mail/u],
    ['a new mail with a signature', new FakeOffice({ initial: { bodyText: 'Met vriendelijke groet,\nJan Peeters' } }), /^✗ Een nieuwe, lege mail: Deze mail is niet leeg .* handtekening/u],
  ] as const)('does not start in %s, and changes nothing in it', async (_what, office, reason) => {
    const before = JSON.stringify(office.state);
    const report = await runOfficePilot(office.item, own, fast);
    expect(report.started).toBe(false);
    expect(shown(report)).toHaveLength(1);
    expect(shown(report)[0]).toMatch(reason);
    expect(JSON.stringify(office.state)).toBe(before);
    expect(changes(office)).toEqual([]);
  });

  it('names Outlook\'s refusal of the file in Dutch with its error name, and checks nothing of a file not added', async () => {
    const office = new FakeOffice();
    office.failNext('addFileAttachmentFromBase64Async', officeErrors.fileType);
    const lines = shown(await runOfficePilot(office.item, own, fast));
    expect(lines[4]).toBe(`✗ Bijlage toevoegen (${pilotFileName}): Outlook weigert dit soort bijlage. Vraag je IT-dienst om zip-bestanden toe te laten. (FileTypeNotSupported)`);
    expect(lines[5]).toBe('✓ Concept opslaan');
    expect(lines.slice(7)).toEqual([
      '– Bijlage met de juiste naam: de bijlage is niet toegevoegd',
      `– Grootte van de bijlage: ${testBytes.length} bytes: de bijlage is niet toegevoegd`,
      '– Soort bijlage: een bestand: de bijlage is niet toegevoegd',
      '– Bijlage niet in de tekst (niet inline): de bijlage is niet toegevoegd',
    ]);
    expect(office.calls.filter((call) => call === 'addFileAttachmentFromBase64Async')).toHaveLength(1);
  });

  it('saves again while Outlook is still committing the file, and finds it', async () => {
    const office = new FakeOffice({ commitAfterSaves: 2 });
    const report = await runOfficePilot(office.item, own, fast);
    expect(report.lines.every((line) => line.ok === true)).toBe(true);
    expect(office.state.saves).toBe(2);
    expect(office.committedFiles(pilotFileName)).toHaveLength(1);
  });

  it('reports a file Outlook never lists after saving', async () => {
    const office = new FakeOffice({ commitAfterSaves: 10 });
    const lines = shown(await runOfficePilot(office.item, own, fast));
    expect(lines[7]).toBe('✗ Bijlage met de juiste naam: Outlook toont na het opslaan geen bijlage met die naam');
    expect(lines[8]).toMatch(/^– Grootte/u);
    expect(office.state.saves).toBe(3);
  });

  it('reports the size, type and inline state Outlook gives when they are not the file\'s', async () => {
    const office = new FakeOffice();
    office.after('saveAsync', (state) => {
      for (const attachment of state.attachments) Object.assign(attachment, { bytes: new Uint8Array(7), attachmentType: 'cloud', isInline: true });
    });
    const lines = shown(await runOfficePilot(office.item, own, fast));
    expect(lines.slice(7)).toEqual([
      '✓ Bijlage met de juiste naam',
      `✗ Grootte van de bijlage: ${testBytes.length} bytes: Outlook meldt 7 bytes`,
      '✗ Soort bijlage: een bestand: Outlook meldt de soort „cloud”',
      '✗ Bijlage niet in de tekst (niet inline): Outlook meldt ze als inline',
    ]);
  });

  it('catches a read-back that differs: a Cc, another To, another subject, a text with a signature added', async () => {
    const office = new FakeOffice();
    office.after('saveAsync', (state) => {
      state.cc = [{ emailAddress: 'collega@example.org', displayName: 'collega', appointmentResponse: 'none' as Office.MailboxEnums.ResponseType, recipientType: 'externalUser' as Office.MailboxEnums.RecipientType }];
      state.to = [{ ...state.to[0]!, emailAddress: 'iemand@example.org' }];
      state.subject = 'RE: test';
      state.bodyText = `${state.bodyText}\nMet vriendelijke groet`;
    });
    const lines = shown(await runOfficePilot(office.item, own, fast));
    expect(lines[6]).toBe(
      '✗ Teruglezen: Aan, Cc, Bcc, onderwerp en tekst zoals ingevuld: Outlook geeft als Aan „iemand@example.org”; Cc of Bcc is niet leeg; het onderwerp is anders dan ingevuld; de tekst is anders dan ingevuld (een handtekening?)',
    );
  });

  it('says Outlook does not answer when a call hangs (as attaching did under S/MIME signing), and never throws', async () => {
    const office = new FakeOffice({ latencyMs: 200 });
    const report = await runOfficePilot(office.item, own, { ...fast, callTimeoutMs: 20 });
    expect(report.started).toBe(false);
    expect(shown(report)).toEqual(['✗ Een nieuwe, lege mail: Outlook antwoordt niet. Controleer je verbinding en probeer opnieuw. (Timeout)']);
  });

  it('has its texts in English and French too', () => {
    for (const locale of ['en', 'fr'] as const) {
      expect(t('addin_pilotTitle', [], locale)).not.toBe(t('addin_pilotTitle'));
      expect(t('addin_pilotBody', [], locale)).not.toBe(testText);
    }
  });
});
