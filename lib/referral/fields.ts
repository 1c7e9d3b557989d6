import { z } from 'zod';
import { lookupPostcode, searchKey } from '../directory';
import { forbiddenDataIn } from './forbidden-data';
import { cleanText, foldPunctuation, type FieldCheck } from './text-rules';

/**
 * One checker per permitted field. Each takes what the user typed and returns the cleaned value or a message
 * key, so the panel can check as the user types with the very rules `parseReferral` applies. The phone's checker
 * lives in ./phone (the worker's settings use it without the directory these checks need).
 */
export const limits = { name: 80, street: 100, houseNumber: 12, box: 10, municipality: 60, email: 254 } as const;

function guarded(check: FieldCheck): FieldCheck {
  if (!check.ok) return check;
  const forbidden = forbiddenDataIn(check.value);
  return forbidden ? { ok: false, message: forbidden } : check;
}

// Letters with their marks, spaces, apostrophes, hyphens and full stops ("Van den Broeck", "D'Hondt", "St.-Pieters").
const nameCharacters = /^[\p{L}\p{M}' .-]+$/u;

export function checkName(input: string): FieldCheck {
  const cleaned = cleanText(input, limits.name);
  if (!cleaned.ok) return cleaned;
  const value = foldPunctuation(cleaned.value);
  const forbidden = forbiddenDataIn(value);
  if (forbidden) return { ok: false, message: forbidden };
  if (!nameCharacters.test(value)) return { ok: false, message: 'err_nameChars' };
  if (!/\p{L}/u.test(value)) return { ok: false, message: 'err_nameNoLetter' };
  return { ok: true, value };
}

const streetCharacters = /^[\p{L}\p{M}\d' .,/()-]+$/u;

export function checkStreet(input: string): FieldCheck {
  const cleaned = guarded(cleanText(input, limits.street));
  if (!cleaned.ok) return cleaned;
  const value = foldPunctuation(cleaned.value);
  if (!streetCharacters.test(value) || !/\p{L}/u.test(value)) return { ok: false, message: 'err_streetChars' };
  return { ok: true, value };
}

// 12, 12A, 12 bis, 12-14, 12/1, and "zn" (zonder nummer) for an address without a number.
const houseNumberPattern = /^(?:\d{1,5}(?: ?[A-Za-z]{1,3})?(?: ?[-/] ?\d{1,5}(?: ?[A-Za-z]{1,3})?)?|z\.? ?n\.?)$/u;

export function checkHouseNumber(input: string): FieldCheck {
  const cleaned = guarded(cleanText(input, limits.houseNumber));
  if (!cleaned.ok) return cleaned;
  const value = foldPunctuation(cleaned.value);
  return houseNumberPattern.test(value) ? { ok: true, value } : { ok: false, message: 'err_houseNumber' };
}

export function checkBox(input: string): FieldCheck {
  const cleaned = guarded(cleanText(input, limits.box));
  if (!cleaned.ok) return cleaned;
  const value = foldPunctuation(cleaned.value);
  return value === '' || /^[0-9A-Za-z][0-9A-Za-z./ -]*$/u.test(value)
    ? { ok: true, value }
    : { ok: false, message: 'err_box' };
}

/** Four digits that the directory knows as a Flemish or Brussels postcode of residence. */
export function checkPostcode(input: string): FieldCheck {
  const cleaned = cleanText(input, 4 + 2);
  if (!cleaned.ok) return cleaned;
  const value = cleaned.value.replace(/\s/gu, '');
  if (!/^[1-9]\d{3}$/u.test(value)) return { ok: false, message: 'err_postcode' };
  const lookup = lookupPostcode(value);
  switch (lookup.status) {
    case 'found':
      return { ok: true, value };
    case 'outside':
      return { ok: false, message: 'dir_outside', substitutions: [value] };
    case 'nonResidential':
      return { ok: false, message: 'err_postcodeInstitution', substitutions: [value] };
    default:
      return { ok: false, message: 'dir_unknownPostcode', substitutions: [value] };
  }
}

const municipalityCharacters = /^[\p{L}\p{M}' .()-]+$/u;

export function checkMunicipality(input: string): FieldCheck {
  const cleaned = guarded(cleanText(input, limits.municipality));
  if (!cleaned.ok) return cleaned;
  const value = foldPunctuation(cleaned.value);
  return municipalityCharacters.test(value) && /\p{L}/u.test(value)
    ? { ok: true, value }
    : { ok: false, message: 'err_municipalityChars' };
}

const emailSchema = z.email();

export function checkEmail(input: string): FieldCheck {
  const cleaned = guarded(cleanText(input, limits.email));
  if (!cleaned.ok) return cleaned;
  const at = cleaned.value.lastIndexOf('@');
  // Domains are case-insensitive; the local part is kept as typed.
  const value = at > 0 ? cleaned.value.slice(0, at + 1) + cleaned.value.slice(at + 1).toLowerCase() : cleaned.value;
  return emailSchema.safeParse(value).success ? { ok: true, value } : { ok: false, message: 'err_email' };
}

/**
 * The municipality must go with the postcode: the municipality's Dutch or French name, a former municipality, or
 * a locality of that postcode ("Gierle" for 2275). Returns the directory's spelling of what was typed.
 */
export function checkMunicipalityForPostcode(municipality: string, postcode: string): FieldCheck {
  const lookup = lookupPostcode(postcode);
  if (lookup.status !== 'found') return { ok: true, value: municipality };
  const names = lookup.matches.flatMap((match) => [
    ...match.localities.map((locality) => locality.name),
    match.municipality.nameNl,
    match.municipality.nameFr,
    ...match.municipality.formerMunicipalities,
  ]);
  const typed = searchKey(municipality);
  const canonical = names.find((name) => searchKey(name) === typed);
  if (canonical) return { ok: true, value: canonical };
  const choices = [...new Set(lookup.matches.flatMap((match) => [match.municipality.nameNl, ...match.localities.map((l) => l.name)]))];
  return { ok: false, message: 'dir_municipalityMismatch', substitutions: [postcode, choices.join(', ')] };
}

/**
 * "1 bus 2", "1/2", "1 b2", "12A bte 3": a house number written with its box, as workers type it from a letter, split
 * into number and box (issue 14.5). Null when the text is not of that shape (the field's own check then speaks).
 */
export function splitHouseNumber(input: string): { houseNumber: string; box: string } | null {
  const match = /^\s*(\d+\s?[A-Za-z]?)\s*(?:\/|(?:bus|bte|boîte|b)\.?(?=\s|\d))\s*([0-9A-Za-z][0-9A-Za-z.]{0,9})\s*$/iu.exec(input);
  if (!match?.[1] || !match[2]) return null;
  return { houseNumber: match[1].replace(/\s+/gu, ''), box: match[2] };
}
