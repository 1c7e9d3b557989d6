import { describe, expect, it } from 'vitest';
import { verifyDraft, type ExpectedDraft } from '../../lib/panel/verify';
import { parseReferral } from '../../lib/referral';
import type { ReadBack } from '../../lib/messages';
import { referralMailText } from '../../lib/templates/cover';

const referral = (() => {
  const parsed = parseReferral({
    client: { firstName: 'Jan', lastName: 'Peeters', phone: '0470 12 34 56', address: { street: 'Kerkstraat', houseNumber: '1', box: '', postcode: '2275', municipality: 'Lille' } },
    consent: { informed: true, consented: true, date: '2026-11-20', manner: 'mondeling' },
  });
  if (!parsed.ok) throw new Error('test referral must parse');
  return parsed.referral;
})();

const made = referralMailText('KG-7F3Q-2M9X');
const expected: ExpectedDraft = {
  to: 'sociale.dienst@lille.be', from: 'sofie.wouters@kindengezin.be', subject: made.subject, body: made.body,
  fileName: 'aanmelding-KG-7F3Q-2M9X.zip', referral,
};
const right: ReadBack = {
  to: ['sociale.dienst@lille.be'], cc: [], bcc: [], subject: made.subject, body: made.body,
  attachments: ['aanmelding-KG-7F3Q-2M9X.zip'], from: 'sofie.wouters@kindengezin.be', replyTo: [], followupTo: [],
};

describe('verifyDraft: the draft is accepted only when it is exactly right', () => {
  it('accepts exactly the mailbox, no Cc or Bcc, our one zip (also shown with a size), clean texts', () => {
    expect(verifyDraft(right, expected)).toEqual([]);
    expect(verifyDraft({ ...right, to: ['Sociale.Dienst@Lille.be'], attachments: ['aanmelding-KG-7F3Q-2M9X.zip (1 kB)'] }, expected)).toEqual([]);
  });

  it('names each wrong field', () => {
    expect(verifyDraft({ ...right, to: ['attacker@example.org'] }, expected)).toEqual([{ kind: 'to', found: ['attacker@example.org'] }]);
    expect(verifyDraft({ ...right, to: [...right.to, 'other@example.org'] }, expected)).toEqual([{ kind: 'to', found: [...right.to, 'other@example.org'] }]);
    expect(verifyDraft({ ...right, to: [] }, expected)).toEqual([{ kind: 'to', found: [] }]);
    expect(verifyDraft({ ...right, cc: ['collega@example.org'] }, expected)).toEqual([{ kind: 'cc', found: ['collega@example.org'] }]);
    expect(verifyDraft({ ...right, bcc: ['x@example.org'] }, expected)).toEqual([{ kind: 'bcc', found: ['x@example.org'] }]);
    expect(verifyDraft({ ...right, attachments: [] }, expected)).toEqual([{ kind: 'attachment', found: [] }]);
    expect(verifyDraft({ ...right, attachments: [...right.attachments, 'foto.jpg'] }, expected)).toEqual([
      { kind: 'attachment', found: [...right.attachments, 'foto.jpg'] },
    ]);
    expect(verifyDraft({ ...right, attachments: ['aanmelding-KG-2222-2222.zip'] }, expected)).toEqual([
      { kind: 'attachment', found: ['aanmelding-KG-2222-2222.zip'] },
    ]);
  });

  it('runs the leak check on the texts the webmail holds, a quoted thread included', () => {
    const problems = verifyDraft({ ...right, body: `${right.body}\n> Jan Peeters, 0470 12 34 56` }, expected);
    expect(problems.map((problem) => (problem.kind === 'leak' ? problem.finding.kind : problem.kind)).sort()).toEqual(['name', 'phone']);
  });

  it('a notice carries no attachment and is not leak-checked', () => {
    const notice = { ...expected, fileName: null, referral: null };
    expect(verifyDraft({ ...right, attachments: [] }, notice)).toEqual([]);
    expect(verifyDraft(right, notice)).toEqual([{ kind: 'attachment', found: right.attachments }]);
  });
});

// Issue 20 item 1: every header that routes answers, and the sending identity.
describe('verifyDraft: answers go nowhere else, and the mail leaves from the expected identity', () => {
  it('refuses a Reply-To or Followup-To other than the sending address itself', () => {
    expect(verifyDraft({ ...right, replyTo: ['attacker@example.org'] }, expected)).toEqual([{ kind: 'replyTo', found: ['attacker@example.org'] }]);
    expect(verifyDraft({ ...right, followupTo: ['lijst@example.org'] }, expected)).toEqual([{ kind: 'followupTo', found: ['lijst@example.org'] }]);
    expect(verifyDraft({ ...right, replyTo: [right.from, 'attacker@example.org'] }, expected)).toEqual([
      { kind: 'replyTo', found: [right.from, 'attacker@example.org'] },
    ]);
    // Where the webmail shows no sender, no Reply-To can be "the sender itself".
    expect(verifyDraft({ ...right, from: '', replyTo: ['sofie.wouters@kindengezin.be'] }, { ...expected, from: null })).toEqual([
      { kind: 'replyTo', found: ['sofie.wouters@kindengezin.be'] },
    ]);
  });

  it('accepts a Reply-To or Followup-To that is exactly the sending address', () => {
    expect(verifyDraft({ ...right, replyTo: ['Sofie.Wouters@KindEnGezin.be'], followupTo: [right.from] }, expected)).toEqual([]);
  });

  it('requires the expected sending identity, case-insensitive; null expects none', () => {
    expect(verifyDraft({ ...right, from: 'gedeeld.team@kindengezin.be' }, expected)).toEqual([
      { kind: 'from', found: 'gedeeld.team@kindengezin.be', expected: 'sofie.wouters@kindengezin.be' },
    ]);
    expect(verifyDraft({ ...right, from: '' }, expected)).toEqual([{ kind: 'from', found: '', expected: 'sofie.wouters@kindengezin.be' }]);
    expect(verifyDraft(right, { ...expected, from: 'SOFIE.WOUTERS@kindengezin.be' })).toEqual([]);
    expect(verifyDraft({ ...right, from: '' }, { ...expected, from: null })).toEqual([]);
    expect(verifyDraft({ ...right, from: 'wie.dan.ook@example.org' }, { ...expected, from: null })).toEqual([]);
  });
});

// Issue 20 item 7: after a reload the webmail lost subject and text; once To was typed back the check said "in orde".
describe('verifyDraft: "in orde" needs the subject and the cover text as made', () => {
  it('names an empty subject and an empty text (the draft after a reload, To typed back)', () => {
    expect(verifyDraft({ ...right, subject: '', body: '' }, expected)).toEqual([{ kind: 'subject', found: '', expected: made.subject }, { kind: 'body' }]);
  });

  it('names a subject other than the one made, and a text missing part of the cover text', () => {
    expect(verifyDraft({ ...right, subject: 'Aanmelding Kind en Gezin' }, expected)).toEqual([{ kind: 'subject', found: 'Aanmelding Kind en Gezin', expected: made.subject }]);
    expect(verifyDraft({ ...right, subject: 'Aanmelding Kind en Gezin – KG-2222-2222' }, expected)).toEqual([
      { kind: 'subject', found: 'Aanmelding Kind en Gezin – KG-2222-2222', expected: made.subject },
    ]);
    expect(verifyDraft({ ...right, body: made.body.slice(0, 200) }, expected)).toEqual([{ kind: 'body' }]);
    expect(verifyDraft({ ...right, body: made.body.replace('KG-7F3Q-2M9X', 'KG-2222-2222') }, expected)).toEqual([{ kind: 'body' }]);
  });

  it('accepts the cover text with a signature around it and line breaks or spaces changed by the webmail', () => {
    const rewrapped = made.body.replace(/\n\n/gu, '\n \n').replace(/\n/gu, '\r\n').replace(/ (?=de cliënt)/gu, '\u00A0');
    expect(verifyDraft({ ...right, body: `${rewrapped}\n\n-- \nSofie Wouters\nKind en Gezin` }, expected)).toEqual([]);
    // An HTML editor read back as text: blocks on lines of their own, no blank lines, the paragraphs run together.
    expect(verifyDraft({ ...right, body: made.body.replace(/\n+/gu, '') }, expected)).toEqual([]);
    expect(verifyDraft({ ...right, subject: `  ${made.subject} ` }, expected)).toEqual([]);
  });
});

// Issue 20 item 8: "aanmelding-KG-7F3Q-2M9X - Jan Peeters Kerkstraat 1 0470123456.zip" passed as right.
describe('verifyDraft: the attachment is exactly the file made', () => {
  it('refuses the made name with client data added, and leak-checks attachment names', () => {
    const named = 'aanmelding-KG-7F3Q-2M9X - Jan Peeters Kerkstraat 1 0470123456.zip';
    const problems = verifyDraft({ ...right, attachments: [named] }, expected);
    expect(problems).toContainEqual({ kind: 'attachment', found: [named] });
    expect(problems.filter((problem) => problem.kind === 'leak')).toEqual(
      (['name', 'phone', 'street'] as const).map((kind) => ({ kind: 'leak', finding: { kind, where: 'attachment' } })),
    );
  });

  it.each([
    ['Gmail (.vI: the name alone)', 'aanmelding-KG-7F3Q-2M9X.zip'],
    ['Roundcube (.attachment-name)', 'aanmelding-KG-7F3Q-2M9X.zip'],
    ['Outlook (the card title)', 'aanmelding-KG-7F3Q-2M9X.zip'],
    ['Outlook (a card without title: name and size run together)', 'aanmelding-KG-7F3Q-2M9X.zip1 KB'],
    ['a size in brackets', 'aanmelding-KG-7F3Q-2M9X.zip (4 KB)'],
    ['a Dutch size', 'aanmelding-KG-7F3Q-2M9X.zip (1,2 kB)'],
    ['a French size', 'aanmelding-KG-7F3Q-2M9X.zip 3 Ko'],
    ["Gmail's size", 'aanmelding-KG-7F3Q-2M9X.zip (1 K)'],
    ['a copy number', 'aanmelding-KG-7F3Q-2M9X.zip (1)'],
    ['a second download of the zip (Chromium)', 'aanmelding-KG-7F3Q-2M9X (1).zip'],
    ['a second download of the zip (Firefox)', 'aanmelding-KG-7F3Q-2M9X(1).zip'],
  ])('accepts the name as %s shows it', (_label, name) => {
    expect(verifyDraft({ ...right, attachments: [name] }, expected)).toEqual([]);
  });

  it.each([
    'aanmelding-KG-7F3Q-2M9X.zip - Kopie',
    'aanmelding-KG-7F3Q-2M9X - Kopie.zip',
    'kopie van aanmelding-KG-7F3Q-2M9X.zip',
    'aanmelding-KG-7F3Q-2M9X.zip.exe',
    'aanmelding-KG-7F3Q-2M9X.zip (4 KB) x',
    'aanmelding-KG-7F3Q-2M9X.7z',
    'aanmelding-KG-7F3Q-2M9',
  ])('refuses %s', (name) => {
    expect(verifyDraft({ ...right, attachments: [name] }, expected)).toEqual([{ kind: 'attachment', found: [name] }]);
  });
});
