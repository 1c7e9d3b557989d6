import { describe, expect, it } from 'vitest';
import { buildReferralFiles, normalizeReference, packReferral, parseReferral, referralFormat, type Referral } from '../../lib/referral';
import { centralDirectory, localExtraIds, readZip } from '../support/zip';
import { now, validInput } from '../support/people';

const password = 'k7xm-4rp9-tz2c-h8vd-qn3w';
const recipient = { id: '13019', name: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be' };
const referrer = { name: 'An Janssens', team: 'Kind en Gezin Middenkempen', phone: '+3214000000', email: 'an.janssens@example.org' };

function referral(input: unknown = validInput): Referral {
  const result = parseReferral(input, { now });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.referral;
}

describe('packReferral', () => {
  it('names the zip after the reference only and returns that reference', async () => {
    const packed = await packReferral(referral(), password, { now });
    expect(packed.fileName).toBe(`aanmelding-${packed.reference}.zip`);
    expect(normalizeReference(packed.reference)).toBe(packed.reference);
  });

  it('writes three AES-256 (WinZip AE-2) entries with fixed names', async () => {
    const packed = await packReferral(referral(), password, { now });
    const entries = centralDirectory(packed.bytes);
    expect(entries.map((entry) => entry.name).sort()).toEqual(['aanmelding.json', 'aanmelding.txt', 'contact.vcf']);
    for (const entry of entries) {
      expect(entry.flags & 1).toBe(1); // encrypted
      expect(entry.method).toBe(99); // AES marker method
      expect(entry.aesVendorVersion).toBe(2); // AE-2: no CRC of the plaintext in the clear
      expect(entry.aesStrength).toBe(3); // 256-bit key
      expect(entry.aesMethod).toBe(0); // stored inside: a compressed size would follow the content
    }
  });

  it('holds exactly the data given, readable with the password', async () => {
    const packed = await packReferral(referral(), password, { now, recipient, referrer });
    const files = Object.fromEntries(Object.entries(await readZip(packed.bytes, password)).map(([name, text]) => [name, text.replace(/(?<=\n)[ \r\n]*$/u, '')]));
    const json = JSON.parse(files['aanmelding.json']!);
    expect(json).toEqual({
      format: referralFormat,
      reference: packed.reference,
      createdAt: '2026-11-22T10:15:00+01:00',
      ...validInput,
      recipient,
      referrer,
      corrects: null,
    });
    expect(Object.keys(json)).toEqual(['format', 'reference', 'createdAt', 'client', 'consent', 'recipient', 'referrer', 'corrects']);
    expect(files['aanmelding.txt']).toContain('Voornaam: Jan\r\n');
    expect(files['aanmelding.txt']).toContain('Adres: Kerkstraat 1, 2275 Lille\r\n');
    expect(files['aanmelding.txt']).toContain('gaf mondeling toestemming op 20-11-2026');
    expect(files['aanmelding.txt']).toContain('artikel 10/1 van het decreet van 30 april 2004');
    expect(files['aanmelding.txt']).toContain(`Referentie: ${packed.reference}`);
    expect(files['aanmelding.txt']).toContain('OCMW Lille <sociale.dienst@lille.be>');
    expect(files['contact.vcf']).toBe(
      [
        'BEGIN:VCARD', 'VERSION:3.0', 'N:Peeters;Jan;;;', 'FN:Jan Peeters',
        'ADR;TYPE=HOME:;;Kerkstraat 1;Lille;;2275;België', 'TEL;TYPE=VOICE:+32470123456',
        'EMAIL;TYPE=INTERNET:jan.peeters@example.org', `NOTE:Aanmelding Kind en Gezin ${packed.reference}`, 'END:VCARD', '',
      ].join('\r\n'),
    );
  });

  // Issue 13 item 7: contact.vcf was 124 + 2 × the name's length, and each entry carried its time to the second.
  it('gives referrals with names of different length the same entry sizes, and no time', async () => {
    const short = structuredClone(validInput);
    const long = structuredClone(validInput);
    short.client.firstName = 'Al';
    short.client.lastName = 'Ng';
    long.client.firstName = 'Marie-Christine';
    long.client.lastName = 'Van den Broeck-Vermeulen';
    long.client.address.street = 'Onze-Lieve-Vrouwestraat';
    const sizes = async (input: typeof validInput, at: Date) => {
      const packed = await packReferral(referral(input), password, { now: at, recipient, referrer });
      return centralDirectory(packed.bytes).map(({ name, compressedSize, uncompressedSize, dosDate, dosTime }) => ({
        name, compressedSize, uncompressedSize, dosDate, dosTime,
      }));
    };
    const a = await sizes(short, now);
    expect(await sizes(long, new Date('2026-11-23T15:47:13Z'))).toEqual(a);
    for (const entry of a) expect(entry.uncompressedSize % 512).toBe(0);
  });

  it('writes no extended timestamp (0x5455) or NTFS time (0x000a), only the AES field', async () => {
    const packed = await packReferral(referral(), password, { now });
    for (const entry of centralDirectory(packed.bytes)) expect(entry.extraIds).toEqual([0x9901]);
    expect(localExtraIds(packed.bytes)).toEqual([[0x9901], [0x9901], [0x9901]]);
  });

  it('pads with trailing spaces only: the JSON still parses, the text and vCard end as before', async () => {
    const packed = await packReferral(referral(), password, { now });
    const files = await readZip(packed.bytes, password);
    for (const content of Object.values(files)) expect(new TextEncoder().encode(content).length % 512).toBe(0);
    expect(JSON.parse(files['aanmelding.json']!).client.firstName).toBe('Jan');
    expect(files['contact.vcf']!.trimEnd()).toMatch(/\r\nEND:VCARD$/u);
    expect(files['aanmelding.txt']!.replace(/ +$/u, '')).toMatch(/\r\n$/u);
  });

  it('fails to open with a wrong password', async () => {
    const packed = await packReferral(referral(), password, { now });
    await expect(readZip(packed.bytes, 'wrong-password')).rejects.toThrow();
  });

  it('gives every referral a new reference', async () => {
    const references = new Set<string>();
    for (let i = 0; i < 20; i++) references.add((await packReferral(referral(), password, { now })).reference);
    expect(references.size).toBe(20);
  });

  it('carries the corrected reference, and refuses a malformed one', async () => {
    const original = (await packReferral(referral(), password, { now })).reference;
    const packed = await packReferral(referral(), password, { now, corrects: original.toLowerCase() });
    const files = await readZip(packed.bytes, password);
    expect(JSON.parse(files['aanmelding.json']!).corrects).toBe(original);
    expect(files['aanmelding.txt']).toContain(`Verbetering van aanmelding ${original}`);
    await expect(packReferral(referral(), password, { now, corrects: 'KG-AAAA-AAAA' })).rejects.toThrow('invalid reference');
  });

  it('escapes vCard specials, folds long lines and writes a box', () => {
    const input = structuredClone(validInput);
    input.client.lastName = 'Van den Broeck-Vermeulen-Verstraeten-Vandenberghe-Wouters';
    input.client.address.box = '3';
    input.client.address.street = 'Sint-Jan, Baptistlaan';
    const { files } = buildReferralFiles(referral(input), { now });
    const vcard = files['contact.vcf']!;
    expect(vcard).toContain('ADR;TYPE=HOME:;;Sint-Jan\\, Baptistlaan 1 bus 3;Lille;;2275;België');
    for (const line of vcard.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(vcard.replace(/\r\n /gu, '')).toContain('N:Van den Broeck-Vermeulen-Verstraeten-Vandenberghe-Wouters;Jan;;;');
    expect(files['aanmelding.txt']).toContain('Sint-Jan, Baptistlaan 1 bus 3, 2275 Lille');
  });

  it('writes summer-time stamps with +02:00', () => {
    const { files } = buildReferralFiles(referral(), { now: new Date('2026-07-01T08:00:00Z') });
    expect(JSON.parse(files['aanmelding.json']!).createdAt).toBe('2026-07-01T10:00:00+02:00');
  });

  it('refuses an empty password', async () => {
    await expect(packReferral(referral(), '', { now })).rejects.toThrow('password');
  });
});
