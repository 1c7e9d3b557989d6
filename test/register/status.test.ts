import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateReference } from '../../lib/referral';
import {
  actionsFor, addReferral, can, exportRegister, importRegister, markClosedWithWarning, markNotSent, markSent, newEntry, previewImport, readReference,
  RegisterError, removeEntry, statusRank, withdraw,
} from '../../lib/register/register';
import { registerEntrySchema, registerSchema, registerStatuses, type RegisterEntry, type RegisterStatus } from '../../lib/register/schema';
import { loadRegister, recordClosedWithWarning, recordNotSent, recordReferral, recordRemoval, recordSent } from '../../lib/register/storage';

const lille = { recipientId: '13019', recipientName: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be', team: 'Team Middenkempen' };
const entry = (createdOn = '2026-11-02', corrects: string | null = null) => newEntry({ reference: generateReference(), createdOn, ...lille, corrects });
const fileOf = (format: string, entries: object[]) => JSON.stringify({ format, exportedOn: '2026-11-22', entries });

/** One entry brought to `status` through the register's own functions. */
function inStatus(status: RegisterStatus): { register: RegisterEntry[]; entry: RegisterEntry } {
  const a = entry();
  let register = addReferral([], a);
  if (status === 'verzonden') register = markSent(register, a.reference, '2026-11-03');
  if (status === 'niet_verzonden') register = markNotSent(register, a.reference, '2026-11-03');
  if (status === 'ingetrokken') register = withdraw(register, a.reference, '2026-11-10');
  if (status === 'verbeterd') register = addReferral(register, entry('2026-11-05', a.reference));
  return { register, entry: register.find((e) => e.reference === a.reference)! };
}

describe('register statuses (issue 14.3)', () => {
  it('offers each status exactly its actions: withdraw and correct from "concept klaar" and "verzonden", never from "niet verzonden"', () => {
    expect(Object.fromEntries(registerStatuses.map((status) => [status, actionsFor({ status })]))).toEqual({
      concept: ['markSent', 'markNotSent', 'withdraw', 'correct', 'remove'],
      niet_verzonden: ['markSent', 'remove'],
      verzonden: ['withdraw', 'correct'],
      verbeterd: ['withdraw'],
      ingetrokken: [],
    });
    for (const status of registerStatuses) expect(inStatus(status).entry.status).toBe(status);
  });

  it('marks a draft sent with the date, and refuses to mark it again or to mark it not sent afterwards', () => {
    const { register, entry: a } = inStatus('concept');
    const sent = markSent(register, a.reference, '2026-11-03');
    expect(sent[0]).toEqual({ ...a, status: 'verzonden', sentOn: '2026-11-03' });
    expect(() => markSent(sent, a.reference, '2026-11-04')).toThrow(RegisterError);
    expect(() => markNotSent(sent, a.reference, '2026-11-04')).toThrow(RegisterError);
    expect(() => markSent(sent, generateReference(), '2026-11-04')).toThrow(RegisterError);
  });

  it('marks a draft not sent with the date; it can be neither withdrawn nor corrected, but can still turn out sent', () => {
    const { register, entry: a } = inStatus('niet_verzonden');
    expect(a).toMatchObject({ status: 'niet_verzonden', notSentOn: '2026-11-03' });
    expect(() => withdraw(register, a.reference, '2026-11-10')).toThrow(RegisterError);
    expect(can('correct', a)).toBe(false);
    // A correction of it records the correction but leaves the draft that never went out as it is.
    expect(addReferral(register, entry('2026-11-05', a.reference)).find((e) => e.reference === a.reference)?.status).toBe('niet_verzonden');
    const sent = markSent(register, a.reference, '2026-11-06');
    expect(sent[0]).toEqual({ ...a, status: 'verzonden', sentOn: '2026-11-06', notSentOn: undefined });
    expect(Object.keys(sent[0]!)).not.toContain('notSentOn');
  });

  it('keeps the date sent when a sent referral is withdrawn or corrected', () => {
    const { register, entry: a } = inStatus('verzonden');
    expect(withdraw(register, a.reference, '2026-11-10')[0]).toMatchObject({ status: 'ingetrokken', sentOn: '2026-11-03', withdrawnOn: '2026-11-10' });
    const b = entry('2026-11-05', a.reference);
    expect(addReferral(register, b)[0]).toMatchObject({ status: 'verbeterd', sentOn: '2026-11-03', correctedBy: b.reference });
  });

  it('gives a correction that never went out back to its original, and links it again when it did go out after all', () => {
    const { register, entry: a } = inStatus('verzonden');
    const b = entry('2026-11-05', a.reference);
    const corrected = addReferral(register, b);
    const notSent = markNotSent(corrected, b.reference, '2026-11-06');
    expect(notSent.find((e) => e.reference === a.reference)).toEqual(a);
    expect(markSent(notSent, b.reference, '2026-11-07').find((e) => e.reference === a.reference)).toMatchObject({ status: 'verbeterd', correctedBy: b.reference });
    const removed = removeEntry(corrected, b.reference);
    expect(removed).toEqual([a]);
    // An original that was never marked sent goes back to "concept klaar".
    const { entry: c, register: draft } = inStatus('concept');
    const d = entry('2026-11-05', c.reference);
    expect(removeEntry(addReferral(draft, d), d.reference)).toEqual([c]);
  });

  it('removes only an entry that never reached the OCMW', () => {
    for (const status of ['concept', 'niet_verzonden'] as const) {
      const { register, entry: a } = inStatus(status);
      expect(removeEntry(register, a.reference)).toEqual([]);
    }
    for (const status of ['verzonden', 'ingetrokken', 'verbeterd'] as const) {
      const { register, entry: a } = inStatus(status);
      expect(() => removeEntry(register, a.reference), status).toThrow(RegisterError);
    }
  });

  it('notes a referral closed with a leak warning standing, and changes nothing for an unknown reference', () => {
    const { register, entry: a } = inStatus('concept');
    expect(markClosedWithWarning(register, a.reference)).toEqual([{ ...a, closedWithWarning: true }]);
    expect(markClosedWithWarning(register, generateReference())).toEqual(register);
  });

  it('reads the register the first version stored, and refuses a status without its date', () => {
    const first = { reference: 'KG-7F3Q-2M9X', createdOn: '2026-11-02', ...lille, status: 'ingetrokken', withdrawnOn: '2026-11-10', correctedBy: null, corrects: null };
    expect(registerSchema.parse([first])).toEqual([first]);
    expect(registerEntrySchema.safeParse({ ...first, status: 'verzonden', withdrawnOn: null }).success).toBe(false);
    expect(registerEntrySchema.safeParse({ ...first, status: 'verzonden', withdrawnOn: null, sentOn: '2026-11-03' }).success).toBe(true);
    expect(registerEntrySchema.safeParse({ ...first, status: 'niet_verzonden', notSentOn: '2026-11-03', sentOn: '2026-11-03' }).success).toBe(false);
    expect(registerEntrySchema.safeParse({ ...first, closedWithWarning: 'ja' }).success).toBe(false);
  });
});

describe('importing statuses (issue 14.3)', () => {
  const firstVersion = (overrides: object = {}) => ({
    reference: generateReference(), createdOn: '2026-11-02', recipientId: '13019', recipientName: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be',
    team: 'Team Middenkempen', status: 'concept', withdrawnOn: null, correctedBy: null, corrects: null, ...overrides,
  });

  it('still imports a file of the first version (@1), read with that version\'s statuses only', () => {
    const a = firstVersion();
    const b = firstVersion({ createdOn: '2026-11-03', status: 'ingetrokken', withdrawnOn: '2026-11-10' });
    const merged = importRegister([], fileOf('veilig-aanmelden/register@1', [a, b]));
    expect(merged).toEqual([expect.objectContaining({ reference: a.reference, status: 'concept' }), expect.objectContaining({ reference: b.reference, status: 'ingetrokken' })]);
    expect(() => importRegister([], fileOf('veilig-aanmelden/register@1', [firstVersion({ status: 'verzonden', sentOn: '2026-11-03' })]))).toThrow(RegisterError);
    expect(() => importRegister([], fileOf('veilig-aanmelden/register@3', [a]))).toThrow(RegisterError);
  });

  it('writes @2 with the new statuses and dates, and reads it back whole', () => {
    let register = [entry('2026-11-02'), entry('2026-11-03'), entry('2026-11-04')].reduce((list, e) => addReferral(list, e), [] as RegisterEntry[]);
    register = markSent(register, register[0]!.reference, '2026-11-05');
    register = markNotSent(register, register[1]!.reference, '2026-11-05');
    register = markClosedWithWarning(register, register[2]!.reference);
    const file = exportRegister(register, '2026-11-22');
    expect(JSON.parse(file).format).toBe('veilig-aanmelden/register@2');
    expect(importRegister([], file)).toEqual(register);
  });

  it('orders the statuses: concept < niet verzonden < verzonden < verbeterd < ingetrokken', () => {
    expect([...registerStatuses].sort((a, b) => statusRank[a] - statusRank[b])).toEqual(['concept', 'niet_verzonden', 'verzonden', 'verbeterd', 'ingetrokken']);
  });

  it.each(
    registerStatuses.flatMap((here) => registerStatuses.map((there) => [here, there] as const)),
  )('here %s, in the file %s: the status that went further wins', (here, there) => {
    const local = inStatus(here);
    const other = inStatus(there);
    // The same referral, in another state on another PC.
    const remote = other.register.map((e) => (e.reference === other.entry.reference ? { ...e, reference: local.entry.reference }
      : e.corrects === other.entry.reference ? { ...e, corrects: local.entry.reference } : e));
    const remoteEntry = remote.find((e) => e.reference === local.entry.reference)!;
    const preview = previewImport(local.register, exportRegister(remote, '2026-11-22'));
    const merged = preview.merged.find((e) => e.reference === local.entry.reference)!;
    const winner = statusRank[there] > statusRank[here] ? there : here;
    expect(merged.status).toBe(winner);
    if (winner !== here) {
      expect(preview.changes).toContainEqual({ kind: 'status', reference: local.entry.reference, from: here, to: there });
      expect(merged.sentOn).toBe(remoteEntry.sentOn ?? local.entry.sentOn);
      expect(merged.withdrawnOn).toBe(remoteEntry.withdrawnOn ?? local.entry.withdrawnOn);
      // The recipient stays this register's.
      expect(merged).toMatchObject({ recipientId: local.entry.recipientId, mailbox: local.entry.mailbox, createdOn: local.entry.createdOn });
    } else expect(merged).toEqual(local.entry);
    // Sent or further: the earlier "not sent" mark is gone.
    if (statusRank[merged.status] >= statusRank.verzonden) expect(merged.notSentOn).toBeUndefined();
    expect(registerEntrySchema.safeParse(merged).success).toBe(true);
  });

  it('keeps the date sent from here when the file only knows the withdrawal', () => {
    const local = inStatus('verzonden');
    const remote = [{ ...local.entry, status: 'ingetrokken' as const, sentOn: undefined, withdrawnOn: '2026-11-20' }];
    expect(importRegister(local.register, exportRegister(remote, '2026-11-22'))[0]).toMatchObject({ status: 'ingetrokken', sentOn: '2026-11-03', withdrawnOn: '2026-11-20' });
  });
});

describe('the register in the vault', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records sent, not sent, removal and a close with a warning', async () => {
    const [a, b, c] = [entry('2026-11-02'), entry('2026-11-03'), entry('2026-11-04')];
    for (const e of [a, b, c]) await recordReferral(e!);
    await recordSent(a!.reference, '2026-11-05');
    await recordNotSent(b!.reference, '2026-11-05');
    await recordRemoval(b!.reference);
    await recordClosedWithWarning(c!.reference);
    await recordClosedWithWarning(generateReference());
    expect(await loadRegister()).toEqual([{ ...a, status: 'verzonden', sentOn: '2026-11-05' }, { ...c, closedWithWarning: true }]);
    await expect(recordRemoval(a!.reference)).rejects.toThrow(RegisterError);
  });

  it('loses neither change when the wizard records a referral and its warning side by side', async () => {
    const a = entry();
    await Promise.all([recordReferral(a), recordClosedWithWarning(a.reference)]);
    expect(await loadRegister()).toEqual([{ ...a, closedWithWarning: true }]);
  });
});

describe('a typed or pasted reference', () => {
  const reference = generateReference();
  it('is read in any usual spelling', () => {
    expect(readReference(reference.toLowerCase().replace(/-/gu, ' '))).toEqual({ ok: true, reference });
    expect(readReference(` ${reference.slice(3)} `)).toEqual({ ok: true, reference });
  });

  it('tells a typo the check character caught, a character no reference has, and a wrong length apart', () => {
    const last = reference.at(-1);
    expect(readReference(reference.slice(0, -1) + (last === '2' ? '3' : '2'))).toEqual({ ok: false, problem: 'check' });
    expect(readReference(`${reference.slice(0, -1)}O`)).toEqual({ ok: false, problem: 'character', character: 'O' });
    expect(readReference(reference.slice(0, -1))).toEqual({ ok: false, problem: 'format' });
  });
});
