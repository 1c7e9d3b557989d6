import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledDirectory } from '../../lib/directory';
import { packReferral, parseReferral } from '../../lib/referral';
import { readZip } from '../support/zip';
import { now } from '../support/people';

// Synthetic names built from letters (with accents and particles) so no run of digits can look like an INSZ.
const letters = [...'abcdefghijklmnopqrstuvwxyzéèëêïöüçñłøåäßğşžšđ'];
const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 12 }).map((chars) => {
  const text = chars.join('');
  return text.charAt(0).toUpperCase() + text.slice(1);
});
const name = fc.tuple(fc.constantFrom('', 'Van ', 'De ', "D'", 'Van den '), word, fc.constantFrom('', '-Claes', ' Ngu'))
  .map(([particle, core, suffix]) => `${particle}${core}${suffix}`);
// Any real place of the directory: its postcode with one of its localities.
const place = fc.constantFrom(...bundledDirectory.municipalities.flatMap((m) => m.localities));
const address = fc.record({
  street: word.map((w) => `${w}straat`),
  houseNumber: fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('', 'A', ' bis')).map(([n, s]) => `${n}${s}`),
  box: fc.constantFrom('', '1', '0.2', 'B'),
  place,
}).map(({ place: { postcode, name }, ...rest }) => ({ ...rest, postcode, municipality: name }));
const phone = fc.tuple(fc.constantFrom('046', '047', '048', '049'), fc.integer({ min: 0, max: 9_999_999 }))
  .map(([prefix, rest]) => `${prefix}${String(rest).padStart(7, '0')}`);
const email = fc.tuple(fc.stringMatching(/^[a-z]{1,10}(\.[a-z]{1,10})?$/u), fc.constantFrom('example.org', 'example.be'))
  .map(([local, domain]) => `${local}@${domain}`);
const consentDate = fc.date({ min: new Date('2024-01-01T12:00:00Z'), max: new Date('2026-11-21T12:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const validInput = fc
  .record({
    client: fc.record(
      { firstName: name, lastName: name, address, phone, email },
      { requiredKeys: ['firstName', 'lastName'] },
    ),
    consent: fc.record({
      informed: fc.constant(true),
      consented: fc.constant(true),
      date: consentDate,
      manner: fc.constantFrom('mondeling', 'schriftelijk'),
    }),
  })
  .filter(({ client }) => 'address' in client || 'phone' in client || 'email' in client);

describe('properties', () => {
  it('any valid referral packs and unpacks to the same data', async () => {
    await fc.assert(
      fc.asyncProperty(validInput, fc.stringMatching(/^[ -~]{12,40}$/u), async (input, password) => {
        const result = parseReferral(input, { now });
        expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
        if (!result.ok) return;
        const packed = await packReferral(result.referral, password, { now });
        const files = await readZip(packed.bytes, password);
        const json = JSON.parse(files['aanmelding.json']!);
        expect({ client: json.client, consent: json.consent }).toEqual(result.referral);
        expect(json.reference).toBe(packed.reference);
        // Cleaning is stable: what came out parses to itself.
        expect(parseReferral(result.referral, { now })).toEqual({ ok: true, referral: result.referral });
      }),
      { numRuns: 40 },
    );
  });

  const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string());
  const fuzzedInput = fc.oneof(
    fc.anything(),
    fc.record({
      client: fc.oneof(
        fc.anything(),
        fc.dictionary(fc.constantFrom('firstName', 'lastName', 'phone', 'email', 'address', 'notes', 'birthDate'), fc.oneof(anyText, fc.anything())),
        fc.record({ firstName: anyText, lastName: anyText, phone: anyText, email: anyText,
          address: fc.record({ street: anyText, houseNumber: anyText, box: anyText, postcode: anyText, municipality: anyText }) }),
      ),
      consent: fc.oneof(fc.anything(), fc.record({ informed: fc.anything(), consented: fc.boolean(), date: anyText, manner: anyText })),
    }),
  );

  it('no input crashes parseReferral; every refusal is a message per field', () => {
    fc.assert(
      fc.property(fuzzedInput, (input) => {
        const result = parseReferral(input, { now });
        if (result.ok) return;
        const entries = Object.entries(result.errors);
        expect(entries.length).toBeGreaterThan(0);
        for (const [path, message] of entries) {
          expect(typeof path === "string" && path.length > 0).toBe(true);
          expect(message.length).toBeGreaterThan(5);
          expect(message).not.toMatch(/Invalid|expected|undefined|\[object/u);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
