import { describe, expect, it } from 'vitest';
import { bundledDirectory, parseDirectory } from '../../lib/directory';

describe('the bundled directory', () => {
  const directory = parseDirectory(bundledDirectory);

  it('holds the 285 Flemish (2025 boundaries) and 19 Brussels municipalities', () => {
    expect(directory.municipalities).toHaveLength(304);
    expect(directory.municipalities.filter((m) => m.region === 'flanders')).toHaveLength(285);
    expect(directory.municipalities.filter((m) => m.region === 'brussels')).toHaveLength(19);
    expect(new Set(directory.municipalities.map((m) => m.nis)).size).toBe(304);
  });

  it('maps every postcode to exactly one municipality', () => {
    const owners = new Map<string, string[]>();
    for (const m of directory.municipalities) for (const code of m.postcodes) owners.set(code, [...(owners.get(code) ?? []), m.nis]);
    expect(owners.size).toBe(541);
    for (const [code, nis] of owners) expect(nis, code).toHaveLength(1);
    for (const m of directory.municipalities) {
      for (const locality of m.localities) expect(m.postcodes, `${m.nameNl}: ${locality.name}`).toContain(locality.postcode);
    }
  });

  it('routes Flanders to the OCMW of the municipality and all of Brussels to CAW Brussel', () => {
    const recipients = new Map(directory.recipients.map((r) => [r.id, r]));
    for (const m of directory.municipalities) {
      const recipient = recipients.get(m.recipientId);
      expect(recipient, m.nameNl).toBeDefined();
      if (m.region === 'brussels') expect(recipient?.name).toBe('CAW Brussel');
      else expect(recipient).toMatchObject({ id: m.nis, kind: 'OCMW', name: `OCMW ${m.nameNl}` });
    }
    expect(directory.recipients).toHaveLength(286);
  });

  it('gives every known mailbox a source, and no mailbox without one', () => {
    for (const recipient of directory.recipients) {
      expect(recipient.mailbox === null, recipient.name).toBe(recipient.source === null);
    }
    expect(directory.recipients.filter((r) => r.mailbox).map((r) => r.mailbox).sort()).toEqual([
      'sociale.dienst@lille.be',
      'socialedienst@tessenderlo-ham.be',
    ]);
  });

  it('keeps Walloon postcodes apart, as outside', () => {
    expect(directory.outsidePostcodes).toContain('4000');
    expect(directory.outsidePostcodes).toContain('7780');
    const inside = new Set(directory.municipalities.flatMap((m) => m.postcodes));
    for (const code of directory.outsidePostcodes) expect(inside.has(code), code).toBe(false);
  });

  it('carries the attribution Statbel asks for', () => {
    expect(directory.attribution.join(' ')).toContain('Bron: Statbel (Algemene Directie Statistiek – Statistics Belgium), gewijzigd; CC BY 4.0');
    expect(directory.attribution.join(' ')).toContain('bpost');
  });

  it('is refused by the schema when a postcode is given to two municipalities', () => {
    const broken = structuredClone(directory);
    broken.municipalities[1]!.postcodes.push(broken.municipalities[0]!.postcodes[0]!);
    expect(() => parseDirectory(broken)).toThrow(/postcode/u);
  });
});
