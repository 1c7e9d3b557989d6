import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../lib/i18n';
import { generatePassword } from '../../lib/password';
import { spellPassword } from '../../lib/password/spelling';
import { packReferral, parseReferral, type PackedReferral } from '../../lib/referral';
import { referralMailText } from '../../lib/templates/cover';
import { now, validInput } from '../support/people';

// Issue 21.1: the OCMW opens the zip the first time. What the worker reads out (the spelling aid: its groups, and the
// rule it starts with) and what the cover mail tells the OCMW describe one way of typing the password; 7-Zip opens the
// file typed that way, and refuses the ways people type it otherwise, which is why both texts say it.

const run = (args: string[]) => spawnSync('7z', args, { encoding: 'utf8', input: '', timeout: 20_000 });

describe('typing the generated password as the aid and the mail say', () => {
  let work: string;
  let zipPath: string;
  let packed: PackedReferral;
  const password = generatePassword();

  beforeAll(async () => {
    const result = parseReferral(validInput, { now });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    packed = await packReferral(result.referral, password, { now, reference: undefined });
    work = mkdtempSync(join(tmpdir(), 'va-typing-'));
    zipPath = join(work, packed.fileName);
    writeFileSync(zipPath, packed.bytes);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const opens = (typed: string, as: string) => run(['x', `-p${typed}`, `-o${join(work, as)}`, zipPath]).status === 0;

  it('both texts state one rule: lower case, a dash between the groups, no spaces', () => {
    const aid = t('done_spellIntro');
    const mail = referralMailText(packed.reference).body;
    for (const text of [aid, mail]) {
      expect(text).toMatch(/kleine letters/u);
      expect(text).toMatch(/streepje tussen de groepen/u);
      expect(text).toMatch(/zonder spaties/u);
    }
    // A pre-shared key's mail says where that password comes from instead.
    expect(referralMailText(packed.reference, null, 'nl', 'preshared').body).toMatch(/in jullie protocol met Kind en Gezin is afgesproken/u);
    expect(referralMailText(packed.reference, null, 'nl', 'preshared').body).not.toMatch(/telefonisch of per sms/u);
  });

  it('the groups read out, typed by that rule, open the zip in 7-Zip; typed otherwise, 7-Zip refuses them', () => {
    // What the OCMW hears: the groups of the aid, in order. What it types: in lower case, joined by dashes, no spaces.
    const heard = spellPassword(password).map(({ group }) => group);
    expect(heard).toHaveLength(5);
    const typed = heard.map((group) => group.toLowerCase()).join('-');
    expect(typed).toBe(password);
    expect(opens(typed, 'by-the-rule')).toBe(true);
    expect(readdirSync(join(work, 'by-the-rule')).sort()).toEqual(['aanmelding.json', 'aanmelding.txt', 'contact.vcf']);
    // The three ways the OCMW typed it "wrong" in the walkthrough.
    expect(opens(heard.join(''), 'no-dashes')).toBe(false);
    expect(opens(typed.toUpperCase(), 'capitals')).toBe(false);
    expect(opens(heard.join(' - '), 'spaces')).toBe(false);
  });
});
