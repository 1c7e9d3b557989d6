import { describe, expect, it } from 'vitest';
import { generateReference } from '../../lib/referral';
import { evaluationCsv, evaluationRows } from '../../lib/register/evaluation';
import { addReferral, exportRegister, importRegister, markSent, newEntry, previewImport, RegisterError, withdraw } from '../../lib/register/register';
import { registerEntrySchema } from '../../lib/register/schema';
import { t } from '../../lib/i18n';

const lille = { recipientId: '13019', recipientName: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be', team: 'Team Middenkempen' };
const caw = { recipientId: 'caw-brussel', recipientName: 'CAW Brussel', mailbox: 'aanmelding@caw.example', team: 'Team Middenkempen' };
const entry = (createdOn: string, recipient = lille, corrects: string | null = null) => newEntry({ reference: generateReference(), createdOn, ...recipient, corrects });

describe('the register', () => {
  it('holds no client data: its schema refuses any other key', () => {
    expect(() => registerEntrySchema.parse({ ...entry('2026-11-02'), lastName: 'Peeters' })).toThrow();
  });

  it('moves a referral from concept to withdrawn, once', () => {
    const a = entry('2026-11-02');
    const register = withdraw(addReferral([], a), a.reference, '2026-11-10');
    expect(register[0]).toMatchObject({ status: 'ingetrokken', withdrawnOn: '2026-11-10' });
    expect(() => withdraw(register, a.reference, '2026-11-11')).toThrow(RegisterError);
    expect(() => withdraw(register, generateReference(), '2026-11-11')).toThrow(RegisterError);
  });

  it('links a correction to its original, and refuses a duplicate reference', () => {
    const a = entry('2026-11-02');
    const b = entry('2026-11-05', lille, a.reference);
    const register = addReferral(addReferral([], a), b);
    expect(register.find((e) => e.reference === a.reference)).toMatchObject({ status: 'verbeterd', correctedBy: b.reference });
    expect(register.find((e) => e.reference === b.reference)).toMatchObject({ status: 'concept', corrects: a.reference });
    expect(() => addReferral(register, a)).toThrow(RegisterError);
  });

  it('exports and imports as a file, merging by reference with the furthest status winning', () => {
    const a = entry('2026-11-02');
    const b = entry('2026-11-03');
    const here = addReferral(addReferral([], a), b);
    const file = exportRegister(withdraw(here, a.reference, '2026-11-20'), '2026-11-22');
    expect(JSON.parse(file)).toMatchObject({ format: 'veilig-aanmelden/register@2', exportedOn: '2026-11-22' });
    const c = entry('2026-11-04');
    const merged = importRegister(addReferral(here, c), file);
    expect(merged.map((e) => e.reference)).toEqual([a.reference, b.reference, c.reference]);
    expect(merged.find((e) => e.reference === a.reference)?.status).toBe('ingetrokken');
    expect(importRegister([], file)).toHaveLength(2);
  });

  it('refuses a file that is not a register', () => {
    expect(() => importRegister([], 'not json')).toThrow(RegisterError);
    expect(() => importRegister([], JSON.stringify({ format: 'veilig-aanmelden/register@1', exportedOn: '2026-11-22', entries: [{ reference: 'x' }] }))).toThrow(RegisterError);
  });
});

// Issue 13 item 1: an imported file named ocmw.antwerpen@evil.example, and its entry replaced the local one.
describe('importing a register file', () => {
  const fileOf = (entries: object[]) => JSON.stringify({ format: 'veilig-aanmelden/register@1', exportedOn: '2026-11-22', entries });

  it('takes recipient names and mailboxes from the directory by id, never from the file', () => {
    const forged = { ...entry('2026-11-02'), recipientName: 'OCMW Antwerpen', mailbox: 'ocmw.antwerpen@evil.example', team: 'x' };
    const preview = previewImport([], fileOf([forged]));
    expect(preview.changes).toEqual([{ kind: 'new', entry: expect.objectContaining({ reference: forged.reference }) }]);
    // The team label is kept since issue 14.9 (the evaluation's team column); it is text the CSV neutralises.
    expect(preview.merged[0]).toMatchObject({ recipientId: '13019', recipientName: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be', team: 'x' });
    expect(JSON.stringify(preview.merged)).not.toContain('evil.example');
  });

  it('never replaces a local entry\'s recipient; only moves its status on, and says so', () => {
    const a = entry('2026-11-02');
    const here = addReferral([], a);
    const forged = { ...a, recipientId: '11002', recipientName: 'Evil', mailbox: 'ocmw.antwerpen@evil.example', status: 'ingetrokken', withdrawnOn: '2026-11-10' };
    const preview = previewImport(here, fileOf([forged]));
    expect(preview.changes).toEqual([{ kind: 'status', reference: a.reference, from: 'concept', to: 'ingetrokken' }]);
    expect(preview.merged).toEqual([{ ...a, status: 'ingetrokken', withdrawnOn: '2026-11-10' }]);
    expect(previewImport(preview.merged, fileOf([a]))).toMatchObject({ changes: [], unchanged: 1 });
  });

  it('refuses a file naming a recipient the directory does not know, in Dutch, changing nothing', () => {
    const unknown = { ...entry('2026-11-02'), recipientId: '99999' };
    expect(() => previewImport([], fileOf([unknown]))).toThrow(new RegisterError(t('opt_registerUnknownRecipient', ['99999', unknown.reference])));
    expect(t('opt_registerUnknownRecipient', ['99999', 'KG-X'])).toMatch(/niet in de gids.*Er is niets veranderd/u);
  });
});

describe('the yearly evaluation', () => {
  const a = entry('2026-01-15');
  const b = entry('2026-01-20');
  const c = entry('2026-02-03', caw);
  const d = entry('2026-02-10', lille, a.reference);
  const old = entry('2025-12-30');
  let register = [old, a, b, c, d].reduce((list, e) => addReferral(list, e), [] as ReturnType<typeof addReferral>);
  for (const sent of [old, b, c, d]) register = markSent(register, sent.reference, sent.createdOn);
  register = withdraw(register, b.reference, '2026-02-01');

  it('counts referrals, withdrawals and corrections per recipient, month and team', () => {
    const team = 'Team Middenkempen';
    expect(evaluationRows(register, 2026)).toEqual([
      { month: '2026-01', recipientId: '13019', recipientName: 'OCMW Lille', team, referrals: 2, withdrawals: 0, corrections: 0 },
      { month: '2026-02', recipientId: 'caw-brussel', recipientName: 'CAW Brussel', team, referrals: 1, withdrawals: 0, corrections: 0 },
      { month: '2026-02', recipientId: '13019', recipientName: 'OCMW Lille', team, referrals: 0, withdrawals: 1, corrections: 1 },
    ]);
    expect(evaluationRows(register)).toHaveLength(4);
  });

  it('writes CSV for Excel with totals and no reference codes', () => {
    const csv = evaluationCsv(evaluationRows(register, 2026));
    expect(csv.startsWith('\uFEFFOntvanger;Maand;Aanmeldingen;Intrekkingen;Verbeteringen;Team\r\n')).toBe(true);
    expect(csv).toContain('OCMW Lille;"=""2026-01""";2;0;0;Team Middenkempen\r\n');
    expect(csv.trimEnd().split('\r\n').at(-1)).toBe('Totaal;;3;1;1;');
    expect(csv).not.toMatch(/KG-/u);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const csv = evaluationCsv([{ month: '2026-01', recipientId: '13019', recipientName: '=HYPERLINK("x")', team: '', referrals: 1, withdrawals: 0, corrections: 0 }]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  // Issue 13 item 8: a leading tab or CR was not neutralised, a comma not quoted, and names came from the register.
  it.each([['\t=1+1', "'\t=1+1"], ['\tx', "'\tx"], ['\r=1+1', `"'\r=1+1"`], ['  =1+1', "'  =1+1"], ['-2', "'-2"], ['@SUM(A1)', "'@SUM(A1)"], ['a,b', '"a,b"'], ['a;b', '"a;b"'], ['a\nb', '"a\nb"']])(
    'neutralises and quotes %j', (name, expected) => {
      const csv = evaluationCsv([{ month: '2026-01', recipientId: '13019', recipientName: name, team: name, referrals: 1, withdrawals: 0, corrections: 0 }]);
      expect(csv).toContain(`\r\n${expected};"=""2026-01""";1;0;0;${expected}\r\n`);
    });

  it('names each recipient from the directory by id, not from the register', () => {
    const forgedEntry = newEntry({ reference: generateReference(), createdOn: '2026-03-01', recipientId: '13019',
      recipientName: '=HYPERLINK("https://evil.example")', mailbox: 'x@evil.example', team: 't', corrects: null });
    const forged = markSent(addReferral([], forgedEntry), forgedEntry.reference, '2026-03-01');
    expect(evaluationRows(forged, 2026)[0]?.recipientName).toBe('OCMW Lille');
    const unknownEntry = newEntry({ reference: generateReference(), createdOn: '2026-03-01', recipientId: '99999',
      recipientName: 'Iets', mailbox: 'x@evil.example', team: 't', corrects: null });
    const unknown = markSent(addReferral([], unknownEntry), unknownEntry.reference, '2026-03-01');
    expect(evaluationRows(unknown, 2026)[0]?.recipientName).toBe('(onbekend: 99999)');
  });
});
