import { describe, expect, it } from 'vitest';
import {
  generateKey, generatedKeyBits, isGeneratedKey, isStrongKey, keyAlphabet, keyBits, loadKeyEstimator, looksLikeGeneratedKey,
} from '../../lib/directory/key-strength';
import { parsePolicy, parsePolicyChecked, problemLine } from '../../lib/directory/policy';
import { makePolicyTableChecked } from '../../lib/directory/policy-maker';
import { knownRecipientIds } from '../../lib/directory/storage';
import { t } from '../../lib/i18n';

// Issue 20 item 3: keys made of words mix upper case, lower case and digits, and an estimate by character classes
// scored them at 6 bits a character. A dictionary attack at 1000 PBKDF2 rounds finds them.
const wordKeys = ['KortrijkSocialeDienst2026Protocol', 'Welkom2026Welkom2027Welkom2028X', 'Password1Password2Password3Pw'];
// What key generators write but not in our form: 32 hex digits (128 bits, zxcvbn 10^32), 28 of base36.
const foreignShortKeys = ['3f9a1c7e5b2d8f0a4c6e1b3d5f7a9c2e', 'k7xm4rp9tz2ch8vdqn3wb6yfj5gs'];
// 32 random bytes in base64, as `openssl rand -base64 32` writes them (synthetic: drawn once for this test).
const base64Key = 'nQCs7AaXl9CjGFruI+gTcEDLsDCMClXMJuqaJzOkSKc=';
const generated = 'WLPY-TW23-35CM-RJOD-G37I-DGKL-LN';

describe('pre-shared keys: the generated form', () => {
  it('is 26 base32 characters in groups of four, from crypto.getRandomValues, never the same twice', () => {
    const keys = Array.from({ length: 2000 }, generateKey);
    for (const key of keys) {
      expect(key).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}-[A-Z2-7]{2}$/u);
      expect(isGeneratedKey(key)).toBe(true);
      expect(isStrongKey(key)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
    // Every character of the alphabet drawn, each about equally often (52 000 draws: about 1625 each).
    const counts = new Map<string, number>();
    for (const character of keys.join('').replace(/-/gu, '')) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe([...keyAlphabet].sort().join(''));
    for (const count of counts.values()) expect(count).toBeGreaterThan(1400);
    expect(generatedKeyBits).toBeGreaterThanOrEqual(128);
    expect(keyBits(generated)).toBe(130);
  });

  it.each([...wordKeys, ...foreignShortKeys, 'aaaaaaaaaaaaaaaa', 'pre-shared-key-of-lille-2026', base64Key])('without the estimator refuses %s', (key) => {
    expect(isStrongKey(key)).toBe(false);
  });

  it('the generator characters written another way are refused, with the form to use', () => {
    for (const key of [generated.toLowerCase(), generated.replace(/-/gu, ''), generated.replace(/-/gu, ' '), 'WLPYT-W2335-CMRJO-DG37I-DGKLL-N']) {
      expect(isStrongKey(key)).toBe(false);
      expect(looksLikeGeneratedKey(key)).toBe(true);
    }
    const parsed = parsePolicy({ '13019': { mailbox: 'ocmw@lille.example', preSharedKey: generated.toLowerCase() } }, knownRecipientIds);
    expect(parsed.config.recipients).toEqual({});
    expect(parsed.problems).toEqual([{ recipient: '13019', field: 'preSharedKey', message: t('policy_errKeyForm') }]);
    expect(t('policy_errKeyForm')).toMatch(/^schrijf de sleutel precies zoals „Voor IT” hem maakte: hoofdletters, in groepjes van vier met streepjes/u);
  });
});

describe('pre-shared keys: zxcvbn for any other key (10^38 guesses)', () => {
  it('refuses the keys made of words and the short foreign ones, accepts 32 random bytes in base64', async () => {
    const estimate = await loadKeyEstimator();
    for (const key of [...wordKeys, ...foreignShortKeys]) {
      expect(estimate(key)).toBeLessThan(38);
      expect(isStrongKey(key, estimate)).toBe(false);
    }
    expect(isStrongKey(base64Key, estimate)).toBe(true);
    expect(keyBits(base64Key, estimate)).toBeGreaterThanOrEqual(126);
  });

  it('the policy as the extension reads it: the generated and the base64 key apply, each word key is named', async () => {
    const raw = {
      '13019': { mailbox: 'ocmw@lille.example', protocol: { inForceSince: '2025-11-01' }, preSharedKey: generated },
      '34022': { mailbox: 'ocmw@kortrijk.example', protocol: { inForceSince: '2026-01-01' }, preSharedKey: base64Key },
      '11002': { mailbox: 'ocmw@antwerpen.example', preSharedKey: wordKeys[0] },
      '12025': { mailbox: 'ocmw@mechelen.example', preSharedKey: wordKeys[1] },
      '44021': { mailbox: 'ocmw@gent.example', preSharedKey: wordKeys[2] },
    };
    const parsed = await parsePolicyChecked(raw, knownRecipientIds);
    expect(Object.keys(parsed.config.recipients ?? {}).sort()).toEqual(['13019', '34022']);
    expect(parsed.problems.map((problem) => problemLine(problem, undefined))).toEqual([
      `11002, preSharedKey: ${t('policy_errWeakKey')}`,
      `12025, preSharedKey: ${t('policy_errWeakKey')}`,
      `44021, preSharedKey: ${t('policy_errWeakKey')}`,
    ]);
    expect(t('policy_errWeakKey')).toMatch(/^de sleutel is te zwak: minstens 128 bits uit een willekeurige bron\. Maak de sleutel met „Voor IT”/u);
    // Without zxcvbn at hand, only the generated form passes.
    expect(Object.keys(parsePolicy(raw, knownRecipientIds).config.recipients ?? {})).toEqual(['13019']);
  });

  it('the policy maker names the row of each refused key and makes nothing; generated keys go through unchanged', async () => {
    const header = 'nis;ontvanger;mailadres;in_werking;einde;telefoon;bron;sleutel';
    const refused = await makePolicyTableChecked([
      header,
      `34022;Kortrijk;sociaal@kortrijk.example;01-01-2026;;;protocol;${wordKeys[0]}`,
      `13019;Lille;ocmw@lille.example;01-11-2025;;;protocol;${generated.toLowerCase()}`,
      `11002;Antwerpen;ocmw@antwerpen.example;01-01-2026;;;protocol;${generated}`,
    ].join('\r\n'));
    expect(refused.ok ? [] : refused.problems.map((problem) => problem.message)).toEqual([
      `Rij 2, kolom sleutel: ${t('policy_errWeakKey')}`,
      `Rij 3, kolom sleutel: ${t('policy_errKeyForm')}`,
    ]);
    const key = generateKey();
    const made = await makePolicyTableChecked(`${header}\n13019;Lille;ocmw@lille.example;01-11-2025;;;protocol;${key}\n`);
    expect(made.ok ? made.table.config.recipients?.['13019']?.preSharedKey : null).toBe(key);
  });
});
