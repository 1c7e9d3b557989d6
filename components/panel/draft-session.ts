import type { Displaced, DraftResult } from '../../lib/messages';
import type { PanelClient } from '../../lib/panel/client';
import { verifyDraft, type ExpectedDraft } from '../../lib/panel/verify';
import type { DraftCheck } from './DoneStep';

/** A draft read back and checked field by field. */
export type CheckedDraft = NonNullable<DraftCheck>;

/**
 * What a fill came to: filled (checked against what was expected, with the sending identity the compose showed), or
 * failed at a step ('connection' when the tab did not answer). `displaced`: what became of the webmail's own compose
 * that was on screen (issue 21.10), when the webmail said.
 */
export type FillOutcome = { displaced: Displaced | null } & (
  | { status: 'filled'; expected: ExpectedDraft; check: CheckedDraft }
  | { status: 'failed'; failedStep: string; completed: readonly string[] }
);

/** The webmail's answer to a fill, for a referral and a withdrawal notice alike. */
export function fillOutcome(answer: DraftResult | null, expected: ExpectedDraft): FillOutcome {
  const displaced = answer && answer.status !== 'navigating' ? (answer.displaced ?? null) : null;
  if (answer?.status === 'filled') {
    // The sending identity the compose showed: a page that changes it later makes the draft wrong (issue 20.1).
    const withFrom = { ...expected, from: answer.draft.from || null };
    return { status: 'filled', displaced, expected: withFrom, check: { draft: answer.draft, problems: verifyDraft(answer.draft, withFrom) } };
  }
  if (answer?.status === 'failed') return { status: 'failed', displaced, failedStep: answer.failedStep, completed: answer.completed };
  return { status: 'failed', displaced, failedStep: 'connection', completed: [] };
}

/**
 * Reads the draft back from the tab it was made in and checks every field: null when the tab could not be reached,
 * 'closed' when it shows no compose any more (sent, or saved and closed).
 */
export async function checkDraft(client: PanelClient, tabId: number, expected: ExpectedDraft): Promise<CheckedDraft | 'closed' | null> {
  const answer = await client.readDraft(tabId);
  if (answer === null) return null;
  return answer.ok ? { draft: answer.draft, problems: verifyDraft(answer.draft, expected) } : 'closed';
}
