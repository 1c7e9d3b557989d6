import type { AdapterStep, Displaced, DraftResult, ReadBack, TierReport } from '../messages';
import { AdapterError, waitFor } from './dom';
import { describe, failed } from './failure';
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

/** Resolves once `probe` holds, or once `timeoutMs` passed (false then); never throws but for a cancel. */
function settle(compose: Element, probe: () => boolean, timeoutMs: number, what: string, signal?: AbortSignal): Promise<boolean> {
  if (probe()) return Promise.resolve(true);
  if (timeoutMs <= 0) return Promise.resolve(false);
  return waitFor(compose.ownerDocument.documentElement, probe, { timeoutMs, step: 'attach', what, signal }).then(
    () => true,
    (error: unknown) => {
      if (signal?.aborted) throw error;
      return probe();
    },
  );
}

/**
 * Tries each attach tier in order, within one deadline for the whole step (timeouts.attachMs); after each, watches
 * for our attachment (upload finished) before the next. Never a second copy: before the next tier starts, an upload
 * still running is waited for and a late landing of an earlier tier is taken as the attachment; once the deadline
 * has passed no tier starts, and a landing seen then is still counted (issue 20.10).
 */
async function attachInTiers(adapter: WebmailAdapter, compose: Element, file: File, context: AdapterContext, tiers: TierReport): Promise<void> {
  const { signal } = context;
  const deadline = Date.now() + context.timeouts.attachMs;
  const left = () => deadline - Date.now();
  const landed = () => showsAttachment(adapter.readBack(compose), file.name);
  /** Tiers that handed the file over without an error: one of them may still land. */
  const handed: TierReport[number][] = [];
  const lateLanding = () => {
    const tier = handed.at(-1) ?? tiers.at(-1);
    if (tier) Object.assign(tier, { ok: true, ...failed(adapter.id, 'attached file', 'late') });
  };
  for (const tier of adapter.attachTiers) {
    if (tiers.length > 0) {
      // An earlier tier's upload may still run: let it end before judging it.
      await settle(compose, () => !adapter.uploading(compose), left(), 'upload', signal);
      if (landed()) {
        lateLanding();
        return;
      }
    }
    if (left() <= 0 || signal?.aborted) break;
    const report = { tier: tier.id, ok: false, detail: '' };
    tiers.push(report);
    try {
      const tierMs = Math.min(context.timeouts.tierMs, left());
      await tier.run(compose, file, { ...context, timeouts: { ...context.timeouts, tierMs } });
      handed.push(report);
      if (await settle(compose, landed, Math.min(tierMs, left()), 'attached file', signal)) {
        report.ok = true;
        return;
      }
      Object.assign(report, failed(adapter.id, 'attached file', 'timeout'));
    } catch (error) {
      Object.assign(report, describe(adapter.id, error));
      if (signal?.aborted) break;
    }
  }
  // The deadline passed, or every tier was tried: a late landing is seen here, not doubled.
  if (!signal?.aborted && tiers.length > 0 && landed()) {
    lateLanding();
    return;
  }
  const tried = tiers.map((report) => report.tier).join(', ');
  throw new AdapterError('attach', '', left() <= 0 ? 'noTierInTime' : 'noTier', null, tried);
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
  // What became of the compose on screen: every answer says it, the panel tells the worker (issue 21.10).
  let displaced: Displaced | null = null;
  try {
    const fresh = await adapter.freshCompose(context, request);
    displaced = fresh.displaced;
    if (fresh.kind === 'navigate') return { status: 'navigating', url: fresh.url, displaced };
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
    // Never read back while an upload still runs: its card is not an attachment yet (issue 20.10).
    const uploading = () => adapter.uploading(compose as Element);
    await settle(compose, () => !uploading(), context.timeouts.tierMs, 'upload', context.signal);
    return { status: 'filled', draft: adapter.readBack(compose), tiers, displaced };
  } catch (error) {
    const failedStep = error instanceof AdapterError ? error.step : step;
    let draft: ReadBack | null = null;
    try {
      draft = compose ? adapter.readBack(compose) : null;
    } catch {
      draft = null;
    }
    if (error instanceof AdapterError && error.displaced) displaced = error.displaced;
    return { status: 'failed', failedStep, completed, ...describe(adapter.id, error), tiers, draft, displaced };
  }
}
