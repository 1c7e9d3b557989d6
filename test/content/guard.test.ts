import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTabMessage } from '../../lib/content/guard';
import { tabMessageSchema } from '../../lib/messages';
import '../../lib/zod-setup';

// Issue 15.1: the content script checks the background's messages by hand (no zod in the webmail page). This holds
// the hand guard to exactly what tabMessageSchema accepts, and to the same output, over generated messages.
const zod = (value: unknown) => {
  const parsed = tabMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

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

const request = fc.record(
  { to: emails, subject: texts(200), body: texts(20_000), fileName: fileNames, zipBase64: zips, afterNavigation: flags, extra: fc.anything() },
  { requiredKeys: [] },
);
const messages = fc.oneof(
  fc.record({ type: fc.constant('draft.make'), request: fc.oneof(request, fc.anything()) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('draft.read', 'tab.describe', 'selfCheck.run', 'pilot.run', 'form.load', 'other', ''), to: emails, afterNavigation: flags }, { requiredKeys: ['type'] }),
  fc.tuple(fc.record({ type: fc.constantFrom('draft.make', 'pilot.run', 'draft.read') }), extras).map(([message, more]) => ({ ...more, ...message })),
  fc.anything(),
);

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
