import { describe, expect, it } from 'vitest';
import { bundledDirectory, type Layers } from '../../lib/directory';
import { changeLine, exportTeamFile, parseTeamFile, planImport, type ImportItem, type TeamFile } from '../../lib/directory/team';

const today = '2026-11-22';
const lille = 'sociale.dienst@lille.be';
const fileOf = (entries: TeamFile['entries']): TeamFile => ({ format: 'veilig-aanmelden/mailadressen@1', exportedOn: today, directoryVersion: '2026-11', author: 'An Janssens', entries });
const entry = (mailbox: string, more: Partial<TeamFile['entries'][string]> = {}) => ({ mailbox, inForceSince: null, endedOn: null, phone: null, source: null, ...more });
const plan = (file: TeamFile, layers: Layers = {}): ImportItem[] => planImport(file, bundledDirectory, layers, { fileName: 'mailadressen-dender.json', today });
const lines = (item: ImportItem | undefined) => (item?.changes ?? []).map((change) => changeLine(change));

describe('the import preview (issue 20.4): every fact an entry would change, and what does not count', () => {
  it('"zelfde mailadres" lists the phone, the dates, the source and the origin it would change, and asks to confirm the new phone', () => {
    const [item] = plan(fileOf({ '13019': entry(lille, { inForceSince: '2026-01-01', phone: '0470 12 34 56', source: 'mail van het OCMW' }) }));
    expect(item).toMatchObject({ kind: 'same', newPhone: '0470 12 34 56' });
    expect(lines(item)).toEqual([
      'Telefoonnummer: geen → 0470 12 34 56',
      'Ingangsdatum van het protocol: 01-11-2025 → 01-01-2026',
      expect.stringMatching(/^Bron: Gegevensdelingsprotocol .* → mail van het OCMW$/u),
      'Herkomst: protocol (gebundeld) → van je team (bestand van An Janssens, mailadressen-dender.json)',
    ]);
  });

  it('an entry without dates for the bundled mailbox says it would take the date away', () => {
    const [item] = plan(fileOf({ '13019': entry(lille) }));
    expect(item?.newPhone).toBeNull();
    expect(lines(item)).toContain('Ingangsdatum van het protocol: 01-11-2025 → geen');
  });

  it("next to the policy's entry, the file's phone and date do not count, and it says so: nothing to confirm", () => {
    const managed = { recipients: { '13019': { mailbox: lille, protocol: { inForceSince: '2025-11-01' }, source: 'Opgroeien IT' } } };
    const [item] = plan(fileOf({ '13019': entry(lille, { inForceSince: '2024-01-01', phone: '0470 12 34 56' }) }), { managed });
    expect(item).toMatchObject({ kind: 'same', newPhone: null });
    expect(lines(item)).toEqual([
      'Telefoonnummer 0470 12 34 56 uit het bestand telt niet: beleid van je organisatie gaat voor.',
      'Ingangsdatum van het protocol 01-01-2024 uit het bestand telt niet: beleid van je organisatie gaat voor.',
    ]);
  });

  it('a new mailbox and a conflict list what taking the team\'s would change', () => {
    const file = fileOf({ '34022': entry('ocmw@kortrijk.example', { inForceSince: '2026-02-01', phone: '056 12 34 56' }), '13019': entry('andere@lille.example', { phone: '014 12 34 56' }) });
    const [conflict, kortrijk] = plan(file); // in key order
    expect(kortrijk).toMatchObject({ kind: 'new', newPhone: '056 12 34 56' });
    expect(lines(kortrijk)).toEqual(expect.arrayContaining(['Mailadres: geen → ocmw@kortrijk.example', 'Telefoonnummer: geen → 056 12 34 56', 'Ingangsdatum van het protocol: geen → 01-02-2026']));
    expect(conflict).toMatchObject({ kind: 'conflict', newPhone: '014 12 34 56' });
    expect(lines(conflict)).toEqual(expect.arrayContaining([`Mailadres: ${lille} → andere@lille.example`, 'Ingangsdatum van het protocol: 01-11-2025 → geen']));
  });

  it('a file that exported own additions reads back the same (round trip)', () => {
    const text = exportTeamFile({ '13019': { ...entry(lille, { phone: '014 55 66 77' }), addedOn: today } }, { author: null, directoryVersion: '2026-11', today });
    expect(parseTeamFile(text)?.entries['13019']).toEqual(entry(lille, { phone: '014 55 66 77' }));
  });
});
