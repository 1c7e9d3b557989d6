import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { adapterIdSchema, tierReportSchema, type AdapterId, type TierReport } from '../messages';
import { belgianToday } from '../time';

/** storage.local key of the last draft's attach tiers: which way of attaching worked, per webmail. No content. */
export const attachRecordKey = 'lastAttachTiers';
const recordSchema = z.object({ adapter: adapterIdSchema, on: z.string(), tiers: tierReportSchema });
export type AttachRecord = z.infer<typeof recordSchema>;

/** Remembers which attach tier worked for the last draft, for the self-check's report to IT. */
export async function recordAttachTiers(adapter: AdapterId, tiers: TierReport): Promise<void> {
  if (tiers.length === 0) return;
  await browser.storage.local.set({ [attachRecordKey]: { adapter, on: belgianToday(), tiers } satisfies AttachRecord });
}

export async function lastAttachTiers(): Promise<AttachRecord | null> {
  const parsed = recordSchema.safeParse((await browser.storage.local.get(attachRecordKey))[attachRecordKey]);
  return parsed.success ? parsed.data : null;
}
