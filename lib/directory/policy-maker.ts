import bundled from './directory.json';
import { t, type Locale, type MessageKey } from '../i18n';
import type { ManagedConfig, ManagedRecipient } from './layers';
import { searchKey } from './normalize';
import { isGeneratedKey, loadKeyEstimator, needsKeyEstimator, type KeyEstimator } from './key-strength';
import { checkManagedEntry } from './policy';
import { canonicalTeamName } from './team-names';
import type { Directory } from './schema';
import { knownRecipientIds } from './storage';

/**
 * The policy maker for IT (issue 12.5): a table of mailboxes (CSV as Excel writes it in Belgium, or pasted from a
 * spreadsheet) becomes the enterprise policy for Chrome/Edge (JSON, Windows .reg) and Firefox (policies.json),
 * every row checked with the same zod schema the extension applies to `storage.managed`. Offline, in the options page.
 */
export const csvHeader = ['nis', 'ontvanger', 'mailadres', 'in_werking', 'einde', 'telefoon', 'bron'] as const;
/** An optional eighth column: the pre-shared key agreed with that recipient. */
export const keyColumn = 'sleutel';
export const firefoxExtensionId = 'veilig-aanmelden@opgroeien.be';

type Column = (typeof csvHeader)[number] | typeof keyColumn;
export type RowProblem = { row: number; column: Column | null; message: string };
export type PolicyTable = { config: ManagedConfig; rows: number };
export type MakerResult = { ok: true; table: PolicyTable } | { ok: false; problems: RowProblem[] };

const directory = bundled as Directory;

/** Splits CSV text into rows of cells: `;` (or a tab, for a table pasted from a spreadsheet), quotes, CRLF, a BOM. */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/u, '');
  const firstLine = source.split(/\r?\n/u, 1)[0] ?? '';
  const separator = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : firstLine.includes(',') ? ',' : ';';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index] as string;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === separator) {
      row.push(cell.trim());
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index++;
      row.push(cell.trim());
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell.trim());
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((value) => value !== ''));
}

/** "2025-09-23", "23/09/2025", "23-9-2025", "23.09.2025" → "2025-09-23"; null when it is not a real date. */
export function parseDate(value: string): string | null {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(value);
  let [year, month, day] = match ? [match[1], match[2], match[3]] : [undefined, undefined, undefined];
  if (!match) {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(value);
    if (!match) return null;
    [day, month, year] = [match[1], match[2], match[3]];
  }
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The recipient of a NIS code (a Brussels municipality's code leads to CAW Brussel) or of "caw-brussel". */
function recipientOf(code: string): { id: string; names: string[] } | null {
  const id = code.toLowerCase() === 'caw-brussel' ? 'caw-brussel' : directory.municipalities.find((municipality) => municipality.nis === code)?.recipientId;
  if (!id || !knownRecipientIds.has(id)) return null;
  const recipient = directory.recipients.find((entry) => entry.id === id);
  const municipalities = directory.municipalities.filter((municipality) => municipality.recipientId === id);
  return { id, names: [recipient?.name ?? '', ...municipalities.flatMap((municipality) => [municipality.nameNl, municipality.nameFr])] };
}

const columnOfField: Record<string, Column> = {
  mailbox: 'mailadres', 'protocol.inForceSince': 'in_werking', 'protocol.endedOn': 'einde', phone: 'telefoon', source: 'bron', preSharedKey: keyColumn,
};

/**
 * Reads the table: every row checked; a policy only when every row is valid. Messages name the row (as numbered in
 * Excel) and column. A key in the sleutel column must be one the maker generated (key-strength.ts), or one that
 * `estimate` (zxcvbn) puts at 10^38 guesses: use makePolicyTableChecked, which loads it when a key needs it.
 */
export function makePolicyTable(text: string, locale: Locale = 'nl', estimate?: KeyEstimator): MakerResult {
  const rows = parseCsv(text);
  const problems: RowProblem[] = [];
  const say = (row: number, column: Column | null, key: MessageKey, ...substitutions: string[]) =>
    problems.push({ row, column, message: column ? t('maker_cell', [row, column, t(key, substitutions, locale)], locale) : t('maker_rowProblem', [row, t(key, substitutions, locale)], locale) });
  const header = rows[0]?.map((cell) => cell.toLowerCase());
  const expected = [...csvHeader];
  const hasKey = header?.length === expected.length + 1 && header[expected.length] === keyColumn;
  if (!header || expected.some((name, index) => header[index] !== name) || (header.length !== expected.length && !hasKey)) {
    return { ok: false, problems: [{ row: 1, column: null, message: t('maker_header', [csvHeader.join(';')], locale) }] };
  }
  if (rows.length < 2) return { ok: false, problems: [{ row: 2, column: null, message: t('maker_empty', [], locale) }] };
  const recipients: Record<string, ManagedRecipient> = {};
  const firstRowOf = new Map<string, number>();
  rows.slice(1).forEach((cells, index) => {
    const row = index + 2;
    const cell = (column: Column) => cells[(hasKey ? [...expected, keyColumn] : expected).indexOf(column)] ?? '';
    if (cells.length > header.length) say(row, null, 'maker_tooManyCells', String(header.length));
    const code = cell('nis');
    const recipient = code === '' ? null : recipientOf(code);
    if (code === '') say(row, 'nis', 'maker_required');
    else if (!recipient) say(row, 'nis', 'maker_unknownNis', code);
    const name = cell('ontvanger');
    if (recipient && name !== '') {
      const key = searchKey(name).replace(/^(ocmw|caw) /u, '');
      if (!recipient.names.some((candidate) => searchKey(candidate).replace(/^(ocmw|caw) /u, '') === key)) say(row, 'ontvanger', 'maker_nameMismatch', code, recipient.names[0] ?? '');
    }
    if (recipient) {
      const earlier = firstRowOf.get(recipient.id);
      if (earlier !== undefined) say(row, 'nis', 'maker_duplicate', String(earlier));
      else firstRowOf.set(recipient.id, row);
    }
    if (cell('mailadres') === '') say(row, 'mailadres', 'maker_required');
    const dates: Partial<Record<'in_werking' | 'einde', string>> = {};
    for (const column of ['in_werking', 'einde'] as const) {
      const value = cell(column);
      if (value === '') {
        if (column === 'in_werking') say(row, column, 'maker_dateRequired');
        continue;
      }
      const iso = parseDate(value);
      if (iso) dates[column] = iso;
      else say(row, column, 'maker_badDate', value);
    }
    const entry: Record<string, unknown> = {};
    if (cell('mailadres') !== '') entry.mailbox = cell('mailadres');
    if (dates.in_werking || dates.einde) entry.protocol = { ...(dates.in_werking ? { inForceSince: dates.in_werking } : {}), ...(dates.einde ? { endedOn: dates.einde } : {}) };
    if (cell('telefoon') !== '') entry.phone = cell('telefoon');
    if (cell('bron') !== '') entry.source = cell('bron');
    if (hasKey && cell(keyColumn) !== '') entry.preSharedKey = cell(keyColumn);
    // The same zod schema as storage.managed: what the maker accepts, the extension accepts.
    const checked = checkManagedEntry(recipient?.id ?? 'caw-brussel', entry, knownRecipientIds, locale, estimate);
    for (const problem of checked.problems) {
      const column = columnOfField[problem.field];
      if (column && !(column === 'mailadres' && cell('mailadres') === '')) problems.push({ row, column, message: t('maker_cell', [row, column, problem.message], locale) });
      else if (!column) problems.push({ row, column: null, message: t('maker_rowProblem', [row, problem.message], locale) });
    }
    if (recipient && checked.entry) recipients[recipient.id] = checked.entry;
  });
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  return { ok: true, table: { config: { recipients }, rows: rows.length - 1 } };
}

/** makePolicyTable, with zxcvbn loaded first only when the sleutel column holds a key not of the generated form. */
export async function makePolicyTableChecked(text: string, locale: Locale = 'nl'): Promise<MakerResult> {
  const rows = parseCsv(text);
  const column = rows[0]?.map((cell) => cell.toLowerCase()).indexOf(keyColumn) ?? -1;
  const keys = column < 0 ? [] : rows.slice(1).map((cells) => cells[column] ?? '').filter((key) => key !== '' && !isGeneratedKey(key));
  return makePolicyTable(text, locale, needsKeyEstimator(keys) ? await loadKeyEstimator() : undefined);
}

/**
 * The extension's policy value: one top-level key per recipient and `recipientIds` (see
 * scripts/build-managed-schema.ts), as every browser gets it. macOS configuration profiles take it as is.
 */
export function policyObject(config: ManagedConfig): Record<string, unknown> {
  const recipients = config.recipients ?? {};
  return {
    recipientIds: Object.keys(recipients),
    ...recipients,
    ...(config.teams ? { teams: config.teams } : {}),
    ...(config.referrerTeam ? { referrerTeam: config.referrerTeam } : {}),
  };
}

/** Whether the policy sets anything at all (a table, or only a team list). */
const setsAnything = (config: ManagedConfig) => Object.keys(config.recipients ?? {}).length > 0 || config.teams !== undefined || config.referrerTeam !== undefined;

/**
 * The team list for the policy (issue 21.11): one name a line, each put in the one pattern ("Kind en Gezin – Dender"),
 * and optionally this worker's team, which must be one of them. Messages quote the value they refuse.
 */
export function parseTeamList(
  text: string,
  referrerTeam: string,
  locale: Locale = 'nl',
): { ok: true; teams: Pick<ManagedConfig, 'teams' | 'referrerTeam'> } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const teams: string[] = [];
  text.split(/\r?\n/u).forEach((line, index) => {
    const typed = line.trim();
    if (typed === '') return;
    const name = canonicalTeamName(typed);
    if (!name) problems.push(t('team_makerBadName', [String(index + 1), typed], locale));
    else if (!teams.includes(name)) teams.push(name);
  });
  const own = referrerTeam.trim() === '' ? null : canonicalTeamName(referrerTeam);
  if (referrerTeam.trim() !== '' && (!own || (teams.length > 0 && !teams.includes(own)))) problems.push(t('team_makerOwnNotInList', [referrerTeam.trim()], locale));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, teams: { ...(teams.length > 0 ? { teams } : {}), ...(own ? { referrerTeam: own } : {}) } };
}

export function policyValue(config: ManagedConfig): string {
  return `${JSON.stringify(policyObject(config), null, 2)}\n`;
}

/** The Outlook add-in's settings file, served beside `taskpane.html` on the add-in's HTTPS host (issue 22.4). */
export const addinSettingsFileName = 'settings.json';

/**
 * The Outlook add-in's `settings.json`: the same value as the browsers' policy (recipients, `recipientIds`, teams),
 * since the add-in's platform hands the file's object to the same checks as `storage.managed` (loadLayers,
 * loadTeamPolicy).
 */
export function addinSettings(config: ManagedConfig): string {
  return policyValue(config);
}

/**
 * Chrome and Edge on Linux: a file in /etc/opt/chrome/policies/managed/ (Chromium: /etc/chromium/policies/managed/,
 * Edge: /etc/opt/edge/policies/managed/). Edge's store gives the extension another id: with `edgeId` the file
 * holds the policy under both ids, and each browser reads its own.
 */
export function chromeLinuxPolicy(config: ManagedConfig, extensionId: string, edgeId: string = extensionId): string {
  const value = policyObject(config);
  return `${JSON.stringify({ '3rdparty': { extensions: { [extensionId]: value, [edgeId]: value } } }, null, 2)}\n`;
}

/**
 * Firefox's policies.json (distribution folder, or /etc/firefox/policies/ on Linux). Firefox reads one file, so
 * the install (`ExtensionSettings` with `installUrl`, issue 21.12) goes in the same one as the recipients.
 */
export function firefoxPolicies(config: ManagedConfig, extensionId: string = firefoxExtensionId, installUrl?: string | null): string {
  const policies = {
    ...(installUrl ? { ExtensionSettings: { [extensionId]: { installation_mode: 'force_installed', install_url: installUrl } } } : {}),
    ...(setsAnything(config) ? { '3rdparty': { Extensions: { [extensionId]: policyObject(config) } } } : {}),
  };
  return `${JSON.stringify({ policies }, null, 2)}\n`;
}

const regString = (value: string) => `"${value.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"')}"`;

/**
 * A Windows .reg file for Chrome or Edge: the policy under `3rdparty\extensions\<id>\policy`, each recipient as a
 * JSON string value (Chrome and Edge read a JSON string where the schema wants an object or a list). Text to save
 * as UTF-16LE with a byte-order mark (regFileBytes), as regedit expects.
 */
export function windowsReg(config: ManagedConfig, extensionId: string, browserName: 'chrome' | 'edge'): string {
  const root = browserName === 'chrome' ? 'SOFTWARE\\Policies\\Google\\Chrome' : 'SOFTWARE\\Policies\\Microsoft\\Edge';
  return [
    'Windows Registry Editor Version 5.00',
    '',
    `[HKEY_LOCAL_MACHINE\\${root}\\3rdparty\\extensions\\${extensionId}\\policy]`,
    // A string policy (referrerTeam) as itself; a list or an object as JSON text.
    ...Object.entries(policyObject(config)).map(([name, value]) => `${regString(name)}=${regString(typeof value === 'string' ? value : JSON.stringify(value))}`),
    '',
  ].join('\r\n');
}

export function regFileBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    bytes[2 + index * 2] = code & 0xff;
    bytes[3 + index * 2] = code >> 8;
  }
  return bytes;
}

export const isChromeExtensionId = (value: string) => /^[a-p]{32}$/u.test(value);
