import { beforeAll, describe, expect, it } from 'vitest';
import { coverHtml, describeOfficeItem, makeOfficeDraft, readOfficeDraft, type OfficeDraftOptions } from '../../addin/office-draft';
import { addinTexts, officeFailureOf, officeFailureText } from '../../addin/texts';
import { toBase64, type DraftRequestMessage, type DraftResult } from '../../lib/messages';
import { verifyDraft, type ExpectedDraft } from '../../lib/panel/verify';
import { generatePassword } from '../../lib/password';
import { packReferral, parseReferral, type Referral } from '../../lib/referral';
import { referralMailText } from '../../lib/templates/cover';
import { now, validInput } from '../support/people';
import { readZip } from '../support/zip';
import { FakeOffice, htmlToText, officeErrors, type FakeOfficeOptions } from './fake-office';

// The add-in's draft against the typed fake of Office.context.mailbox.item (issue 22.3, 22.5): the same answers as the
// extension's content script, judged by the panel's own verifyDraft.

const mailbox = 'sociale.dienst@lille.be';
const fast: OfficeDraftOptions = { retryWaitMs: 1, callTimeoutMs: 2_000 };

let referral: Referral;
let password: string;
let packed: { fileName: string; bytes: Uint8Array; reference: string };
let request: DraftRequestMessage;
let expected: ExpectedDraft;

beforeAll(async () => {
  const parsed = parseReferral(validInput, { now });
  if (!parsed.ok) throw new Error('test referral must parse');
  referral = parsed.referral;
  password = generatePassword();
  packed = await packReferral(referral, password, { now });
  const text = referralMailText(packed.reference);
  request = { to: mailbox, subject: text.subject, body: text.body, fileName: packed.fileName, zipBase64: toBase64(packed.bytes) };
  expected = { to: mailbox, from: null, subject: text.subject, body: text.body, fileName: packed.fileName, referral };
});

const fresh = (options: FakeOfficeOptions = {}) => new FakeOffice(options);
const filled = (result: DraftResult) => {
  if (result.status !== 'filled') throw new Error(`expected a filled draft, got ${JSON.stringify({ ...result, draft: undefined })}`);
  return result.draft;
};

describe('makeOfficeDraft: a referral end to end in a new mail', () => {
  it('fills body, To, subject, attaches and saves, one call at a time; the read-back passes verifyDraft and the zip opens', async () => {
    const office = fresh({ latencyMs: 1 });
    const draft = filled(await makeOfficeDraft(office.item, request, fast));
    expect(verifyDraft(draft, expected)).toEqual([]);
    expect(draft).toMatchObject({ to: [mailbox], cc: [], bcc: [], attachments: [packed.fileName], from: '', replyTo: [], followupTo: [] });
    // The order the office-js threads ask for: body before the attachment (#6792); the save after it.
    const writes = office.calls.filter((name) => name.endsWith('setAsync') || name === 'addFileAttachmentFromBase64Async' || name === 'saveAsync');
    expect(writes).toEqual(['body.setAsync', 'to.setAsync', 'subject.setAsync', 'addFileAttachmentFromBase64Async', 'saveAsync']);
    expect(office.maxInFlight).toBe(1);
    // The body is HTML made from the cover text; the zip Outlook holds opens with the password.
    expect(office.state.bodyHtml).toBe(coverHtml(request.body));
    const [bytes, ...more] = office.committedFiles(packed.fileName);
    expect(more).toEqual([]);
    const files = await readZip(bytes!, password);
    expect(Object.keys(files).sort()).toEqual(['aanmelding.json', 'aanmelding.txt', 'contact.vcf']);
    expect(files['aanmelding.txt']).toContain('Peeters');
    // No client data left the panel: not in the texts Outlook holds.
    expect(`${office.state.subject}\n${office.state.bodyHtml}`).not.toMatch(/Peeters|Kerkstraat|0470|470 ?12/u);
  });

  it('calls made at once (the panel reading while describing) still reach Outlook one at a time', async () => {
    const office = fresh({ latencyMs: 2 });
    const results = await Promise.all([describeOfficeItem(office.item, undefined, fast), readOfficeDraft(office.item, null, fast), readOfficeDraft(office.item, null, fast)]);
    expect(results[1]).toMatchObject({ ok: true });
    expect(office.maxInFlight).toBe(1);
  });

  it('works where the host has no getComposeTypeAsync (Mailbox 1.8), judging by the fields', async () => {
    const office = fresh({ mailbox110: false });
    expect(office.item.getComposeTypeAsync).toBeUndefined();
    expect(verifyDraft(filled(await makeOfficeDraft(office.item, request, fast)), expected)).toEqual([]);
  });

  it('a withdrawal notice: no file, saved, and the read-back has no attachment', async () => {
    const office = fresh();
    const notice = { to: mailbox, subject: request.subject, body: request.body };
    const draft = filled(await makeOfficeDraft(office.item, notice, fast));
    expect(draft.attachments).toEqual([]);
    expect(office.state.saves).toBe(1);
    expect(verifyDraft(draft, { ...expected, fileName: null, referral: null })).toEqual([]);
  });
});

describe('makeOfficeDraft: only a new, untouched mail', () => {
  it.each(['reply', 'forward'] as const)('refuses a %s at openCompose and changes nothing', async (composeType) => {
    const office = fresh({ composeType, initial: { to: ['an.janssens@example.org'], subject: 'RE: vraag', bodyText: '> Jan Peeters schreef …' } });
    const result = await makeOfficeDraft(office.item, request, fast);
    expect(result).toMatchObject({ status: 'failed', failedStep: 'openCompose', completed: [] });
    if (result.status !== 'failed') return;
    expect(officeFailureOf(result.detail)).toBe('notNew');
    expect(officeFailureText(result.detail)).toBe(addinTexts.nl.notNew);
    expect(office.calls.filter((name) => name.endsWith('setAsync') || name.startsWith('add') || name === 'saveAsync')).toEqual([]);
    expect(office.state.subject).toBe('RE: vraag');
  });

  it('refuses an empty-looking reply where the host cannot say its type only by its fields, and a mail with anything in it', async () => {
    const cases: FakeOfficeOptions['initial'][] = [
      { to: ['an.janssens@example.org'] },
      { cc: ['collega@example.org'] },
      { subject: 'Vraag' },
      { bodyText: 'Beste,' },
      { attachments: [{ name: 'foto.jpg', bytes: new Uint8Array([1, 2, 3]) }] },
      // Our own file name, but inline: not a file of ours.
      { attachments: [{ name: 'aanmelding-KG-2222-2222.zip', bytes: new Uint8Array([1]), isInline: true }] },
    ];
    for (const initial of cases) {
      const office = fresh({ mailbox110: false, initial });
      const result = await makeOfficeDraft(office.item, request, fast);
      expect(result, JSON.stringify(initial)).toMatchObject({ status: 'failed', failedStep: 'openCompose' });
      if (result.status === 'failed') expect(officeFailureOf(result.detail)).toBe('notEmpty');
      expect(office.calls.filter((name) => name.endsWith('setAsync') || name.startsWith('add') || name === 'saveAsync')).toEqual([]);
    }
  });

  it('describeOfficeItem says what the mail is, as the content script describes its tab', async () => {
    await expect(describeOfficeItem(fresh().item)).resolves.toMatchObject({
      tab: { adapter: 'outlook', compose: true, origin: 'https://outlook.office.com' }, composeType: 'newMail', untouched: true, ready: true,
    });
    await expect(describeOfficeItem(fresh({ composeType: 'reply', initial: { to: ['a@example.org'] } }).item)).resolves.toMatchObject({ composeType: 'reply', ready: false });
    await expect(describeOfficeItem(fresh({ mailbox110: false, initial: { subject: 'x' } }).item)).resolves.toMatchObject({ composeType: null, untouched: false, ready: false });
    await expect(describeOfficeItem(fresh({ mailbox110: false }).item)).resolves.toMatchObject({ composeType: null, ready: true });
  });
});

describe('makeOfficeDraft and the read-back: what verifyDraft must catch', () => {
  it('a To rewritten after the save is read back and caught', async () => {
    const office = fresh();
    office.after('saveAsync', (state) => {
      state.to = [...state.to, { emailAddress: 'attacker@example.org', displayName: 'x', appointmentResponse: 'none', recipientType: 'externalUser' }];
    });
    const draft = filled(await makeOfficeDraft(office.item, request, fast));
    expect(verifyDraft(draft, expected)).toEqual([{ kind: 'to', found: [mailbox, 'attacker@example.org'] }]);
  });

  it('an attachment with our name that is inline, not a file, of another size or other content is not ours', async () => {
    const zip = packed.bytes;
    const variants = [
      { init: { name: packed.fileName, bytes: zip, isInline: true }, marker: '[inline]' },
      { init: { name: packed.fileName, bytes: zip, attachmentType: 'item' as const }, marker: '[item]' },
      { init: { name: packed.fileName, bytes: zip.subarray(1) }, marker: 'expected' },
      { init: { name: packed.fileName, bytes: zip.map((byte, index) => (index === 40 ? byte ^ 1 : byte)) }, marker: '[other content]' },
    ];
    for (const { init, marker } of variants) {
      const office = fresh({ initial: { attachments: [init] } });
      const read = await readOfficeDraft(office.item, { fileName: packed.fileName, size: zip.length, zipBase64: request.zipBase64 ?? '' }, fast);
      if (!read.ok) throw new Error(read.detail);
      expect(read.draft.attachments[0]).toContain(marker);
      expect(verifyDraft({ ...read.draft, to: [mailbox], subject: request.subject, body: request.body }, expected)).toContainEqual({ kind: 'attachment', found: read.draft.attachments });
    }
  });

  it('new Outlook returning text labelled base64 (#5725) does not make our own file look foreign', async () => {
    const office = fresh({ contentQuirk: true });
    const draft = filled(await makeOfficeDraft(office.item, request, fast));
    expect(draft.attachments).toEqual([packed.fileName]);
    expect(verifyDraft(draft, expected)).toEqual([]);
  });

  it('the cover text becomes safe HTML: markup in it stays text', () => {
    const html = coverHtml('Beste,\n<img src=x onerror=alert(1)> & "zo"\n\nGroeten');
    expect(html).not.toMatch(/<img|onerror="|"zo"/u);
    expect(htmlToText(html)).toBe('Beste,\n<img src=x onerror=alert(1)> & "zo"\n\nGroeten');
  });
});

describe('makeOfficeDraft: Outlook errors name their step, and a retry never attaches a second copy', () => {
  const cases = [
    { name: 'too large', method: 'addFileAttachmentFromBase64Async', error: officeErrors.attachmentSize, times: 1, step: 'attach', code: 'attachmentSize' },
    { name: 'too many attachments', method: 'addFileAttachmentFromBase64Async', error: officeErrors.attachmentCount, times: 1, step: 'attach', code: 'attachmentCount' },
    { name: 'upload failure', method: 'addFileAttachmentFromBase64Async', error: officeErrors.uploadFailure, times: 1, step: 'attach', code: 'attachFailed' },
    { name: 'busy on the attach, every time', method: 'addFileAttachmentFromBase64Async', error: officeErrors.busy, times: 3, step: 'attach', code: 'busy' },
    { name: 'busy on the save, every time', method: 'saveAsync', error: officeErrors.busy, times: 3, step: 'attach', code: 'busy' },
    { name: 'a failed save after the attach', method: 'saveAsync', error: officeErrors.internal, times: 1, step: 'attach', code: 'error' },
    { name: 'busy on To, every time', method: 'to.setAsync', error: officeErrors.busy, times: 3, step: 'recipient', code: 'busy' },
    { name: 'a subject refused', method: 'subject.setAsync', error: officeErrors.tooLong, times: 1, step: 'subject', code: 'tooLong' },
    { name: 'a body refused', method: 'body.setAsync', error: officeErrors.tooLong, times: 1, step: 'body', code: 'tooLong' },
  ] as const;

  it.each(cases)('$name: fails at $step ($code), then the retry makes exactly one copy', async ({ method, error, times, step, code }) => {
    const office = fresh();
    office.failNext(method, error, times);
    const first = await makeOfficeDraft(office.item, request, fast);
    expect(first).toMatchObject({ status: 'failed', failedStep: step, tiers: [] });
    if (first.status !== 'failed') return;
    expect(officeFailureOf(first.detail)).toBe(code);
    expect(officeFailureText(first.detail)).toBe(addinTexts.nl[code]);
    // The worker's retry in the same mail: it goes on, and one copy is all the server holds.
    const before = office.calls.length;
    const second = filled(await makeOfficeDraft(office.item, request, fast));
    // A body already ours is not set again (after an attach, new Outlook may upload it again: #6792).
    if (step !== 'body') expect(office.calls.slice(before)).not.toContain('body.setAsync');
    expect(verifyDraft(second, expected)).toEqual([]);
    expect(office.state.attachments).toHaveLength(1);
    expect(office.committedFiles(packed.fileName)).toHaveLength(1);
  });

  it('where Outlook lists a queued attachment (listQueued), the retry finds it there and adds none', async () => {
    const office = fresh({ listQueued: true });
    office.failNext('saveAsync', officeErrors.internal);
    expect(await makeOfficeDraft(office.item, request, fast)).toMatchObject({ status: 'failed', failedStep: 'attach' });
    expect(verifyDraft(filled(await makeOfficeDraft(office.item, request, fast)), expected)).toEqual([]);
    expect(office.calls.filter((name) => name === 'addFileAttachmentFromBase64Async')).toHaveLength(1);
  });

  it('a single "too many calls" is waited out and retried without a second copy', async () => {
    const office = fresh();
    office.failNext('addFileAttachmentFromBase64Async', officeErrors.busy);
    expect(verifyDraft(filled(await makeOfficeDraft(office.item, request, fast)), expected)).toEqual([]);
    expect(office.state.attachments).toHaveLength(1);
  });

  it('an attachment still being committed after its save is saved again; if it stays so, attachmentPending, and the retry finishes it', async () => {
    const slow = fresh({ commitAfterSaves: 2 });
    expect(verifyDraft(filled(await makeOfficeDraft(slow.item, request, fast)), expected)).toEqual([]);
    expect(slow.state.saves).toBe(2);

    const stuck = fresh({ commitAfterSaves: 5 });
    const first = await makeOfficeDraft(stuck.item, request, { ...fast, commitTries: 2 });
    expect(first).toMatchObject({ status: 'failed', failedStep: 'attach', completed: ['openCompose', 'body', 'recipient', 'subject'] });
    if (first.status === 'failed') expect(officeFailureOf(first.detail)).toBe('attachmentPending');
    const second = await makeOfficeDraft(stuck.item, request, { ...fast, commitTries: 3 });
    expect(verifyDraft(filled(second), expected)).toEqual([]);
    expect(stuck.state.attachments).toHaveLength(1);
  });

  it('a file over the documented base64 limit is refused before Outlook is asked', async () => {
    const office = fresh({ maxBase64Chars: 100 });
    const result = await makeOfficeDraft(office.item, request, fast);
    expect(result).toMatchObject({ status: 'failed', failedStep: 'attach' });
    if (result.status === 'failed') expect(officeFailureOf(result.detail)).toBe('attachmentSize');
  });

  it('a hung call counts as a timeout at its step', async () => {
    const office = fresh({ latencyMs: 200 });
    const result = await makeOfficeDraft(office.item, request, { ...fast, callTimeoutMs: 50 });
    expect(result).toMatchObject({ status: 'failed', failedStep: 'openCompose', draft: null });
    if (result.status === 'failed') expect(officeFailureOf(result.detail)).toBe('timeout');
    // One hung call, not one per field of a read-back after it.
    expect(office.calls).toHaveLength(1);
  });

  it('a retry in a mail someone else changed in between is refused, not finished', async () => {
    const office = fresh();
    office.failNext('saveAsync', officeErrors.internal);
    await makeOfficeDraft(office.item, request, fast);
    office.state.cc = [{ emailAddress: 'collega@example.org', displayName: 'c', appointmentResponse: 'none', recipientType: 'externalUser' }];
    const retry = await makeOfficeDraft(office.item, request, fast);
    expect(retry).toMatchObject({ status: 'failed', failedStep: 'openCompose' });
  });

  it('every add-in failure text exists in Dutch, English and French', () => {
    for (const locale of ['nl', 'en', 'fr'] as const) for (const text of Object.values(addinTexts[locale])) expect(text.trim()).not.toBe('');
    expect(officeFailureText('outlook: no attach tier worked')).toBeNull();
  });
});
