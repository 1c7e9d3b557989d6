import { describe, expect, it } from 'vitest';
import { t } from '../../lib/i18n';
import { checkPassword, generatePassword, generatedPasswordBits, passwordAlphabet } from '../../lib/password';

const context = { userInputs: ['Jan', 'Peeters', 'Kerkstraat', '2275', 'Lille', '+32470123456', 'jan.peeters@example.org'] };

describe('generatePassword', () => {
  it('has at least 90 bits of entropy in five groups of four readable characters', () => {
    expect(generatedPasswordBits).toBeGreaterThanOrEqual(90);
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u);
      expect(password).not.toMatch(/[01oli]/u);
      expect(/^[\x20-\x7E]+$/u.test(password)).toBe(true);
    }
  });

  it('draws every character of its alphabet and never repeats a password', () => {
    const passwords = Array.from({ length: 2000 }, generatePassword);
    expect(new Set(passwords).size).toBe(passwords.length);
    expect([...new Set(passwords.join('').replace(/-/gu, ''))].sort().join('')).toBe([...passwordAlphabet].sort().join(''));
  });

  it('is never checked as typed: zxcvbn counts its 20 random characters as 10^20, its true strength is 99 bits', () => {
    // The typed-password bar (10^24 by zxcvbn's conservative count) is for passwords a person chose.
    expect(generatedPasswordBits).toBeGreaterThan(80);
  });
});

describe('checkPassword', () => {
  it.each(['kindengezin2026', 'KindEnGezin!2026', 'Opgroeien2025!', 'ocmw-aanmelding-2026'])(
    'refuses the product words in %s',
    (password) => {
      expect(checkPassword(password)).toEqual({ ok: false, message: t('pw_personal') });
    },
  );

  it.each(['Lille2275', 'Lille2275-Kerkstraat', 'Peeters-Jan-2275-Lille!', 'JanPeeters1985'])(
    'refuses the client data and municipality in %s',
    (password) => {
      expect(checkPassword(password, context)).toMatchObject({ ok: false });
    },
  );

  it('refuses "Lille2275" with the reason when the referral is known', () => {
    expect(checkPassword('Lille2275', context)).toEqual({ ok: false, message: t('pw_personal') });
  });

  it.each(['welkom123welkom', 'wachtwoord1234', 'azertyuiop123', 'Zomer2026Zomer2026', 'aaaaaaaaaaaaaaaa'])(
    'refuses the guessable %s',
    (password) => {
      const result = checkPassword(password);
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/^[A-Z]/u);
    },
  );

  it('refuses short, empty, over-long and non-ASCII passwords with a Dutch reason', () => {
    expect(checkPassword('')).toEqual({ ok: false, message: 'Vul een wachtwoord in.' });
    expect(checkPassword('x9#Kq!2v')).toEqual({ ok: false, message: t('pw_tooShort', [12]) });
    expect(checkPassword('a'.repeat(129))).toEqual({ ok: false, message: t('pw_tooLong', [128]) });
    expect(checkPassword('tweeëntwintig-zwaluwen-op-één-draad')).toEqual({ ok: false, message: t('pw_nonAscii') });
  });

  // Issue 13 item 3: zxcvbn's top score (about 10^10 guesses) let these through.
  it.each(['Zonnebloem!2025', 'Kortrijk#Lente2026', 'Correct horse battery', 'correct horse battery staple', 'Vq7#mP2!xL9$wR4&'])(
    'refuses %s, which needs fewer than 10^24 guesses, saying how long a strong one is and why',
    (password) => {
      expect(checkPassword(password, context)).toEqual({ ok: false, message: t('pw_tooGuessable', [6, 28]) });
      expect(t('pw_tooGuessable', [6, 28])).toMatch(/minstens 6 willekeurige woorden.*ongeveer 28 willekeurige tekens/u);
      expect(t('pw_tooGuessable', [6, 28])).toMatch(/zip is maar zo sterk als dit wachtwoord/u);
    },
  );

  it.each([
    'zwaluw-tafel-pindakaas-97-regen',
    'gazon vlinder trompet kastanje mosterd ijzer',
    'kruimel-zadel-vijver-lantaarn-sokken-molen',
    'Vq7#mP2!xL9$wR4&kT5z@b8N!c3Dx^',
    'r9#Tq2!vB7$mK4&wZ6*pL3?xH8%nJ5',
  ])('accepts the strong %s (six random words, or random characters)', (password) => {
    expect(checkPassword(password, context)).toEqual({ ok: true });
  });

  it('answers in the locale asked for', () => {
    expect(checkPassword('', { locale: 'en' }).message).toBe('Please enter a password.');
  });
});
