import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../lib/i18n';
import { plural } from '../../lib/i18n/plural';

describe('plural', () => {
  afterEach(() => setLocale('nl'));

  it('says "1 aanmelding" and "2 aanmeldingen", "0 aanmeldingen" in Dutch', () => {
    expect([0, 1, 2, 21].map((count) => plural('opt_countReferrals', count))).toEqual(['0 aanmeldingen', '1 aanmelding', '2 aanmeldingen', '21 aanmeldingen']);
    expect(plural('opt_countWithdrawals', 1)).toBe('1 intrekking');
    expect(plural('opt_countCorrections', 3)).toBe('3 verbeteringen');
  });

  it('follows each language\'s rule: French takes the singular for 0 too', () => {
    expect([0, 1, 2].map((count) => plural('opt_countReferrals', count, [], 'en'))).toEqual(['0 referrals', '1 referral', '2 referrals']);
    expect([0, 1, 2].map((count) => plural('opt_countReferrals', count, [], 'fr'))).toEqual(['0 signalement', '1 signalement', '2 signalements']);
  });

  it('uses the page\'s language, and passes further substitutions as $2…', () => {
    setLocale('en');
    expect(plural('opt_evaluationPending', 2, [2026])).toMatch(/^2 drafts from 2026 are/u);
    setLocale('nl');
    expect(plural('opt_evaluationPending', 1, [2026])).toMatch(/^1 concept van 2026 is nog niet/u);
  });
});
