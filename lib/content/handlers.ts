import { fromBase64 } from '../base64';
import type { TabAnswer, TabMessage } from '../messages';
import { parseTabMessage } from './guard';
import { makeDraft } from '../webmail/draft';
import { defaultTimeouts, type Timeouts, type WebmailAdapter } from '../webmail/types';
import { selfCheckOf } from '../webmail/dom';
import { describe, failed } from '../webmail/failure';
import { runPilot } from '../webmail/pilot';

type TabMessageType = TabMessage['type'];
/** One handler per tab message type, answering with that type's answer in the protocol table (lib/messages.ts). */
type Handlers = { [K in TabMessageType]: (message: Extract<TabMessage, { type: K }>) => Promise<TabAnswer<K>> | TabAnswer<K> };

/**
 * The content script's side of the referral, one handler per message type: it carries out what the side panel
 * asks through the background (make the draft, read it back, say which webmail this is, self-check). It only ever
 * holds ciphertext and non-personal draft text.
 */
export function tabHandlers(adapter: WebmailAdapter, doc: Document, timeouts: Timeouts = defaultTimeouts): Handlers {
  return {
    'draft.make': async ({ request }) => {
      const file =
        request.fileName && request.zipBase64
          ? new File([fromBase64(request.zipBase64).slice().buffer], request.fileName, { type: 'application/zip' })
          : undefined;
      const result = await makeDraft(
        adapter,
        { to: request.to, subject: request.subject, body: request.body, ...(file ? { file } : {}), ...(request.afterNavigation ? { afterNavigation: true } : {}) },
        { doc, timeouts },
      );
      // The webmail composes on a page of its own: go there once this answer has left (the panel asks again).
      if (result.status === 'navigating') setTimeout(() => doc.location.assign(result.url), 0);
      return result;
    },
    'draft.read': () => {
      try {
        const compose = adapter.currentCompose(doc);
        if (!compose) return { ok: false, ...failed(adapter.id, '', 'noCompose') };
        return { ok: true, draft: adapter.readBack(compose) };
      } catch (error) {
        return { ok: false, ...describe(adapter.id, error) };
      }
    },
    // The origin only: paths can carry message ids.
    'tab.describe': () => ({ adapter: adapter.id, name: adapter.name, origin: doc.location.origin, compose: adapter.currentCompose(doc) !== null }),
    'selfCheck.run': () => ({ adapter: adapter.id, url: doc.location.origin, items: selfCheckOf(doc, adapter.selectors) }),
    'pilot.run': async ({ to, afterNavigation }) => {
      const report = await runPilot(adapter, to, { doc, timeouts }, afterNavigation === true);
      if (report.status === 'navigating') setTimeout(() => doc.location.assign(report.url), 0);
      return report;
    },
  };
}

/** Parses one message from the background and runs its handler; anything malformed is dropped (undefined). */
export async function handleTabMessage(handlers: Handlers, message: unknown): Promise<TabAnswer<TabMessageType> | undefined> {
  // A hand-written guard with exactly tabMessageSchema's rules: no zod in the webmail page (lib/content/guard.ts).
  const parsed = parseTabMessage(message);
  if (!parsed) return undefined;
  const handler = handlers[parsed.type] as (message: TabMessage) => Promise<TabAnswer<TabMessageType>> | TabAnswer<TabMessageType>;
  return handler(parsed);
}
