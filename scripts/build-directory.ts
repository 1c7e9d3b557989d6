/**
 * Builds lib/directory/directory.json from the research data in ../shared/data (municipalities.json,
 * postcodes.json). Run it when that data changes: `npm run directory`. The output is committed, so the extension
 * builds and tests without ../shared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { directorySchema, type Directory, type RecipientEntry } from '../lib/directory/schema';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.argv[2] ?? join(root, '..', 'shared', 'data');

// Only the fields we use are read; zod checks their shape so a change upstream fails here, loudly.
const sourceMunicipality = z.object({
  nis: z.string(),
  name_nl: z.string(),
  name_fr: z.string(),
  region: z.enum(['Vlaams Gewest', 'Brussels Hoofdstedelijk Gewest']),
  province: z.string().nullable(),
  postcodes: z.array(z.string()),
  localities: z.array(z.object({ name: z.string(), postcode: z.string(), is_deelgemeente: z.boolean(), alias: z.boolean().optional() })),
  merged_2025: z.object({ from: z.array(z.object({ name_nl: z.string() })) }).nullable(),
  merged_2019: z.object({ from: z.array(z.object({ name_nl: z.string() })) }).nullable(),
  facility_municipality: z.boolean(),
  receiving_organisation: z.object({ type: z.enum(['OCMW', 'CAW']), name: z.string() }),
  referral: z.object({
    mailbox: z.string().nullable(),
    status: z.string(),
    provenance: z.string().optional(),
    protocol: z.object({
      status: z.enum(['in_force', 'signed', 'ended', 'unknown']),
      signed_on: z.string().nullable().optional(),
      agreement_signed_on: z.string().nullable().optional(),
      in_force_since: z.string().nullable().optional(),
      ended_on: z.string().nullable().optional(),
    }),
    security_contact: z.string().optional(),
    privacy_contact: z.string().optional(),
  }),
  opgroeien_team: z.object({ name: z.string() }).nullable(),
});
const sourceMunicipalities = z.object({
  meta: z.object({ generated: z.string(), opgroeien_dpo: z.email() }),
  municipalities: z.array(sourceMunicipality),
});
const sourcePostcodes = z.object({
  meta: z.object({
    excluded_non_geographic_postcodes: z.record(z.string(), z.string()),
    wallonia_postcodes_out_of_scope: z.array(z.string()),
  }),
});

const read = (name: string) => JSON.parse(readFileSync(join(dataDir, name), 'utf8'));
const municipalitiesData = sourceMunicipalities.parse(read('municipalities.json'));
const postcodesData = sourcePostcodes.parse(read('postcodes.json'));

// The seed protocols are our sources for the two verified mailboxes; say so in words a user understands.
function describeSource(provenance: string | undefined): string | null {
  if (!provenance) return null;
  const parties = /^protocol (.*?),/u.exec(provenance)?.[1]?.replace(' -> ', ' – ');
  return parties ? `Gegevensdelingsprotocol ${parties}, art. 6` : 'Gegevensdelingsprotocol';
}

const recipients = new Map<string, RecipientEntry>();
const municipalities = municipalitiesData.municipalities.map((source) => {
  const brussels = source.region === 'Brussels Hoofdstedelijk Gewest';
  const recipientId = brussels ? 'caw-brussel' : source.nis;
  if (!recipients.has(recipientId)) {
    const { referral } = source;
    const protocol = referral.protocol;
    recipients.set(recipientId, {
      id: recipientId,
      kind: source.receiving_organisation.type,
      name: source.receiving_organisation.name,
      mailbox: referral.mailbox,
      source: referral.mailbox ? describeSource(referral.provenance) : null,
      protocol: {
        status: protocol.status,
        signedOn: protocol.signed_on ?? protocol.agreement_signed_on ?? null,
        inForceSince: protocol.in_force_since ?? null,
        endedOn: protocol.ended_on ?? null,
      },
      securityContact: referral.security_contact ?? null,
      privacyContact: referral.privacy_contact ?? null,
      team: source.opgroeien_team?.name ?? null,
    });
  }
  return {
    nis: source.nis,
    nameNl: source.name_nl,
    nameFr: source.name_fr,
    region: brussels ? ('brussels' as const) : ('flanders' as const),
    province: source.province,
    postcodes: source.postcodes,
    localities: source.localities.map((locality) => ({
      name: locality.name,
      postcode: locality.postcode,
      deelgemeente: locality.is_deelgemeente,
      former: locality.alias ?? false,
    })),
    formerMunicipalities: [...(source.merged_2025?.from ?? []), ...(source.merged_2019?.from ?? [])]
      .map((former) => former.name_nl)
      .filter((name) => name !== source.name_nl),
    facility: source.facility_municipality,
    recipientId,
  };
});

const directory: Directory = directorySchema.parse({
  format: 'veilig-aanmelden/directory@1',
  version: municipalitiesData.meta.generated,
  attribution: [
    'NIS-codes en gemeentenamen: Bron: Statbel (Algemene Directie Statistiek – Statistics Belgium), gewijzigd; CC BY 4.0.',
    'Postcodes en deelgemeenten: bpost, postcodelijst 2025.',
    'Mailadressen en protocoldata: de gegevensdelingsprotocollen tussen Opgroeien en het OCMW.',
  ],
  senderDpo: municipalitiesData.meta.opgroeien_dpo,
  municipalities,
  recipients: [...recipients.values()],
  outsidePostcodes: [...new Set(postcodesData.meta.wallonia_postcodes_out_of_scope)].sort(),
  nonResidentialPostcodes: Object.fromEntries(
    Object.entries(postcodesData.meta.excluded_non_geographic_postcodes)
      .filter(([code]) => /^[1-9]\d{3}$/u.test(code))
      .map(([code, name]) => [code, name.trim()]),
  ),
} satisfies Directory);

const out = join(root, 'lib', 'directory', 'directory.json');
writeFileSync(out, `${JSON.stringify(directory, null, 1)}\n`);
process.stdout.write(`wrote ${out}: ${directory.municipalities.length} municipalities, ${directory.recipients.length} recipients\n`);
