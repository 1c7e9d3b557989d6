import { describe, expect, it } from 'vitest';
import { checkDraft, fillOutcome } from '../../components/panel/draft-session';
import type { DraftResult, ReadBack, ReadResult } from '../../lib/messages';
import { createPanelClient } from '../../lib/panel/client';
import type { ExpectedDraft } from '../../lib/panel/verify';

// The draft session's shared pieces (issue 23.1): what a fill came to, and the read-back check, for a referral and a
// withdrawal notice alike. A notice is the simplest draft: To, subject and body, no file, no client data.

const expected: ExpectedDraft = {
  to: 'sociale.dienst@lille.example',
  from: null,
  subject: 'Intrekking aanmelding KG-7Q2M-9XHT',
  body: 'De aanmelding met referentie KG-7Q2M-9XHT wordt ingetrokken.',
  fileName: null,
  referral: null,
};
const readBack = (change: Partial<ReadBack> = {}): ReadBack => ({
  to: [expected.to], cc: [], bcc: [], subject: expected.subject, body: expected.body, attachments: [],
  from: 'worker@kindengezin.example', replyTo: [], followupTo: [], ...change,
});
const displaced = { kind: 'reply', savedAs: 'draft', heldOurZip: false } as const;

describe('fillOutcome', () => {
  it('a filled draft is checked, and the sending identity it showed becomes part of what is expected', () => {
    const outcome = fillOutcome({ status: 'filled', draft: readBack(), tiers: [] }, expected);
    expect(outcome).toEqual({
      status: 'filled',
      displaced: null,
      expected: { ...expected, from: 'worker@kindengezin.example' },
      check: { draft: readBack(), problems: [] },
    });
  });

  it('names what is wrong with a filled draft, and expects no identity where the webmail shows none', () => {
    const outcome = fillOutcome({ status: 'filled', draft: readBack({ from: '', cc: ['iemand@elders.example'] }), tiers: [], displaced }, expected);
    if (outcome.status !== 'filled') throw new Error(outcome.status);
    expect(outcome.expected.from).toBeNull();
    expect(outcome.check.problems).toEqual([{ kind: 'cc', found: ['iemand@elders.example'] }]);
    expect(outcome.displaced).toEqual(displaced);
  });

  it('a failed fill names its step and the steps done, and what became of the compose on screen', () => {
    const answer: DraftResult = {
      status: 'failed', failedStep: 'attach', completed: ['detect', 'openCompose', 'recipient'], detail: 'gmail: no tier', tiers: [], draft: null, displaced,
    };
    expect(fillOutcome(answer, expected)).toEqual({ status: 'failed', displaced, failedStep: 'attach', completed: ['detect', 'openCompose', 'recipient'] });
  });

  it('no answer, or one still navigating, is the connection: nothing done, nothing displaced said', () => {
    const connection = { status: 'failed', displaced: null, failedStep: 'connection', completed: [] };
    expect(fillOutcome(null, expected)).toEqual(connection);
    expect(fillOutcome({ status: 'navigating', url: 'https://mail.example/?_action=compose', displaced }, expected)).toEqual(connection);
  });
});

describe('checkDraft', () => {
  /** A panel client whose tab answers the read-back with `answer` (undefined: nothing answers). */
  const clientAnswering = (answer: ReadResult | undefined) => {
    const asked: unknown[] = [];
    const client = createPanelClient(async (message) => {
      asked.push(message);
      return message.type === 'draft.read' ? answer : undefined;
    });
    return { client, asked };
  };

  it('reads the draft back from the tab it names and checks it against what is expected', async () => {
    const { client, asked } = clientAnswering({ ok: true, draft: readBack({ to: ['iemand@elders.example'] }) });
    const check = await checkDraft(client, 41, expected);
    expect(asked).toEqual([{ type: 'draft.read', tabId: 41 }]);
    expect(check).toEqual({ draft: readBack({ to: ['iemand@elders.example'] }), problems: [{ kind: 'to', found: ['iemand@elders.example'] }] });
  });

  it("says 'closed' when the tab shows no compose any more, and null when the tab does not answer", async () => {
    expect(await checkDraft(clientAnswering({ ok: false, detail: 'no compose' }).client, 41, expected)).toBe('closed');
    expect(await checkDraft(clientAnswering(undefined).client, 41, expected)).toBeNull();
  });
});
