import { createDirectory } from '../directory';
import type { RegisterEntry } from './schema';

/** A recipient's name by id: the directory's, never the register's (a register file can be edited or imported). */
export type RecipientNames = (recipientId: string) => string | undefined;

let bundledNames: RecipientNames | undefined;
function directoryNames(): RecipientNames {
  if (!bundledNames) {
    const directory = createDirectory();
    bundledNames = (id) => directory.recipient(id)?.name;
  }
  return bundledNames;
}

export type EvaluationRow = {
  month: string; recipientId: string; recipientName: string; team: string; referrals: number; withdrawals: number; corrections: number;
};

/**
 * Whether a referral counts in the evaluation (issue 14.9): only what reached the OCMW. That is one the worker
 * marked sent, and one that was withdrawn or corrected, marked sent or not: a withdrawal or correction notice went
 * to the OCMW about it, so the OCMW had it (a draft marked "niet verzonden" can be neither). A draft still
 * "concept klaar" does not count until the worker marks it; one marked "niet verzonden" never does.
 */
export function countsAsSent(entry: Pick<RegisterEntry, 'status' | 'sentOn'>): boolean {
  return entry.sentOn !== undefined || entry.status === 'verzonden' || entry.status === 'ingetrokken' || entry.status === 'verbeterd';
}

/**
 * Counts per recipient, month and team for the yearly evaluation (seed 003): referrals and corrections in the month
 * the referral was made, when it counts as sent (`countsAsSent`); withdrawals in the month of the withdrawal. A
 * correction is counted as a correction, not as a second referral. No reference, no client: only numbers.
 */
export function evaluationRows(register: readonly RegisterEntry[], year?: number, names: RecipientNames = directoryNames()): EvaluationRow[] {
  const rows = new Map<string, EvaluationRow>();
  const row = (month: string, entry: RegisterEntry) => {
    const key = JSON.stringify([month, entry.recipientId, entry.team]);
    let found = rows.get(key);
    if (!found) {
      const recipientName = names(entry.recipientId) ?? `(onbekend: ${entry.recipientId})`;
      found = { month, recipientId: entry.recipientId, recipientName, team: entry.team, referrals: 0, withdrawals: 0, corrections: 0 };
      rows.set(key, found);
    }
    return found;
  };
  const inYear = (date: string) => year === undefined || date.startsWith(`${year}-`);
  for (const entry of register) {
    if (inYear(entry.createdOn) && countsAsSent(entry)) {
      const counted = row(entry.createdOn.slice(0, 7), entry);
      if (entry.corrects) counted.corrections += 1;
      else counted.referrals += 1;
    }
    if (entry.withdrawnOn && inYear(entry.withdrawnOn)) row(entry.withdrawnOn.slice(0, 7), entry).withdrawals += 1;
  }
  return [...rows.values()].sort((a, b) => a.month.localeCompare(b.month) || a.recipientName.localeCompare(b.recipientName) || a.team.localeCompare(b.team));
}

export type EvaluationTotals = { referrals: number; withdrawals: number; corrections: number; pending: number };

/**
 * The CSV's totals for a year, for the options page (the same rows, so the same numbers), and `pending`: the drafts
 * of that year still "concept klaar", which count only once the worker marks them sent.
 */
export function evaluationTotals(register: readonly RegisterEntry[], year: number, names?: RecipientNames): EvaluationTotals {
  const rows = evaluationRows(register, year, names);
  const sum = (key: 'referrals' | 'withdrawals' | 'corrections') => rows.reduce((total, r) => total + r[key], 0);
  const pending = register.filter((entry) => entry.status === 'concept' && entry.createdOn.startsWith(`${year}-`)).length;
  return { referrals: sum('referrals'), withdrawals: sum('withdrawals'), corrections: sum('corrections'), pending };
}

function quoted(text: string): string {
  return /[;,"\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

function cell(value: string | number): string {
  const text = String(value);
  // Neutralise what a spreadsheet would run as a formula: = + - @ as the first character after any spaces, or a
  // leading tab or carriage return (both skipped by some importers). Quote what would split or break a cell:
  // Excel in Belgium splits on ";", other readers on ",".
  return quoted(/^(?:[\t\r]| *[=+\-@])/u.test(text) ? `'${text}` : text);
}

/**
 * The month as text Excel keeps as text: `="2026-11"`, a formula whose only content is that string. Excel on a
 * Belgian Windows turns a bare "2026-11" into 1 November 2026, and "nov 2026" just the same ("nov" is a Dutch month
 * abbreviation too); as a date the cell shows "nov-26" or "1/11/2026" and the months no longer sort as written. The
 * formula form stays "2026-11", sorts, and reads the same in every locale. It is the one formula the file holds,
 * written here and not by `cell`: the neutraliser would rightly prefix it with ' (Excel would then show the formula).
 * Only a month this module made from a checked ISO date gets through; every text from the register or the
 * directory (recipient, team) still goes through `cell`.
 */
function monthCell(month: string): string {
  if (!/^\d{4}-(?:0[1-9]|1[0-2])$/u.test(month)) throw new Error(`not a month: ${month}`);
  return quoted(`="${month}"`);
}

/**
 * The evaluation as CSV for Excel in Belgium: semicolons, CRLF, UTF-8 with a byte order mark, a total row.
 * Column names are Dutch: the file goes to the yearly evaluation with the OCMW.
 */
export function evaluationCsv(rows: readonly EvaluationRow[]): string {
  const header = ['Ontvanger', 'Maand', 'Aanmeldingen', 'Intrekkingen', 'Verbeteringen', 'Team'];
  const lines = rows.map((r) => [cell(r.recipientName), monthCell(r.month), cell(r.referrals), cell(r.withdrawals), cell(r.corrections), cell(r.team)].join(';'));
  const total = (key: 'referrals' | 'withdrawals' | 'corrections') => rows.reduce((sum, r) => sum + r[key], 0);
  lines.push(['Totaal', '', total('referrals'), total('withdrawals'), total('corrections'), ''].map(cell).join(';'));
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}
