import { describe, expect, it } from 'vitest';
import { lookupPostcode, searchDirectory, type PostcodeLookup } from '../../lib/directory';

function found(lookup: PostcodeLookup) {
  if (lookup.status !== 'found') throw new Error(`expected a match, got ${lookup.status}`);
  return lookup.matches;
}

describe('lookupPostcode', () => {
  it('2275 → Lille, its mailbox from the protocol, in force since 2025-11-01, with its deelgemeenten', () => {
    const [match, ...rest] = found(lookupPostcode('2275'));
    expect(rest).toHaveLength(0);
    expect(match?.municipality.nameNl).toBe('Lille');
    expect(match?.recipient).toMatchObject({
      id: '13019', name: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be', mailboxOrigin: 'bundled',
      protocol: { status: 'in_force', inForceSince: '2025-11-01' },
    });
    expect(match?.recipient.source).toMatch(/protocol/iu);
    expect(match?.localities.map((l) => l.name).sort()).toEqual(['Gierle', 'Lille', 'Poederlee', 'Wechelderzande']);
  });

  it.each(['3945', '3980'])('%s → Tessenderlo-Ham', (code) => {
    const [match] = found(lookupPostcode(code));
    expect(match?.municipality.nameNl).toBe('Tessenderlo-Ham');
    expect(match?.recipient.mailbox).toBe('socialedienst@tessenderlo-ham.be');
  });

  it('1050 → CAW Brussel, with no mailbox known and saying so', () => {
    const [match] = found(lookupPostcode('1050'));
    expect(match?.municipality.nameNl).toBe('Elsene');
    expect(match?.recipient).toMatchObject({ id: 'caw-brussel', name: 'CAW Brussel', mailbox: null, mailboxOrigin: null });
  });

  it('2070 → Beveren-Kruibeke-Zwijndrecht, in Oost-Vlaanderen since the merger', () => {
    const [match] = found(lookupPostcode('2070'));
    expect(match?.municipality).toMatchObject({ nameNl: 'Beveren-Kruibeke-Zwijndrecht', province: 'Oost-Vlaanderen' });
    expect(match?.recipient.name).toBe('OCMW Beveren-Kruibeke-Zwijndrecht');
  });

  it.each(['4000', '7780', '4700', '1300'])('%s → outside Flanders and Brussels, in Dutch', (code) => {
    const lookup = lookupPostcode(code);
    expect(lookup).toMatchObject({ status: 'outside' });
    expect(lookup.status !== 'found' && lookup.message).toContain(`Postcode ${code} ligt buiten Vlaanderen en Brussel`);
  });

  it('an unknown postcode is an error, not a guess', () => {
    expect(lookupPostcode('1234')).toMatchObject({ status: 'unknown', message: expect.stringContaining('1234') });
    expect(lookupPostcode('9999')).toMatchObject({ status: 'unknown' });
    expect(lookupPostcode('12a4')).toMatchObject({ status: 'invalid' });
    expect(lookupPostcode('1011')).toMatchObject({ status: 'nonResidential', message: expect.stringContaining('Vlaams Parlement') });
  });
});

describe('searchDirectory', () => {
  const first = (query: string) => searchDirectory(query)[0];

  it.each([
    ['Kortessem', 'Hasselt', 'former'],
    ['Borsbeek', 'Antwerpen', 'former'],
    ['Ham', 'Tessenderlo-Ham', 'former'],
    ['Gierle', 'Lille', 'deelgemeente'],
    ['Bruxelles', 'Brussel', 'french'],
    ['Ixelles', 'Elsene', 'french'],
    ['Fourons', 'Voeren', 'french'],
    ['lille', 'Lille', 'municipality'],
  ])('"%s" → %s (%s)', (query, municipality, kind) => {
    expect(first(query)).toMatchObject({ municipality: { nameNl: municipality }, matchedOn: kind });
  });

  it('ignores case, accents, hyphens and reads "St." as "Sint"', () => {
    expect(first('sint genesius rode')?.municipality.nameNl).toBe('Sint-Genesius-Rode');
    expect(first('St.-Genesius-Rode')?.municipality.nameNl).toBe('Sint-Genesius-Rode');
    expect(first('LEUVEN')?.municipality.nameNl).toBe('Leuven');
    expect(first('Etterbeek')?.recipient.name).toBe('CAW Brussel');
  });

  it('finds by (part of a) postcode', () => {
    expect(first('2275')?.municipality.nameNl).toBe('Lille');
    expect(searchDirectory('22').every((match) => match.matchedName.startsWith('22'))).toBe(true);
  });

  it('puts a municipality before the places that merely contain its name', () => {
    const names = searchDirectory('Gent').map((m) => m.municipality.nameNl);
    expect(names[0]).toBe('Gent');
  });

  it('finds nothing for nonsense and for an empty query', () => {
    expect(searchDirectory('xyzzy')).toEqual([]);
    expect(searchDirectory('  ')).toEqual([]);
  });

  it('shows the deelgemeente that matched with its postcode', () => {
    const match = first('Wechelderzande');
    expect(match?.localities).toEqual([{ name: 'Wechelderzande', postcode: '2275', deelgemeente: true, former: false }]);
  });
});
