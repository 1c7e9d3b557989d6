import { fromBase64, tabMessageSchema, type DraftResult, type ReadResult, type SelfCheckReport, type TabInfo, type TabMessage } from '../messages';
import { makeDraft, type WebmailAdapter } from '../webmail';
import { AdapterError } from '../webmail/dom';

type Answers = {
  'draft.make': DraftResult;
  'draft.read': ReadResult;
  'tab.describe': TabInfo;
  'selfCheck.run': SelfCheckReport;
};
type Handlers = { [K in TabMessage['type']]: (message: Extract<TabMessage, { type: K }>) => Promise<Answers[K]> | Answers[K] };

/**
 * The content script's side of the referral, one handler per message type: it carries out what the side panel
 * asks through the background (make the draft, read it back, say which webmail this is, self-check). It only ever
 * holds ciphertext and non-personal draft text.
 */
export function tabHandlers(adapter: WebmailAdapter, doc: Document): Handlers {
  return {
    'draft.make': ({ request }) => {
      const file =
        request.fileName && request.zipBase64
          ? new File([fromBase64(request.zipBase64).slice().buffer], request.fileName, { type: 'application/zip' })
          : undefined;
      return makeDraft(adapter, doc, { to: request.to, subject: request.subject, body: request.body, ...(file ? { file } : {}) });
    },
    'draft.read': async () => {
      try {
        return { ok: true, draft: adapter.readDraft(await adapter.openCompose(doc)) };
      } catch (error) {
        return { ok: false, detail: error instanceof AdapterError ? `${adapter.id}: ${error.message}` : `${adapter.id}: unexpected error` };
      }
    },
    // The origin only: paths can carry message ids.
    'tab.describe': () => ({ adapter: adapter.id, name: adapter.name, origin: doc.location.origin, compose: adapter.hasCompose(doc) }),
    'selfCheck.run': () => ({ adapter: adapter.id, url: doc.location.origin, items: adapter.selfCheck(doc) }),
  };
}

/** Parses one message from the background and runs its handler; anything malformed is dropped (undefined). */
export async function handleTabMessage(handlers: Handlers, message: unknown): Promise<Answers[TabMessage['type']] | undefined> {
  const parsed = tabMessageSchema.safeParse(message);
  if (!parsed.success) return undefined;
  const handler = handlers[parsed.data.type] as (message: TabMessage) => Promise<Answers[TabMessage['type']]> | Answers[TabMessage['type']];
  return handler(parsed.data);
}
