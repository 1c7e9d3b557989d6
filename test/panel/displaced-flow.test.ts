import { beforeEach, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DraftRequestMessage, DraftResult } from '../../lib/messages';
import type { PanelClient } from '../../lib/panel/client';
import { fillDraft } from '../../lib/panel/draft-flow';

// Issue 21.10: Roundcube saves the compose on screen before the tab leaves it, and says so in its "navigating"
// answer; the answer on the new page cannot know it. The panel's draft flow carries it to the final answer.

beforeEach(() => fakeBrowser.reset());

const tabId = 7;
const request: DraftRequestMessage = { to: 'sociale.dienst@lille.be', subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X', body: 'Beste collega' };
const draft = { to: [request.to], cc: [], bcc: [], from: '', replyTo: [], followupTo: [], subject: request.subject, body: request.body, attachments: [] };
const displaced = { kind: 'reply', savedAs: 'draft', heldOurZip: false } as const;

/** A webmail tab that answers with `answers` in turn; after a "navigating" its new page says it is ready. */
function tab(answers: DraftResult[]): PanelClient {
  return {
    makeDraft: async () => {
      const answer = answers.shift() ?? null;
      if (answer?.status === 'navigating') setTimeout(() => void fakeBrowser.runtime.onMessage.trigger({ type: 'tab.ready', tabId }, {}, () => undefined), 5);
      return answer;
    },
  } as unknown as PanelClient;
}

it('carries what the page it left held into the answer from the new page', async () => {
  const result = await fillDraft(tab([{ status: 'navigating', url: '/?_task=mail&_action=compose', displaced }, { status: 'filled', draft, tiers: [], displaced: null }]), tabId, request);
  expect(result).toMatchObject({ status: 'filled', displaced });
  const failed = await fillDraft(
    tab([{ status: 'navigating', url: '/', displaced }, { status: 'failed', failedStep: 'attach', completed: [], detail: '', tiers: [], draft: null }]),
    tabId,
    request,
  );
  expect(failed).toMatchObject({ status: 'failed', displaced });
});

it('keeps the answer as it is when nothing was displaced, or when the new page says something itself', async () => {
  const plain = await fillDraft(tab([{ status: 'navigating', url: '/', displaced: null }, { status: 'filled', draft, tiers: [] }]), tabId, request);
  expect(plain).toEqual({ status: 'filled', draft, tiers: [] });
  const own = { kind: 'draft', savedAs: 'kept', heldOurZip: true } as const;
  const second = await fillDraft(tab([{ status: 'navigating', url: '/', displaced }, { status: 'filled', draft, tiers: [], displaced: own }]), tabId, request);
  expect(second).toMatchObject({ displaced: own });
  expect(browser.runtime.onMessage.hasListeners()).toBe(false);
});
