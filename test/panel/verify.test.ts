import { describe, expect, it } from 'vitest';
import { verifyDraft } from '../../lib/panel/verify';
import { parseReferral } from '../../lib/referral/parse';

const referral = (() => {
  const parsed = parseReferral({
    client: { firstName: 'Jan', lastName: 'Peeters', phone: '0470 12 34 56', address: { street: 'Kerkstraat', houseNumber: '1', box: '', postcode: '2275', municipality: 'Lille' } },
    consent: { informed: true, consented: true, date: '2026-11-20', manner: 'mondeling' },
  });
  if (!parsed.ok) throw new Error('test referral must parse');
  return parsed.referral;
})();

const expected = { to: 'sociale.dienst@lille.be', fileName: 'aanmelding-KG-7F3Q-2M9X.zip', referral };
const right = {
  to: ['sociale.dienst@lille.be'], cc: [], bcc: [], subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X', body: 'Beste collega, referentie KG-7F3Q-2M9X.',
  attachments: ['aanmelding-KG-7F3Q-2M9X.zip'],
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
    const notice = { to: 'sociale.dienst@lille.be', fileName: null, referral: null };
    expect(verifyDraft({ ...right, attachments: [] }, notice)).toEqual([]);
    expect(verifyDraft(right, notice)).toEqual([{ kind: 'attachment', found: right.attachments }]);
  });
});
