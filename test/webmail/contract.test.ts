// @vitest-environment happy-dom
/**
 * The contract every adapter keeps, run through every attach tier against the behavioural fixtures: a page where
 * only that tier works still yields exactly To = the mailbox, no Cc/Bcc and the one attachment, with the tier
 * recorded; a page where every tier fails says so; a reply on screen is never touched.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDraft, type WebmailAdapter } from '../../lib/webmail';
import { gmail } from '../../lib/webmail/gmail';
import { outlook } from '../../lib/webmail/outlook';
import { roundcube } from '../../lib/webmail/roundcube';
import type { AttachTierId } from '../../lib/webmail/types';
import { installGmail, type GmailBehaviour } from '../fixtures/gmail/behaviour';
import { installOutlook, type OutlookBehaviour } from '../fixtures/outlook/behaviour';
import { answerAttachments, fixtureDocument, loadFixture, mailbox, request, timeouts } from './fixture';

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

function gmailPage(options: GmailBehaviour) {
  loadFixture('gmail/compose-2024-en.html');
  return installGmail(document, options, controller.signal);
}

function outlookPage(options: OutlookBehaviour) {
  loadFixture('outlook/inbox-en.html');
  const template = fixtureDocument('outlook/compose-en.html').querySelector('[id^="docking_InitVisiblePart_"]')!;
  return installOutlook(document, document.importNode(template, true), options, controller.signal);
}

/** Roundcube's upload answered only for the given ways in; without the file input when it must not work. */
function roundcubePage(works: readonly AttachTierId[]) {
  loadFixture('roundcube/compose-en.html');
  if (!works.includes('input')) document.querySelector('#uploadformInput')?.remove();
  const chip = (name: string) => Object.assign(document.createElement('li'), { id: 'rcmfile1', textContent: name });
  const on = works.filter((tier): tier is 'drop' => tier === 'drop');
  answerAttachments({ chip, container: () => document.querySelector('#attachment-list'), on: works.includes('input') ? ['change', ...on] : on, signal: controller.signal });
}

type Case = { adapter: WebmailAdapter; works: AttachTierId | null; setup: () => void };
const cases: Case[] = [
  { adapter: gmail, works: 'drop', setup: () => gmailPage({ start: 'inbox', zone: true, input: false }) },
  { adapter: gmail, works: 'input', setup: () => gmailPage({ start: 'inbox', zone: false, input: true }) },
  { adapter: gmail, works: null, setup: () => gmailPage({ start: 'inbox', zone: false, input: false }) },
  { adapter: outlook, works: 'drop', setup: () => outlookPage({ start: 'inbox', drop: true, paste: false }) },
  { adapter: outlook, works: 'paste', setup: () => outlookPage({ start: 'inbox', drop: false, paste: true }) },
  { adapter: outlook, works: null, setup: () => outlookPage({ start: 'inbox', drop: false, paste: false }) },
  { adapter: roundcube, works: 'input', setup: () => roundcubePage(['input']) },
  { adapter: roundcube, works: 'drop', setup: () => roundcubePage(['drop']) },
  { adapter: roundcube, works: null, setup: () => roundcubePage([]) },
];

it('covers every tier of every adapter, and the all-fail page', () => {
  for (const adapter of [gmail, outlook, roundcube]) {
    const covered = cases.filter((testCase) => testCase.adapter === adapter).map((testCase) => testCase.works);
    expect(covered.sort()).toEqual([...adapter.attachTiers.map((tier) => tier.id), null].sort());
  }
});

/** The fixture's compose stands for the page opened for this draft (Roundcube reuses no other; the rest ignore it). */
const opened = () => ({ ...request(), afterNavigation: true });

const ids = (adapter: WebmailAdapter) => adapter.attachTiers.map((tier) => tier.id);

describe.each(cases.filter((testCase) => testCase.works !== null))('$adapter.id, only tier $works works', ({ adapter, works, setup }) => {
  it('fills To, subject, body and the one attachment, and records the tier', async () => {
    setup();
    const result = await makeDraft(adapter, opened(), { doc: document, timeouts });
    expect(result.status, JSON.stringify(result)).toBe('filled');
    if (result.status !== 'filled') return;
    expect(result.draft).toMatchObject({ to: [mailbox], cc: [], bcc: [], subject: request().subject });
    expect(result.draft.body).toContain('referentie KG-7F3Q-2M9X');
    expect(result.draft.attachments).toHaveLength(1);
    expect(result.draft.attachments[0]).toContain('aanmelding-KG-7F3Q-2M9X');
    const until = ids(adapter).indexOf(works!);
    expect(result.tiers.map(({ tier, ok }) => ({ tier, ok }))).toEqual(ids(adapter).slice(0, until + 1).map((tier) => ({ tier, ok: tier === works })));
  });
});

describe.each(cases.filter((testCase) => testCase.works === null))('$adapter.id, no tier works', ({ adapter, setup }) => {
  it('fails on attach, with every tier reported, and the rest filled', async () => {
    setup();
    const result = await makeDraft(adapter, opened(), { doc: document, timeouts });
    expect(result).toMatchObject({ status: 'failed', failedStep: 'attach', completed: ['openCompose', 'recipient', 'subject', 'body'] });
    if (result.status !== 'failed') return;
    expect(result.tiers.map(({ tier, ok }) => ({ tier, ok }))).toEqual(ids(adapter).map((tier) => ({ tier, ok: false })));
    for (const { detail } of result.tiers) expect(detail).toMatch(new RegExp(`^${adapter.id}: `, 'u'));
    expect(result.draft).toMatchObject({ to: [mailbox], cc: [], bcc: [], attachments: [] });
  });
});

describe.each([
  { adapter: gmail, setup: () => gmailPage({ start: 'reply' }) },
  { adapter: outlook, setup: () => outlookPage({ start: 'reply' }) },
])('$adapter.id with a reply open', ({ adapter, setup }) => {
  it('fills a new compose and leaves the reply as it was', async () => {
    const page = setup();
    const reply = page.reply()!;
    const before = adapter.readBack(reply);
    expect(before.cc).toEqual(['collega@kindengezin.example']);
    expect(adapter.currentCompose(document)).toBe(reply);

    const result = await makeDraft(adapter, request(), { doc: document, timeouts });
    expect(result.status, JSON.stringify(result)).toBe('filled');
    if (result.status !== 'filled') return;
    expect(result.draft).toMatchObject({ to: [mailbox], cc: [], bcc: [], attachments: [expect.stringContaining('aanmelding-KG-7F3Q-2M9X')] });
    expect(page.composes()).toHaveLength(2);
    expect(adapter.currentCompose(document)).not.toBe(reply);

    const after = adapter.readBack(reply);
    expect(after).toEqual(before);
    expect(after.body).toContain('Lisa De Smet, 0478 99 88 77');
    expect(after.attachments).toEqual([]);
    expect(after.to).not.toContain(mailbox);
    if ('discarded' in page) expect(page.discarded()).toBe(0);
  });
});
