import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropped, route } from '../../lib/background/router';
import { tabAnswerSchemas, type OptionsMessage, type PanelMessage } from '../../lib/messages';
import { answering } from '../../lib/messaging/answer';
import { createOptionsClient, createPanelClient, panelRequests } from '../../lib/panel/client';

// Issue 23.5: the messaging layer tells "no receiver", "failed" and "invalid answer" apart, as data; the panel's
// PanelClient keeps its null for all three (it only falls back).
const info = { adapter: 'gmail', name: 'Gmail', origin: 'https://mail.google.com', compose: true };
const report = { status: 'done', adapter: 'gmail', origin: 'https://mail.google.com', steps: [], tiers: [] };

describe('the requests of the panel and the options page', () => {
  it('give the answer parsed with its schema from the protocol table', async () => {
    const ask = panelRequests(async () => info);
    expect(await ask({ type: 'tab.describe', tabId: 7 })).toEqual({ ok: true, value: info });
    expect(tabAnswerSchemas['tab.describe'].safeParse(info).success).toBe(true);
  });

  it('tell no receiver, a failed handler and an answer of another shape apart', async () => {
    const reasons = await Promise.all(
      [
        () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
        async () => undefined,
        async () => ({ unanswered: 'noReceiver' }),
        async () => ({ unanswered: 'failed' }),
        async () => ({ adapter: 'hotmail' }),
        async () => ({ unanswered: 'kapot' }),
      ].map(async (transport) => panelRequests(transport)({ type: 'tab.describe', tabId: 7 })),
    );
    expect(reasons.map((reply) => (reply.ok ? 'ok' : reply.reason))).toEqual(['noReceiver', 'noReceiver', 'noReceiver', 'failed', 'invalid', 'invalid']);
  });

  it('keep the PanelClient to null for any of them, never a throw', async () => {
    for (const transport of [() => Promise.reject(new Error('weg')), async () => ({ unanswered: 'failed' }), async () => 'iets']) {
      const client = createPanelClient(transport);
      expect(await client.describeTab(7)).toBeNull();
      expect(await client.readDraft(7)).toBeNull();
      expect(await client.loadForm()).toBeNull();
      await expect(client.saveForm({} as never)).resolves.toBeUndefined();
    }
  });

  it("run the options page's self-check and sync through the table, with the reason when there is no answer", async () => {
    const sent: OptionsMessage[] = [];
    const client = createOptionsClient(async (message) => {
      sent.push(message);
      return message.type === 'roundcube.sync' ? true : { unanswered: 'failed' };
    });
    expect(await client.syncRoundcube()).toEqual({ ok: true, value: true });
    expect(await client.selfCheck(7)).toEqual({ ok: false, reason: 'failed' });
    expect(sent).toEqual([{ type: 'roundcube.sync' }, { type: 'selfCheck.run', tabId: 7 }]);
  });

  it("run the pilot through the draft's navigate-and-retry loop: asked again on the new page, saying so", async () => {
    fakeBrowser.reset();
    const sent: OptionsMessage[] = [];
    const client = createOptionsClient(async (message) => {
      sent.push(message);
      if (sent.length > 1) return report;
      // The new page's content script announces itself once the first answer has left.
      setTimeout(() => void fakeBrowser.runtime.sendMessage({ type: 'tab.ready', tabId: 7 }), 0);
      return { status: 'navigating', url: 'https://webmail.example.org/?_task=mail&_action=compose' };
    });
    expect(await client.pilot(7, 'an.janssens@example.org')).toEqual({ ok: true, value: report });
    expect(sent).toEqual([
      { type: 'pilot.run', tabId: 7, to: 'an.janssens@example.org' },
      { type: 'pilot.run', tabId: 7, to: 'an.janssens@example.org', afterNavigation: true },
    ]);
    const failing = createOptionsClient(async () => 'iets');
    expect(await failing.pilot(7, 'an.janssens@example.org')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('through the background', () => {
  const sidePanel = { id: browser.runtime.id, url: browser.runtime.getURL('/sidepanel.html') } as never;
  const hooks = { syncRoundcube: async () => undefined, openPanel: async () => true };
  const viaBackground = (message: PanelMessage) =>
    new Promise<unknown>((resolve) => {
      const listener = answering((received: unknown) => route(received, sidePanel, hooks));
      if (listener(message, undefined, resolve) === undefined) resolve(undefined);
    });

  it('says "no receiver" where no content script of ours listens in the tab, and "failed" where its handler failed', async () => {
    fakeBrowser.reset();
    dropped.count = 0;
    browser.tabs.get = vi.fn(async (id: number) => ({ id, url: 'https://mail.google.com/mail/u/0/' })) as unknown as typeof browser.tabs.get;
    browser.tabs.sendMessage = vi.fn(() => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))) as never;
    expect(await panelRequests(viaBackground)({ type: 'tab.describe', tabId: 7 })).toEqual({ ok: false, reason: 'noReceiver' });
    // The content script's own listener answers the mark when its handler fails; the background passes it on.
    browser.tabs.sendMessage = vi.fn(
      (_tabId: number, message: unknown) =>
        new Promise((resolve) => answering(() => Promise.reject(new Error('intern')))(message, {}, resolve)),
    ) as never;
    expect(await panelRequests(viaBackground)({ type: 'tab.describe', tabId: 7 })).toEqual({ ok: false, reason: 'failed' });
    expect(dropped.count).toBe(0);
  });
});
