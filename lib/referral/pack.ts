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
  /** The reference of the referral this one corrects (SPEC F3). */
  corrects?: string | null;
  now?: Date;
};

export type PackedReferral = { fileName: string; bytes: Uint8Array; reference: string };

export class PackError extends Error {}

/** Builds the three files of a referral (SPEC §4) without packing them: for previews and tests. */
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
  const files = { [entryNames.text]: renderText(document), [entryNames.json]: renderJson(document), [entryNames.vcard]: renderVcard(document) };
  return { reference, files };
}

/**
 * Packs a validated referral into `aanmelding-<reference>.zip` with AES-256 (WinZip AE-2) entries that 7-Zip
 * opens. Run it in an extension page: zip.js cannot stream inside a Firefox content script.
 */
export async function packReferral(referral: Referral, password: string, options: PackOptions = {}): Promise<PackedReferral> {
  if (password.length === 0) throw new PackError('a password is required');
  const { reference, files } = buildReferralFiles(referral, options);
  const lastModDate = options.now ?? new Date();
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3, zipCrypto: false, lastModDate });
  for (const [name, content] of Object.entries(files)) {
    await writer.add(name, new TextReader(content));
  }
  const bytes = await writer.close();
  return { fileName: `aanmelding-${reference}.zip`, bytes, reference };
}
