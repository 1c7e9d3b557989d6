// Writes and removes enterprise policy files for the browser tests (Chromium's managed policy folder, Firefox's
// policies.json), and cleans up after a run that was killed: every file written is recorded first, and the next
// start removes (or restores) whatever a previous run left behind.
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const chromiumPolicyDir = '/etc/chromium/policies/managed';
export const chromiumPolicyFile = join(chromiumPolicyDir, 'veilig-aanmelden-test.json');
/** Debian's Firefox ESR reads this one when present (it wins over the distribution folder). */
export const firefoxPolicyFile = '/etc/firefox/policies/policies.json';
const ledger = join(tmpdir(), 'veilig-aanmelden-policy-ledger.json');

type Entry = { file: string; backup: string | null };

function readLedger(): Entry[] {
  try {
    return JSON.parse(readFileSync(ledger, 'utf8')) as Entry[];
  } catch {
    return [];
  }
}

/** Can this process write the policy folder (root, or a folder made writable)? */
export function canWritePolicy(file: string): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    accessSync(dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Removes what a previous (killed) run wrote, restoring any file it had moved aside. */
export function cleanStalePolicies(): void {
  for (const entry of readLedger()) restore(entry);
  rmSync(ledger, { force: true });
}

function restore(entry: Entry): void {
  rmSync(entry.file, { force: true });
  if (entry.backup && existsSync(entry.backup)) renameSync(entry.backup, entry.file);
}

/** Writes a policy file; an existing file of someone else's is moved aside first and put back by removePolicy. */
export function writePolicy(file: string, content: unknown): void {
  const entries = readLedger();
  if (!entries.some((entry) => entry.file === file)) {
    const backup = existsSync(file) ? `${file}.veilig-aanmelden-backup` : null;
    if (backup) copyFileSync(file, backup);
    entries.push({ file, backup });
    writeFileSync(ledger, JSON.stringify(entries));
  }
  writeFileSync(`${file}.tmp`, JSON.stringify(content, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function removePolicy(file: string): void {
  const entries = readLedger();
  for (const entry of entries.filter((candidate) => candidate.file === file)) restore(entry);
  const left = entries.filter((candidate) => candidate.file !== file);
  if (left.length === 0) rmSync(ledger, { force: true });
  else writeFileSync(ledger, JSON.stringify(left));
}

/** Removes every recorded file also when the test process is interrupted. */
export function removePoliciesOnExit(): () => void {
  const clean = () => cleanStalePolicies();
  const onSignal = (signal: NodeJS.Signals) => {
    clean();
    process.kill(process.pid, signal);
  };
  process.once('exit', clean);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('exit', clean);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** The id Chromium gives an unpacked extension: SHA-256 of its folder's real path, 32 hex digits written a–p. */
export async function unpackedExtensionId(folder: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { realpathSync } = await import('node:fs');
  const hex = createHash('sha256').update(realpathSync(folder)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}
