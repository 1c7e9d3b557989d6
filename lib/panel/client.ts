import { browser } from 'wxt/browser';
import {
  draftResultSchema,
  readResultSchema,
  tabInfoSchema,
  type DraftRequestMessage,
  type DraftResult,
  type PanelMessage,
  type ReadResult,
  type TabInfo,
} from '../messages';
import { formStateSchema, type FormState } from '../session/form-schema';
import { fillDraft } from './draft-flow';

/** How a panel message travels: runtime messaging to the background in the extension, a stand-in in tests. */
export type Transport = (message: PanelMessage) => Promise<unknown>;

/**
 * The side panel's one doorway to the background: each call builds its message, sends it, and parses the answer.
 * A lost connection or an answer of the wrong shape comes back as null (or is ignored for saves), never as a throw,
 * so the panel can fall back without losing what was typed.
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

export function createPanelClient(transport: Transport = (message) => browser.runtime.sendMessage(message)): PanelClient {
  const ask = async <T>(message: PanelMessage, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }) => {
    const parsed = schema.safeParse(await transport(message).catch(() => undefined));
    return parsed.success ? parsed.data : null;
  };
  const client: PanelClient = {
    makeDraft: (tabId, request) => ask({ type: 'draft.make', tabId, request }, draftResultSchema),
    fillDraft: (tabId, request) => fillDraft(client, tabId, request),
    readDraft: (tabId) => ask({ type: 'draft.read', tabId }, readResultSchema),
    describeTab: (tabId) => ask({ type: 'tab.describe', tabId }, tabInfoSchema),
    loadForm: () => ask({ type: 'form.load' }, formStateSchema),
    saveForm: async (form) => void (await transport({ type: 'form.save', form }).catch(() => undefined)),
    clearForm: async () => void (await transport({ type: 'form.clear' }).catch(() => undefined)),
  };
  return client;
}
