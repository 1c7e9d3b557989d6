import { t, type Locale } from '../i18n';
import { applyLayers, type Layers, type Recipient } from './layers';
import { searchKey } from './normalize';
import type { Directory, Locality, Municipality } from './schema';

export type MatchKind = 'postcode' | 'municipality' | 'french' | 'former' | 'deelgemeente';

export type DirectoryMatch = {
  municipality: Municipality;
  recipient: Recipient;
  /** The localities to choose from: those of the postcode looked up, or all of the municipality. */
  localities: Locality[];
  matchedOn: MatchKind;
  /** The name or postcode that matched ("Gierle" for a search that found Lille through its deelgemeente). */
  matchedName: string;
};

export type PostcodeLookup =
  | { status: 'found'; postcode: string; matches: DirectoryMatch[] }
  | { status: 'outside' | 'nonResidential' | 'unknown' | 'invalid'; postcode: string; message: string };

type IndexEntry = { key: string; name: string; kind: MatchKind; municipality: Municipality };

// Lower ranks first: a municipality's own name beats its French name, a former municipality, then a deelgemeente.
const kindRank: Record<MatchKind, number> = { postcode: 0, municipality: 0, french: 1, former: 2, deelgemeente: 3 };

/** A directory with its layers applied, indexed once so every lookup is a scan of a small array or a map hit. */
export class DirectoryIndex {
  private readonly byPostcode = new Map<string, Municipality[]>();
  private readonly names: IndexEntry[] = [];
  private readonly recipients = new Map<string, Recipient>();
  private readonly outside: Set<string>;

  constructor(private readonly directory: Directory, layers: Layers = {}) {
    for (const entry of directory.recipients) this.recipients.set(entry.id, applyLayers(entry, layers));
    this.outside = new Set(directory.outsidePostcodes);
    for (const municipality of directory.municipalities) {
      for (const code of municipality.postcodes) this.byPostcode.set(code, [...(this.byPostcode.get(code) ?? []), municipality]);
      const add = (name: string, kind: MatchKind) => this.names.push({ key: searchKey(name), name, kind, municipality });
      add(municipality.nameNl, 'municipality');
      if (municipality.nameFr !== municipality.nameNl) add(municipality.nameFr, 'french');
      for (const former of municipality.formerMunicipalities) add(former, 'former');
      for (const locality of municipality.localities) {
        if (searchKey(locality.name) !== searchKey(municipality.nameNl)) add(locality.name, locality.former ? 'former' : 'deelgemeente');
      }
    }
  }

  get municipalities(): readonly Municipality[] {
    return this.directory.municipalities;
  }

  recipient(id: string): Recipient | undefined {
    return this.recipients.get(id);
  }

  private match(municipality: Municipality, matchedOn: MatchKind, matchedName: string, localities = municipality.localities): DirectoryMatch {
    const recipient = this.recipients.get(municipality.recipientId);
    if (!recipient) throw new Error(`directory: no recipient ${municipality.recipientId}`);
    return { municipality, recipient, localities, matchedOn, matchedName };
  }

  private ofPostcode(municipality: Municipality, postcode: string): DirectoryMatch {
    return this.match(municipality, 'postcode', postcode, municipality.localities.filter((locality) => locality.postcode === postcode));
  }

  /** The municipality and recipient of a postcode; a clear answer for Walloon, institutional and unknown codes. */
  lookupPostcode(input: string, locale: Locale = 'nl'): PostcodeLookup {
    const postcode = input.trim();
    if (!/^\d{4}$/u.test(postcode)) return { status: 'invalid', postcode, message: t('err_postcode', [], locale) };
    const municipalities = this.byPostcode.get(postcode);
    if (municipalities) {
      return { status: 'found', postcode, matches: municipalities.map((municipality) => this.ofPostcode(municipality, postcode)) };
    }
    if (this.outside.has(postcode)) return { status: 'outside', postcode, message: t('dir_outside', [postcode], locale) };
    const institution = this.directory.nonResidentialPostcodes[postcode];
    if (institution !== undefined) {
      return { status: 'nonResidential', postcode, message: t('dir_nonResidential', [postcode, institution], locale) };
    }
    return { status: 'unknown', postcode, message: t('dir_unknownPostcode', [postcode], locale) };
  }

  /**
   * Finds municipalities by name, French name, former municipality, deelgemeente or (part of a) postcode, ignoring
   * case and accents; one result per municipality, best first.
   */
  search(query: string, limit = 10): DirectoryMatch[] {
    const digits = query.trim();
    if (/^\d{1,4}$/u.test(digits)) {
      const results: DirectoryMatch[] = [];
      for (const [code, municipalities] of this.byPostcode) {
        if (!code.startsWith(digits)) continue;
        for (const municipality of municipalities) results.push(this.ofPostcode(municipality, code));
      }
      return results.sort((a, b) => a.matchedName.localeCompare(b.matchedName)).slice(0, limit);
    }
    const key = searchKey(query);
    if (key === '') return [];
    const best = new Map<string, { score: number; entry: IndexEntry }>();
    for (const entry of this.names) {
      const closeness = entry.key === key ? 0 : entry.key.startsWith(key) ? 1 : entry.key.includes(` ${key}`) ? 2 : entry.key.includes(key) ? 3 : -1;
      if (closeness < 0) continue;
      const score = closeness * 10 + kindRank[entry.kind];
      const current = best.get(entry.municipality.nis);
      if (!current || score < current.score) best.set(entry.municipality.nis, { score, entry });
    }
    return [...best.values()]
      .sort((a, b) => a.score - b.score || a.entry.municipality.nameNl.localeCompare(b.entry.municipality.nameNl))
      .slice(0, limit)
      .map(({ entry }) => {
        const named = entry.municipality.localities.filter((locality) => locality.name === entry.name);
        return this.match(entry.municipality, entry.kind, entry.name, named.length > 0 ? named : undefined);
      });
  }
}
