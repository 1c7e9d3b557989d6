import { describe, expect, it } from 'vitest';
import { generateReference } from '../../lib/referral';
import { countsAsSent, evaluationCsv, evaluationRows, evaluationTotals } from '../../lib/register/evaluation';
import { addReferral, markNotSent, markSent, newEntry, withdraw } from '../../lib/register/register';
import type { RegisterEntry } from '../../lib/register/schema';

const lille = { recipientId: '13019', recipientName: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be' };
const make = (createdOn: string, team = 'Team Middenkempen', corrects: string | null = null) =>
  newEntry({ reference: generateReference(), createdOn, ...lille, team, corrects });

/** The fields of each CSV line as a reader following RFC 4180 (and Excel's import) sees them; no field here spans lines. */
function fields(csv: string): string[][] {
  return csv.replace(/^\uFEFF/u, '').trimEnd().split('\r\n').map((line) => {
    const out: string[] = [];
    for (let i = 0; i <= line.length; ) {
      if (line[i] === '"') {
        let value = '';
        for (i += 1; i < line.length; i += 1) {
          if (line[i] === '"' && line[i + 1] === '"') { value += '"'; i += 1; } else if (line[i] === '"') break; else value += line[i];
        }
        out.push(value);
        i += 2;
      } else {
        const end = line.indexOf(';', i) === -1 ? line.length : line.indexOf(';', i);
        out.push(line.slice(i, end));
        i = end + 1;
      }
    }
    return out;
  });
}

describe('the evaluation counts only what reached the OCMW (issue 14.9)', () => {
  // One of each: a draft not yet marked, one marked not sent, one marked sent, one withdrawn and one corrected
  // without ever being marked, and a sent correction of the corrected one.
  const draft = make('2026-03-02');
  const notSent = make('2026-03-03');
  const sent = make('2026-03-04');
  const withdrawnUnmarked = make('2026-03-05');
  const correctedUnmarked = make('2026-03-06');
  const correction = make('2026-04-01', 'Team Middenkempen', correctedUnmarked.reference);
  let register: RegisterEntry[] = [draft, notSent, sent, withdrawnUnmarked, correctedUnmarked, correction].reduce((list, e) => addReferral(list, e), [] as RegisterEntry[]);
  register = markNotSent(register, notSent.reference, '2026-03-03');
  register = markSent(register, sent.reference, '2026-03-04');
  register = withdraw(register, withdrawnUnmarked.reference, '2027-01-10');
  register = markSent(register, correction.reference, '2026-04-01');

  it('counts sent referrals, and withdrawn or corrected ones even when never marked sent; never a draft or one not sent', () => {
    const status = (e: RegisterEntry) => register.find((item) => item.reference === e.reference)!;
    expect([draft, notSent, sent, withdrawnUnmarked, correctedUnmarked, correction].map((e) => countsAsSent(status(e)))).toEqual([false, false, true, true, true, true]);
    expect(evaluationRows(register, 2026).map(({ month, referrals, withdrawals, corrections }) => ({ month, referrals, withdrawals, corrections }))).toEqual([
      { month: '2026-03', referrals: 3, withdrawals: 0, corrections: 0 },
      { month: '2026-04', referrals: 0, withdrawals: 0, corrections: 1 },
    ]);
    // The withdrawal counts in the year and month it was made.
    expect(evaluationRows(register, 2027)).toEqual([expect.objectContaining({ month: '2027-01', referrals: 0, withdrawals: 1, corrections: 0 })]);
  });

  it('gives the options page the CSV\'s own totals, and the drafts still waiting for a mark', () => {
    expect(evaluationTotals(register, 2026)).toEqual({ referrals: 3, withdrawals: 0, corrections: 1, pending: 1 });
    const total = fields(evaluationCsv(evaluationRows(register, 2026))).at(-1);
    expect(total).toEqual(['Totaal', '', '3', '0', '1', '']);
    expect(evaluationTotals(register, 2027)).toEqual({ referrals: 0, withdrawals: 1, corrections: 0, pending: 0 });
  });
});

describe('the evaluation CSV (issue 14.9)', () => {
  const a = make('2026-11-03', 'Team Middenkempen');
  const b = make('2026-11-04', 'Team Kempen-Noord');
  const c = make('2026-12-01', 'Team Middenkempen');
  const register = [a, b, c].reduce((list, e) => markSent(addReferral(list, e), e.reference, e.createdOn), [] as RegisterEntry[]);
  const csv = evaluationCsv(evaluationRows(register, 2026));

  it('has a Dutch header in the agreed order', () => {
    expect(csv.startsWith('\uFEFFOntvanger;Maand;Aanmeldingen;Intrekkingen;Verbeteringen;Team\r\n')).toBe(true);
  });

  it('writes each month as ="YYYY-MM", which Excel keeps as the text YYYY-MM, never neutralised with a quote', () => {
    const months = fields(csv).slice(1, -1).map((row) => row[1]);
    expect(months).toEqual(['="2026-11"', '="2026-11"', '="2026-12"']);
    expect(csv).toContain(';"=""2026-11""";');
    expect(csv).not.toContain("'=");
  });

  it('has a team column: one row per recipient, month and team', () => {
    expect(fields(csv).slice(1)).toEqual([
      ['OCMW Lille', '="2026-11"', '1', '0', '0', 'Team Kempen-Noord'],
      ['OCMW Lille', '="2026-11"', '1', '0', '0', 'Team Middenkempen'],
      ['OCMW Lille', '="2026-12"', '1', '0', '0', 'Team Middenkempen'],
      ['Totaal', '', '3', '0', '0', ''],
    ]);
  });

  it('still neutralises a formula in every other cell, the month\'s own form included', () => {
    const row = { month: '2026-11', recipientId: '13019', referrals: 1, withdrawals: 0, corrections: 0 };
    const lines = fields(evaluationCsv([{ ...row, recipientName: '="2026-11"', team: '=HYPERLINK("https://evil.example")' }]));
    expect(lines[1]).toEqual([`'="2026-11"`, '="2026-11"', '1', '0', '0', `'=HYPERLINK("https://evil.example")`]);
    expect(() => evaluationCsv([{ ...row, month: '2026-11"+1', recipientName: 'x', team: '' }])).toThrow();
  });

});
