import type { AdapterStep, DraftResult, ReadBack, TierReport } from '../messages';
import { AdapterError, waitFor } from './dom';
import type { AdapterContext, DraftRequest, WebmailAdapter } from './types';

export type { DraftResult };

/** "aanmelding-KG-7F3Q-2M9X" of "aanmelding-KG-7F3Q-2M9X.zip": webmails may shorten or suffix the shown name. */
export function attachmentStem(fileName: string): string {
  return fileName.replace(/\.zip$/u, '');
}

/** True when the compose shows our file as a finished upload. */
export function showsAttachment(draft: Pick<ReadBack, 'attachments'>, fileName: string): boolean {
  const stem = attachmentStem(fileName);
  return draft.attachments.some((name) => name.includes(stem));
}

function describe(adapter: WebmailAdapter, error: unknown): string {
  // Only our own adapter messages travel (they name elements, never data); anything else is summarised.
  return error instanceof AdapterError ? `${adapter.id}: ${error.message}` : `${adapter.id}: unexpected error`;
}

/** Tries each attach tier in order; after each, watches for our attachment before the next. */
async function attachInTiers(adapter: WebmailAdapter, compose: Element, file: File, context: AdapterContext, tiers: TierReport): Promise<void> {
  for (const tier of adapter.attachTiers) {
    try {
      await tier.run(compose, file, context);
      await waitFor(compose.ownerDocument.documentElement, () => showsAttachment(adapter.readBack(compose), file.name), {
        timeoutMs: context.timeouts.tierMs, step: 'attach', what: 'attached file', signal: context.signal,
      });
      tiers.push({ tier: tier.id, ok: true, detail: '' });
      return;
    } catch (error) {
      tiers.push({ tier: tier.id, ok: false, detail: describe(adapter, error) });
      if (context.signal?.aborted) break;
    }
  }
  throw new AdapterError('attach', `no attach tier worked (${tiers.map((report) => report.tier).join(', ')})`);
}

/**
 * Fills a fresh compose form step by step: a compose of our own (never one with recipients, text or attachments),
 * recipient (confirmed as a chip), subject, body, the attachment in tiers, then reads everything back. Stops at the
 * first failing step and says which one, with what the compose holds, so the panel can guide the worker through
 * exactly what is left.
 */
export async function makeDraft(adapter: WebmailAdapter, request: DraftRequest, context: AdapterContext): Promise<DraftResult> {
  const completed: AdapterStep[] = [];
  const tiers: TierReport = [];
  let step: AdapterStep = 'openCompose';
  let compose: Element | null = null;
  try {
    const fresh = await adapter.freshCompose(context, request);
    if (fresh.kind === 'navigate') return { status: 'navigating', url: fresh.url };
    compose = fresh.compose;
    completed.push(step);
    step = 'recipient';
    await adapter.setRecipient(compose, request.to, context);
    completed.push(step);
    step = 'subject';
    adapter.setSubject(compose, request.subject);
    completed.push(step);
    step = 'body';
    adapter.setBody(compose, request.body);
    completed.push(step);
    if (request.file) {
      step = 'attach';
      await attachInTiers(adapter, compose, request.file, context, tiers);
      completed.push(step);
    }
    step = 'read';
    return { status: 'filled', draft: adapter.readBack(compose), tiers };
  } catch (error) {
    const failedStep = error instanceof AdapterError ? error.step : step;
    let draft: ReadBack | null = null;
    try {
      draft = compose ? adapter.readBack(compose) : null;
    } catch {
      draft = null;
    }
    return { status: 'failed', failedStep, completed, detail: describe(adapter, error), tiers, draft };
  }
}
