import { t, type Locale } from '../i18n';
import { applyLayers, type Layers, type Recipient } from './layers';
import { searchKey } from './normalize';
import type { Directory, Locality, Municipality } from './schema';
import wallonia from './wallonia.json';

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

/** What the lookup view shows for a query: the matches, or a message that explains why there are none. */
export type LookupAnswer = { matches: DirectoryMatch[]; notice: string | null };

/** Optimal string alignment distance, stopping early above `limit`: "lile" is one from "lille". */
export function editDistance(a: string, b: string, limit = 1): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_unused, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (previous2[j - 2] as number) + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length] as number;
}

const walloonPlaces = new Map(Object.entries((wallonia as { places: Record<string, string[]> }).places).map(([name, codes]) => [searchKey(name), { name, codes }]));

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
   * What a worker types in the lookup view: a postcode ("2275"), a place ("Gierle", with one typo: "lile"), or both
   * in either order ("2275 Gierle", "Kortrijk 8500"). A Walloon place or postcode is answered as lying outside
   * Flanders and Brussels.
   */
  find(query: string, locale: Locale = 'nl', limit = 10): LookupAnswer {
    const trimmed = query.trim().replace(/\s+/gu, ' ');
    if (trimmed === '') return { matches: [], notice: null };
    const combined = /^(\d{4})[ ,]+(\D.*)$/u.exec(trimmed) ?? /^(\D.*?)[ ,]+(\d{4})$/u.exec(trimmed);
    const postcode = /^\d{4}$/u.test(trimmed) ? trimmed : combined ? (/^\d{4}$/u.test(combined[1] ?? '') ? combined[1] : combined[2]) : undefined;
    if (postcode !== undefined) {
      const found = this.lookupPostcode(postcode, locale);
      if (found.status !== 'found') return { matches: [], notice: found.message };
      const place = combined ? searchKey((/^\d{4}$/u.test(combined[1] ?? '') ? combined[2] : combined[1]) ?? '') : '';
      if (place === '') return { matches: found.matches, notice: null };
      const narrowed = found.matches.map((match) => {
        const named = match.localities.filter((locality) => searchKey(locality.name).startsWith(place));
        return named.length > 0 ? { ...match, localities: named, matchedName: `${postcode} ${named.map((locality) => locality.name).join(', ')}` } : match;
      });
      return { matches: narrowed, notice: null };
    }
    const matches = this.search(trimmed, limit);
    if (matches.length > 0) return { matches, notice: null };
    const walloon = walloonPlaces.get(searchKey(trimmed));
    if (walloon) return { matches: [], notice: t('dir_outsidePlace', [walloon.name, walloon.codes[0] ?? ''], locale) };
    const near = this.searchNear(trimmed, limit);
    if (near.length > 0) return { matches: near, notice: null };
    return { matches: [], notice: t('ui_noResults', [trimmed], locale) };
  }

  /** The best entry per municipality, best score first (then by name), as matches naming the place that matched. */
  private ranked(best: Map<string, { score: number; entry: IndexEntry }>, limit: number): DirectoryMatch[] {
    return [...best.values()]
      .sort((a, b) => a.score - b.score || a.entry.municipality.nameNl.localeCompare(b.entry.municipality.nameNl))
      .slice(0, limit)
      .map(({ entry }) => {
        const named = entry.municipality.localities.filter((locality) => locality.name === entry.name);
        return this.match(entry.municipality, entry.kind, entry.name, named.length > 0 ? named : undefined);
      });
  }

  /** Names one typo away (a letter missing, added, changed or two swapped), for queries of four letters or more. */
  private searchNear(query: string, limit: number): DirectoryMatch[] {
    const key = searchKey(query);
    if (key.length < 4) return [];
    const best = new Map<string, { score: number; entry: IndexEntry }>();
    for (const entry of this.names) {
      const distance = editDistance(key, entry.key, 1);
      if (distance > 1) continue;
      const score = kindRank[entry.kind];
      const current = best.get(entry.municipality.nis);
      if (!current || score < current.score) best.set(entry.municipality.nis, { score, entry });
    }
    return this.ranked(best, limit);
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
    return this.ranked(best, limit);
  }
}
