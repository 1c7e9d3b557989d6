// @vitest-environment happy-dom
/**
 * Issue 20.10: one deadline for the whole attach step, and never a second copy. A stand-in adapter whose tiers land
 * when the test says (late, with or without a visible upload, never) and counts every copy it receives.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultTimeouts, makeDraft, type Timeouts, type WebmailAdapter } from '../../lib/webmail';
import { addressesOf, queryAll } from '../../lib/webmail/dom';
import type { AttachTierId } from '../../lib/webmail/types';
import { mailbox, request, zipName } from './fixture';

/** How one tier behaves: lands after `ms` (never when null), showing an upload in progress meanwhile or not. */
type Landing = { ms: number | null; visible: boolean };

function standIn(landings: Record<'drop' | 'paste', Landing>) {
  document.body.innerHTML = '<form id="compose"><input name="to"><input name="subject"><textarea name="body"></textarea><ul id="files"></ul></form>';
  const compose = document.querySelector('#compose')!;
  const field = (name: string) => compose.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  const runs: AttachTierId[] = [];
  const tier = (id: 'drop' | 'paste') => ({
    id,
    run: async (_compose: Element, file: File) => {
      runs.push(id);
      const { ms, visible } = landings[id];
      if (ms === null) return;
      const item = Object.assign(document.createElement('li'), { textContent: file.name, className: 'uploading' });
      if (visible) document.querySelector('#files')!.append(item);
      setTimeout(() => {
        item.className = 'done';
        document.querySelector('#files')!.append(item);
      }, ms);
    },
  });
  const adapter: WebmailAdapter = {
    id: 'outlook',
    name: 'stand-in',
    selectors: {},
    detect: () => true,
    buttonHost: () => null,
    currentCompose: () => compose,
    freshCompose: async () => ({ kind: 'compose', compose, displaced: null }),
    setRecipient: async (_compose, address) => void (field('to').value = address),
    setSubject: (_compose, subject) => void (field('subject').value = subject),
    setBody: (_compose, body) => void (field('body').value = body),
    attachTiers: [tier('drop'), tier('paste')],
    uploading: () => queryAll(document, ['#files li.uploading']).length > 0,
    readBack: () => ({
      to: addressesOf(field('to').value), cc: [], bcc: [], from: '', replyTo: [], followupTo: [],
      subject: field('subject').value, body: field('body').value,
      attachments: queryAll(document, ['#files li.uploading']).length > 0 ? [] : queryAll(document, ['#files li.done']).map((item) => item.textContent ?? ''),
    }),
  };
  return { adapter, runs, copies: () => document.querySelectorAll('#files li').length };
}

const short: Timeouts = { openMs: 100, chipMs: 50, tierMs: 100, attachMs: 150 };

describe('the attach step', () => {
  afterEach(() => vi.useRealTimers());

  it('waits for an upload still running after its tier’s wait, and never starts the next tier: one copy', async () => {
    const page = standIn({ drop: { ms: 130, visible: true }, paste: { ms: 0, visible: false } });
    const result = await makeDraft(page.adapter, request(), { doc: document, timeouts: short });
    expect(result.status, JSON.stringify(result)).toBe('filled');
    expect(page.runs).toEqual(['drop']);
    expect(page.copies()).toBe(1);
    expect(result).toMatchObject({ draft: { attachments: [zipName] }, tiers: [{ tier: 'drop', ok: true, detail: 'outlook: attached file shown after its wait' }] });
  });

  it('starts no tier once the deadline has passed, and says so', async () => {
    const page = standIn({ drop: { ms: null, visible: false }, paste: { ms: 0, visible: false } });
    const started = Date.now();
    const result = await makeDraft(page.adapter, request(), { doc: document, timeouts: { ...short, attachMs: 100 } });
    expect(Date.now() - started).toBeLessThan(400);
    expect(page.runs).toEqual(['drop']);
    expect(result).toMatchObject({ status: 'failed', failedStep: 'attach', detail: 'outlook: no attach tier worked in time (drop)', tiers: [{ tier: 'drop', ok: false }] });
  });

  it('gives the next tier only what is left of the deadline', async () => {
    const page = standIn({ drop: { ms: null, visible: false }, paste: { ms: null, visible: false } });
    const started = Date.now();
    const result = await makeDraft(page.adapter, request(), { doc: document, timeouts: short });
    const took = Date.now() - started;
    expect(page.runs).toEqual(['drop', 'paste']);
    expect(result).toMatchObject({ status: 'failed', failedStep: 'attach' });
    // Two tiers of 100 ms each would take 200 ms; the step's deadline is 150 ms.
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(195);
  });

  it('takes a late landing of the first tier seen while the second waits as the one attachment', async () => {
    const page = standIn({ drop: { ms: 120, visible: false }, paste: { ms: null, visible: false } });
    const result = await makeDraft(page.adapter, request(), { doc: document, timeouts: { ...short, attachMs: 1_000 } });
    expect(result.status, JSON.stringify(result)).toBe('filled');
    expect(page.copies()).toBe(1);
  });

  describe('with the default timeouts', () => {
    beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));

    it('gives up within 10 s when no tier ever lands (the fallback comes in time)', async () => {
      const page = standIn({ drop: { ms: null, visible: false }, paste: { ms: null, visible: false } });
      let outcome: Awaited<ReturnType<typeof makeDraft>> | null = null;
      void makeDraft(page.adapter, request(), { doc: document, timeouts: defaultTimeouts }).then((result) => (outcome = result));
      await vi.advanceTimersByTimeAsync(9_999);
      expect(outcome).toMatchObject({ status: 'failed', failedStep: 'attach' });
      expect(page.runs).toEqual(['drop', 'paste']);
      expect(mailbox).toBe(page.adapter.readBack(document.body).to[0]);
    });
  });
});
