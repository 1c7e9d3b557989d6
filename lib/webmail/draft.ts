import type { AdapterStep, DraftResult } from '../messages';
import { AdapterError } from './dom';
import type { DraftRequest, WebmailAdapter } from './types';

export type { DraftResult };

/**
 * Fills a compose form step by step: open (or reuse) the compose form, recipient, subject, body, attachment,
 * then reads subject and body back for the leak check. Stops at the first failing step and says which one, so
 * the panel can offer the fallback for exactly what is left.
 */
export async function makeDraft(adapter: WebmailAdapter, doc: Document, request: DraftRequest, signal?: AbortSignal): Promise<DraftResult> {
  const completed: AdapterStep[] = [];
  let step: AdapterStep = 'openCompose';
  try {
    const compose = await adapter.openCompose(doc, signal);
    completed.push(step);
    step = 'recipient';
    adapter.setRecipient(compose, request.to);
    completed.push(step);
    step = 'subject';
    adapter.setSubject(compose, request.subject);
    completed.push(step);
    step = 'body';
    adapter.setBody(compose, request.body);
    completed.push(step);
    if (request.file) {
      step = 'attach';
      await adapter.attach(compose, request.file, signal);
      completed.push(step);
    }
    step = 'read';
    return { ok: true, draft: adapter.readDraft(compose) };
  } catch (error) {
    const failedStep = error instanceof AdapterError ? error.step : step;
    // Only our own adapter messages travel (they name elements, never data); anything else is summarised.
    const detail = error instanceof AdapterError ? `${adapter.id}: ${error.message}` : `${adapter.id}: unexpected error`;
    return { ok: false, failedStep, completed, detail };
  }
}
