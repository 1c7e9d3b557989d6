import { browser } from 'wxt/browser';
import {
  optionsAnswerSchemas,
  panelAnswerSchemas,
  unansweredSchema,
  type DraftRequestMessage,
  type DraftResult,
  type OptionsMessage,
  type PanelMessage,
  type PilotReport,
  type ReadResult,
  type SelfCheckReport,
  type TabInfo,
} from '../messages';
import type { Reply } from '../messaging/answer';
import { requester, valueOf, type Transport } from '../messaging/request';
import type { FormState } from '../session/form-schema';
import { acrossNavigation, fillDraft } from './draft-flow';

export type { Reply, Transport };

/**
 * The side panel's one doorway to the background: each call builds its message, sends it, and parses the answer
 * with the protocol table's schema (lib/messages.ts). A lost connection or an answer of the wrong shape comes back as
 * null (or is ignored for saves), never as a throw, so the panel can fall back without losing what was typed; why
 * there was none is `PanelRequests`' to tell.
 */
export type PanelClient = {
  /** One attempt at the draft in the tab: 'navigating' when the webmail first goes to a compose page of its own. */
  makeDraft(tabId: number, request: DraftRequestMessage): Promise<DraftResult | null>;
  /**
   * The draft in the tab, made whole: through the webmail's own navigation (Roundcube) to the filled compose or the
   * failed step. What the panel's draft flow calls; the one place a shell differs in how a draft is made.
   */
  fillDraft(tabId: number, request: DraftRequestMessage): Promise<DraftResult | null>;
  readDraft(tabId: number): Promise<ReadResult | null>;
  /** Which webmail the tab shows, or null when no content script of ours answers there. */
  describeTab(tabId: number): Promise<TabInfo | null>;
  loadForm(): Promise<FormState | null>;
  saveForm(form: FormState): Promise<void>;
  clearForm(): Promise<void>;
};

const sendToBackground = <M,>(message: M): Promise<unknown> => browser.runtime.sendMessage(message);

/**
 * The panel's requests with their whole outcome (issue 23.5): the answer, or why there is none ('noReceiver',
 * 'failed', 'invalid'), for a panel that acts on the difference. `PanelClient` is built on it.
 */
export const panelRequests = (transport: Transport<PanelMessage> = sendToBackground) => requester(transport, panelAnswerSchemas, unansweredSchema);
export type PanelRequests = ReturnType<typeof panelRequests>;

export function createPanelClient(transport: Transport<PanelMessage> = sendToBackground): PanelClient {
  const ask = panelRequests(transport);
  const client: PanelClient = {
    makeDraft: async (tabId, request) => valueOf(await ask({ type: 'draft.make', tabId, request })),
    fillDraft: (tabId, request) => fillDraft(client, tabId, request),
    readDraft: async (tabId) => valueOf(await ask({ type: 'draft.read', tabId })),
    describeTab: async (tabId) => valueOf(await ask({ type: 'tab.describe', tabId })),
    loadForm: async () => valueOf(await ask({ type: 'form.load' })),
    saveForm: async (form) => void (await ask({ type: 'form.save', form })),
    clearForm: async () => void (await ask({ type: 'form.clear' })),
  };
  return client;
}

/** The options page's doorway to the background and, through it, to a webmail tab: the same table, the same outcomes. */
export type OptionsClient = {
  /** The content scripts follow the stored Roundcube addresses. */
  syncRoundcube(): Promise<Reply<true>>;
  selfCheck(tabId: number): Promise<Reply<SelfCheckReport>>;
  /** The pilot check, through the webmail's own navigation (Roundcube) like a draft. */
  pilot(tabId: number, to: string): Promise<Reply<Extract<PilotReport, { status: 'done' }>>>;
};

export function createOptionsClient(transport: Transport<OptionsMessage> = sendToBackground): OptionsClient {
  const ask = requester(transport, optionsAnswerSchemas, unansweredSchema);
  return {
    syncRoundcube: () => ask({ type: 'roundcube.sync' }),
    selfCheck: (tabId) => ask({ type: 'selfCheck.run', tabId }),
    async pilot(tabId, to) {
      // Why the last attempt had no answer; a tab that does not come back from its navigation is no receiver.
      let reply: Reply<PilotReport> = { ok: false, reason: 'noReceiver' };
      const report = await acrossNavigation(tabId, async (afterNavigation) => {
        reply = await ask({ type: 'pilot.run', tabId, to, ...(afterNavigation ? { afterNavigation } : {}) });
        return valueOf(reply);
      });
      if (report?.status === 'done') return { ok: true, value: report };
      return { ok: false, reason: reply.ok ? 'noReceiver' : reply.reason };
    },
  };
}
