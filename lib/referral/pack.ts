import { configure, TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js/index-native.js';
import { belgianTimestamp, referralFormat, type Recipient, type ReferralDocument, type Referrer, renderJson } from './document';
import { generateReference, normalizeReference } from './reference';
import { renderText } from './render-text';
import { renderVcard } from './render-vcard';
import type { Referral } from './schema';

// Workers would be spawned from blob: URLs, which an extension page's CSP rightly forbids; the work is a few KB.
configure({ useWebWorkers: false });

/** Fixed entry names: ZIP AES hides contents but not names, so no name may carry personal data. */
export const entryNames = { text: 'aanmelding.txt', json: 'aanmelding.json', vcard: 'contact.vcf' } as const;

export type PackOptions = {
  reference?: string;
  recipient?: Recipient | null;
  referrer?: Referrer | null;
  /** The reference of the referral this one corrects (RULES F3). */
  corrects?: string | null;
  now?: Date;
};

export type PackedReferral = { fileName: string; bytes: Uint8Array; reference: string };

export class PackError extends Error {}

/**
 * ZIP AES hides contents, not sizes: an entry's size would tell the length of the client's name and address
 * (`contact.vcf` was 124 + 2 × the name's length). Every file is padded with trailing spaces to the next multiple of
 * this many bytes of UTF-8, and stored uncompressed (a compressed size would follow the content again).
 * Trailing spaces keep each file what it was: JSON allows white space after the value, the text ends in a line of
 * spaces, and the vCard's parsers stop at END:VCARD.
 */
export const paddingBucket = 512;

/**
 * The date every entry carries (DOS time, no extended timestamp): 1 January 1980, the first DOS date. The moment of
 * the referral is inside the encrypted files (`createdAt`), not on the outside.
 */
export const fixedEntryDate = new Date(1980, 0, 1, 0, 0, 0);

/** Pads with spaces; in lines of at most 75 octets when asked (a vCard's line limit), so every line stays valid. */
function padded(content: string, lineLimit?: number): string {
  const length = new TextEncoder().encode(content).length;
  const needed = Math.max(paddingBucket, Math.ceil(length / paddingBucket) * paddingBucket) - length;
  let padding = '';
  if (lineLimit !== undefined) while (needed - padding.length > lineLimit) padding += `${' '.repeat(lineLimit - 2)}\r\n`;
  return content + padding + ' '.repeat(needed - padding.length);
}

/** Builds the three files of a referral (RULES §4), padded as packed, without packing them: for previews and tests. */
export function buildReferralFiles(referral: Referral, options: PackOptions = {}) {
  const reference = options.reference === undefined ? generateReference() : normalizeReference(options.reference);
  const corrects = options.corrects == null ? null : normalizeReference(options.corrects);
  if (reference === null) throw new PackError('invalid reference code');
  if (options.corrects != null && corrects === null) throw new PackError('invalid reference code to correct');
  const document: ReferralDocument = {
    format: referralFormat,
    reference,
    createdAt: belgianTimestamp(options.now ?? new Date()),
    client: referral.client,
    consent: referral.consent,
    recipient: options.recipient ?? null,
    referrer: options.referrer ?? null,
    corrects,
  };
  const files = {
    [entryNames.text]: padded(renderText(document)),
    [entryNames.json]: padded(renderJson(document)),
    [entryNames.vcard]: padded(renderVcard(document), 75),
  };
  return { reference, files };
}

/**
 * Packs a validated referral into `aanmelding-<reference>.zip` with AES-256 (WinZip AE-2) entries that 7-Zip
 * opens. Run it in an extension page: zip.js cannot stream inside a Firefox content script.
 */
export async function packReferral(referral: Referral, password: string, options: PackOptions = {}): Promise<PackedReferral> {
  if (password.length === 0) throw new PackError('a password is required');
  const { reference, files } = buildReferralFiles(referral, options);
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    password, encryptionStrength: 3, zipCrypto: false,
    // Same sizes and dates for every referral of a size class: stored, a fixed DOS date, no extended timestamp.
    level: 0, lastModDate: fixedEntryDate, extendedTimestamp: false,
  });
  for (const [name, content] of Object.entries(files)) {
    await writer.add(name, new TextReader(content));
  }
  const bytes = await writer.close();
  return { fileName: `aanmelding-${reference}.zip`, bytes, reference };
}
