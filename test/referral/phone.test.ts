import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../lib/i18n';
import { checkPhone, phoneMaxLength } from '../../lib/referral/phone';
import { checkReferrer } from '../../lib/settings';
import { nationalNumber } from '../support/people';

const root = resolve(__dirname, '../..');

/** The project's files `entry` loads at run time: its value imports, followed (type-only imports load nothing). */
function loads(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, typeOnly, specifier] of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gmu)) {
      if (typeOnly || !specifier?.startsWith('.')) continue;
      const base = resolve(dirname(file), specifier);
      const found = [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')].find((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
      if (found && /\.tsx?$/u.test(found)) visit(found);
    }
  };
  visit(resolve(root, entry));
  return [...seen].map((file) => relative(root, file));
}

describe('checkPhone', () => {
  it.each([
    ['0470 12 34 56', '+32470123456'],
    ['0032 470 12 34 56', '+32470123456'],
    ['011 12 34 56', '+3211123456'],
    ['+31 6 12345678', '+31612345678'],
  ])('stores %s as %s', (typed, e164) => {
    expect(checkPhone(typed)).toEqual({ ok: true, value: e164 });
  });

  it('refuses what is no phone number, and says so for an INSZ', () => {
    expect(checkPhone('bel me')).toEqual({ ok: false, message: 'err_phone' });
    expect(checkPhone('0470')).toEqual({ ok: false, message: 'err_phone' });
    expect(checkPhone(nationalNumber('850730', '033'))).toEqual({ ok: false, message: 'err_nationalNumber' });
    expect(checkPhone(`0470 12 34 56${' 7'.repeat(phoneMaxLength)}`)).toEqual({ ok: false, message: 'err_tooLong', substitutions: [phoneMaxLength] });
    expect(checkPhone('0470\u200b12 34 56')).toEqual({ ok: false, message: 'err_hiddenChars' });
  });

  it("checks the worker's phone in the settings as it checks the client's", () => {
    const referrer = { name: 'An Janssens', team: '', phone: 'bel me', email: '' };
    expect(checkReferrer(referrer)).toEqual({ ok: false, problems: { phone: t('err_phone') } });
    expect(checkReferrer({ ...referrer, phone: '014 00 00 00' })).toEqual({ ok: true, referrer: { ...referrer, phone: '014 00 00 00' } });
  });

  it('reaches the settings without the directory (issue 23.4)', () => {
    // The walk sees the directory where it is loaded: the other field checks need it.
    expect(loads('lib/referral/fields.ts')).toContain('lib/directory/index.ts');
    const settings = loads('lib/settings/index.ts');
    expect(settings).toContain('lib/referral/phone.ts');
    expect(settings.filter((file) => file.startsWith('lib/directory/') || file === 'lib/referral/fields.ts')).toEqual([]);
  });
});
