import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassword } from '../../lib/password';
import { buildReferralFiles, packReferral, parseReferral, type PackedReferral } from '../../lib/referral';
import { now, validInput } from '../support/people';

// Interop with the real 7-Zip from Debian (scripts/system-deps.sh installs it): what the OCMW worker will use.
const sevenZips = ['7z', '7zz'].filter((binary) => spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0);

function run(binary: string, args: string[]) {
  // stdin closed: 7-Zip must never sit waiting for a password prompt.
  return spawnSync(binary, args, { encoding: 'utf8', input: '', timeout: 20_000 });
}

describe('the referral zip in 7-Zip', () => {
  let work: string;
  let zipPath: string;
  let packed: PackedReferral;
  const password = generatePassword();
  const input = structuredClone(validInput);
  input.client.lastName = 'Müller-Łukasik';
  input.client.firstName = 'Zoë';
  input.client.address.box = '2';

  beforeAll(async () => {
    expect(sevenZips, 'install 7-Zip: bash scripts/system-deps.sh').toEqual(['7z', '7zz']);
    const result = parseReferral(input, { now });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    packed = await packReferral(result.referral, password, { now, reference: undefined });
    work = mkdtempSync(join(tmpdir(), 'va-7z-'));
    zipPath = join(work, packed.fileName);
    writeFileSync(zipPath, packed.bytes);
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(['7z', '7zz'])('%s x -p<password> extracts the three files with the exact content', (binary) => {
    const out = join(work, `out-${binary}`);
    const result = run(binary, ['x', `-p${password}`, `-o${out}`, zipPath]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['aanmelding.json', 'aanmelding.txt', 'contact.vcf']);
    // Rebuild the same files from the same data and reference to compare byte for byte.
    const parsed = parseReferral(input, { now });
    if (!parsed.ok) throw new Error('unreachable');
    const { files } = buildReferralFiles(parsed.referral, { now, reference: packed.reference });
    for (const [name, content] of Object.entries(files)) {
      expect(readFileSync(join(out, name), 'utf8')).toBe(content);
    }
    expect(JSON.parse(readFileSync(join(out, 'aanmelding.json'), 'utf8')).client.lastName).toBe('Müller-Łukasik');
  });

  it.each(['7z', '7zz'])('%s refuses a wrong password', (binary) => {
    const result = run(binary, ['x', '-pwrong-password-here', `-o${join(work, `wrong-${binary}`)}`, zipPath]);
    expect(result.status).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/Wrong password/u);
  });

  it('7z l without a password lists AES-256 entries and no personal data', () => {
    const result = run('7z', ['l', '-slt', zipPath]);
    expect(result.status, result.stderr).toBe(0);
    const listing = result.stdout;
    expect(listing.match(/^Method = AES-256 Store$/gmu)).toHaveLength(3);
    // Same padded size for every referral of this length class, and a fixed date: no name length, no time.
    for (const size of listing.match(/^Size = \d+$/gmu) ?? []) expect(Number(size.slice(7)) % 512).toBe(0);
    expect(listing.match(/^Modified = 1980-01-01 00:00:00/gmu)).toHaveLength(3);
    expect(listing.match(/^Encrypted = \+$/gmu)).toHaveLength(3);
    const personal = ['Zoë', 'Müller', 'Łukasik', 'Kerkstraat', '470123456', 'jan.peeters', 'Lille', '2275'];
    for (const value of personal) expect(listing).not.toContain(value);
    expect(packed.fileName).toMatch(/^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u);
  });
});
