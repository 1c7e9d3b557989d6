import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../lib/password';
import { spellCharacter, spellPassword } from '../../lib/password/spelling';
import { splitHouseNumber } from '../../lib/referral/fields';

describe('the spelling aid for the password call', () => {
  it('reads a generated password group by group, with the Belgian spelling alphabet and Dutch digits', () => {
    expect(spellPassword('nvj5-fwmh-6kpc-j3yr-64ez')).toEqual([
      { group: 'nvj5', spoken: 'n van Napoleon – v van Victor – j van Jozef – vijf' },
      { group: 'fwmh', spoken: 'f van Frederik – w van Waterloo – m van Maria – h van Hendrik' },
      { group: '6kpc', spoken: 'zes – k van Kilogram – p van Piano – c van Carolina' },
      { group: 'j3yr', spoken: 'j van Jozef – drie – y van Yvonne – r van Robert' },
      { group: '64ez', spoken: 'zes – vier – e van Emile – z van Zola' },
    ]);
  });

  it('says upper case and signs of a typed password, cut in groups of four', () => {
    expect(spellCharacter('K')).toBe('hoofdletter K van Kilogram');
    expect(spellCharacter('#')).toBe('hekje');
    expect(spellCharacter('~')).toBe('teken ~');
    expect(spellPassword('Ab1#xY').map(({ group }) => group)).toEqual(['Ab1#', 'xY']);
  });

  it('covers every character a generated password can hold', () => {
    for (let run = 0; run < 20; run++) {
      for (const { spoken } of spellPassword(generatePassword())) expect(spoken).not.toMatch(/teken /u);
    }
  });
});

describe('the house number with its box', () => {
  it.each([
    ['1 bus 2', { houseNumber: '1', box: '2' }],
    ['1/2', { houseNumber: '1', box: '2' }],
    ['1 b2', { houseNumber: '1', box: '2' }],
    ['12A bte 3', { houseNumber: '12A', box: '3' }],
    ['7 boîte 4', { houseNumber: '7', box: '4' }],
    ['1 bus. A', { houseNumber: '1', box: 'A' }],
  ])('splits %j', (input, expected) => {
    expect(splitHouseNumber(input)).toEqual(expected);
  });

  it.each(['12', '12A', '1-3', 'Bus 2', 'z.n.', ''])('leaves %j alone', (input) => {
    expect(splitHouseNumber(input)).toBeNull();
  });
});
