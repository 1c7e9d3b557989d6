import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseTabMessage } from '../../lib/content/guard';
import { tabPatterns } from '../../lib/message-rules';
import { draftRequestSchema, tabMessageSchema } from '../../lib/messages';
import '../../lib/zod-setup';

// Issue 15.1: the content script checks the background's messages by hand (no zod in the webmail page). This holds
// the hand guard to exactly what tabMessageSchema accepts, and to the same output, over generated messages. Issue
// 23.3: the message types and their fields come from the schema itself, so a new type or field is generated too.
const zod = (value: unknown) => {
  const parsed = tabMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** Each tab message type of the schema with its fields (but `type`). */
const schemaTypes = tabMessageSchema._zod.def.options.map((option) => {
  const { type, ...fields } = option._zod.def.shape;
  return { type: String(type._zod.def.values[0]), fields: Object.keys(fields) };
});
const requestFields = Object.keys(draftRequestSchema._zod.def.shape);

const emails = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('sociale.dienst@lille.be', 'a@b.be', 'x@y', '.a@b.be', 'a.@b.be', 'a..b@c.be', 'ä@b.be', ' a@b.be', 'a@b.b', 'a@-b.be', "o'brien@x.ie", 'a+b@c.co', ''),
  fc.string(),
  fc.integer(),
);
const texts = (max: number) => fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), ''), fc.integer(), fc.constant(null));
const fileNames = fc.oneof(
  fc.constantFrom(undefined, 'aanmelding-KG-7F3Q-2M9X.zip', 'aanmelding-KG-7F3Q-2M9X.ZIP', 'aanmelding-KG-7F3Q-2M9.zip', 'aanmelding-KG-0F3Q-2M9X.zip', 'x.zip', ''),
  fc.string(),
  fc.integer(),
);
const zips = fc.oneof(fc.constantFrom(undefined, '', 'QUJD', 'QUJD==', 'QUJD===', 'QU=JD', 'QU JD', 'QUJD\n'), fc.base64String({ maxLength: 40 }), fc.string(), fc.integer());
const flags = fc.constantFrom(undefined, true, false, 'yes', 0, null);
const extras = fc.dictionary(fc.constantFrom('extra', 'tabId', '__proto__x', 'zip'), fc.jsonValue(), { maxKeys: 2 });

/** Valid and invalid values for every field of the draft request, by name: a new field needs its generator here. */
const requestValues: Record<string, fc.Arbitrary<unknown>> = {
  to: emails,
  subject: texts(200),
  body: texts(20_000),
  fileName: fileNames,
  zipBase64: zips,
  afterNavigation: flags,
};
const request = fc.record({ ...requestValues, extra: fc.anything() }, { requiredKeys: [] });

/** Valid and invalid values for every field of a tab message, by name: likewise. */
const messageValues: Record<string, fc.Arbitrary<unknown>> = {
  request: fc.oneof(request, fc.anything()),
  to: emails,
  afterNavigation: flags,
};

const messages = fc.oneof(
  // Every type of the schema with its own fields, and with every other type's fields.
  fc.constantFrom(...schemaTypes).chain(({ type, fields }) =>
    fc.record({ type: fc.constant(type), ...Object.fromEntries(fields.map((field) => [field, messageValues[field] ?? fc.anything()])) }, { requiredKeys: ['type'] }),
  ),
  fc.record({ type: fc.constantFrom(...schemaTypes.map(({ type }) => type), 'form.load', 'other', ''), ...messageValues }, { requiredKeys: ['type'] }),
  fc.tuple(fc.record({ type: fc.constantFrom(...schemaTypes.map(({ type }) => type)) }), extras).map(([message, more]) => ({ ...more, ...message })),
  fc.anything(),
);

it('generates every type and field the schema has (a new one needs its generator first)', () => {
  expect(schemaTypes.map(({ type }) => type)).toEqual(expect.arrayContaining(['draft.make', 'draft.read', 'pilot.run']));
  expect(schemaTypes.flatMap(({ fields }) => fields).filter((field) => !(field in messageValues))).toEqual([]);
  expect(requestFields.filter((field) => !(field in requestValues))).toEqual([]);
});

it('shares zod’s own e-mail pattern (lib/message-rules.ts), the one z.email() applies', () => {
  expect(tabPatterns.email.source).toBe(z.regexes.email.source.replaceAll('\\-', '-'));
});

describe('the content script’s hand-written message guard', () => {
  it('accepts exactly what tabMessageSchema accepts, and returns what zod returns', () => {
    fc.assert(
      fc.property(messages, (message) => {
        expect(parseTabMessage(message)).toEqual(zod(message));
      }),
      { numRuns: 5_000 },
    );
  });

  it('agrees on the messages the panel really sends, and on the edges', () => {
    const good = { to: 'sociale.dienst@lille.be', subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X', body: 'Beste collega', fileName: 'aanmelding-KG-7F3Q-2M9X.zip', zipBase64: 'UEsDBA==' };
    const cases: unknown[] = [
      { type: 'draft.make', request: good },
      { type: 'draft.make', request: { ...good, afterNavigation: true } },
      { type: 'draft.make', request: { to: good.to, subject: 'Intrekking toestemming – KG-7F3Q-2M9X', body: 'x' } },
      { type: 'draft.make', request: { ...good, zipBase64: undefined } },
      { type: 'draft.make', request: { ...good, to: 'ocmw.antwerpen@evil' } },
      { type: 'draft.make', request: { ...good, subject: 's'.repeat(201) } },
      { type: 'pilot.run', to: 'an.janssens@example.org', afterNavigation: false },
      { type: 'pilot.run' },
      { type: 'draft.read', anything: 1 },
      { type: 'form.load' },
      [{ type: 'draft.read' }],
      null,
      'draft.read',
    ];
    for (const message of cases) expect(parseTabMessage(message), JSON.stringify(message)).toEqual(zod(message));
    expect(parseTabMessage(cases[0])).toEqual(cases[0]);
    expect(parseTabMessage(cases[4])).toBeNull();
  });
});
