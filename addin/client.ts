import type { DraftRequestMessage, DraftResult } from '../lib/messages';
import type { PanelClient } from '../lib/panel/client';
import type { TabSource } from '../lib/panel/webmail-tab';
import type { FormState } from '../lib/session/form-state';
import { describeOfficeItem, makeOfficeDraft, readOfficeDraft, type ExpectedFile, type OfficeComposeItem, type OfficeDraftOptions } from './office-draft';

/**
 * The panel's doorway to its mail in the add-in (issue 22.1): the same `PanelClient` the extension's panel uses, over
 * Office.js. The task pane lives in one mail and only ever works there, so its "tab" is a fixed 0. The form being
 * typed (the client's data) stays in this page's memory only: never in roamingSettings (which sync to the mailbox)
 * nor in the origin's storage; closing the task pane wipes it.
 */

/** The one "tab" of the task pane: the mail it was opened in. */
export const officeTabId = 0;

/** The panel works for the mail the task pane belongs to, and that never changes. */
export const officeTabSource: TabSource = {
  bound: true,
  current: () => Promise.resolve(officeTabId),
  subscribe: () => () => undefined,
};

export type OfficeClientOptions = OfficeDraftOptions & {
  /** Where the worker's Outlook runs as the panel names it (Outlook on the web's host unless told). */
  origin?: string;
  /** Called with the detail of each failed draft (null after a draft that went through): the shell says it in Dutch. */
  onFailure?: (detail: string | null) => void;
};

/** The file of the last request: the read-back names an attachment with its name but not its size and content apart. */
function expectedOf(request: DraftRequestMessage): ExpectedFile | null {
  const { fileName, zipBase64 } = request;
  if (fileName === undefined || zipBase64 === undefined) return null;
  const size = (zipBase64.length / 4) * 3 - (zipBase64.endsWith('==') ? 2 : zipBase64.endsWith('=') ? 1 : 0);
  return { fileName, size, zipBase64 };
}

export function createOfficeClient(item: OfficeComposeItem, options: OfficeClientOptions = {}): PanelClient {
  const { origin, onFailure, ...draftOptions } = options;
  let form: FormState | null = null;
  let expected: ExpectedFile | null = null;
  const ours = (tabId: number) => tabId === officeTabId;

  const make = async (tabId: number, request: DraftRequestMessage): Promise<DraftResult | null> => {
    if (!ours(tabId)) return null;
    expected = expectedOf(request);
    const result = await makeOfficeDraft(item, request, draftOptions);
    onFailure?.(result.status === 'failed' ? result.detail : null);
    return result;
  };

  return {
    // Office needs no navigation: one attempt is the whole draft.
    makeDraft: make,
    fillDraft: make,
    async readDraft(tabId) {
      if (!ours(tabId)) return null;
      const result = await readOfficeDraft(item, expected, draftOptions);
      // A failed read is Outlook busy or slow, not a closed compose (the task pane closes with its mail): "unknown",
      // so the panel keeps what it knew and looks again.
      return result.ok ? result : null;
    },
    async describeTab(tabId) {
      if (!ours(tabId)) return null;
      // Asked once when the task pane opens (its mail never changes): a passing Outlook error gets two more tries.
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const info = await describeOfficeItem(item, origin, draftOptions);
          // "A compose to fill" only while the mail is new and untouched: a reply, a forward or a mail with content
          // is never filled, also not when the panel watches for a compose after a failure.
          return { ...info.tab, compose: info.ready };
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
        }
      }
      return null;
    },
    loadForm: () => Promise.resolve(form),
    async saveForm(next) {
      form = next;
    },
    async clearForm() {
      // The file's name, size and content stay: ciphertext the done step still checks the draft against.
      form = null;
    },
  };
}
