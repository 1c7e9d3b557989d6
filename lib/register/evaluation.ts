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

export type EvaluationRow = { month: string; recipientId: string; recipientName: string; referrals: number; withdrawals: number; corrections: number };

/**
 * Counts per recipient per month for the yearly evaluation (seed 003): referrals, withdrawals and corrections.
 * A correction is counted as a correction, not as a second referral. No reference, no client: only numbers.
 */
export function evaluationRows(register: readonly RegisterEntry[], year?: number, names: RecipientNames = directoryNames()): EvaluationRow[] {
  const rows = new Map<string, EvaluationRow>();
  const row = (month: string, entry: RegisterEntry) => {
    const key = `${month}|${entry.recipientId}`;
    let found = rows.get(key);
    if (!found) {
      found = { month, recipientId: entry.recipientId, recipientName: names(entry.recipientId) ?? `(onbekend: ${entry.recipientId})`, referrals: 0, withdrawals: 0, corrections: 0 };
      rows.set(key, found);
    }
    return found;
  };
  const inYear = (date: string) => year === undefined || date.startsWith(`${year}-`);
  for (const entry of register) {
    if (inYear(entry.createdOn)) {
      const counted = row(entry.createdOn.slice(0, 7), entry);
      if (entry.corrects) counted.corrections += 1;
      else counted.referrals += 1;
    }
    if (entry.withdrawnOn && inYear(entry.withdrawnOn)) row(entry.withdrawnOn.slice(0, 7), entry).withdrawals += 1;
  }
  return [...rows.values()].sort((a, b) => a.month.localeCompare(b.month) || a.recipientName.localeCompare(b.recipientName));
}

function cell(value: string | number): string {
  const text = String(value);
  // Neutralise what a spreadsheet would run as a formula: = + - @ as the first character after any spaces, or a
  // leading tab or carriage return (both skipped by some importers). Quote what would split or break a cell:
  // Excel in Belgium splits on ";", other readers on ",".
  const safe = /^(?:[\t\r]| *[=+\-@])/u.test(text) ? `'${text}` : text;
  return /[;,"\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/**
 * The evaluation as CSV for Excel in Belgium: semicolons, CRLF, UTF-8 with a byte order mark, a total row.
 * Column names are Dutch: the file goes to the yearly evaluation with the OCMW.
 */
export function evaluationCsv(rows: readonly EvaluationRow[]): string {
  const header = ['maand', 'ontvanger', 'ontvanger_id', 'aanmeldingen', 'intrekkingen', 'verbeteringen'];
  const lines = rows.map((r) => [r.month, r.recipientName, r.recipientId, r.referrals, r.withdrawals, r.corrections].map(cell).join(';'));
  const total = (key: 'referrals' | 'withdrawals' | 'corrections') => rows.reduce((sum, r) => sum + r[key], 0);
  lines.push(['totaal', '', '', total('referrals'), total('withdrawals'), total('corrections')].map(cell).join(';'));
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}
