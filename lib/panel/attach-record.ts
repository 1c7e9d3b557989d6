import * as z from 'zod/mini';
import { adapterIdSchema, tierReportSchema, type AdapterId, type TierReport } from '../messages';
import { defineVaultItem } from '../settings/vault';
import { belgianToday } from '../time';

/** Vault key of the last draft's attach tiers: which way of attaching worked, per webmail. No content. */
export const attachRecordKey = 'lastAttachTiers';
const recordSchema = z.nullable(z.object({ adapter: adapterIdSchema, on: z.string(), tiers: tierReportSchema }));
export type AttachRecord = NonNullable<z.infer<typeof recordSchema>>;

/**
 * In the extension's own IndexedDB like everything else the extension reads back (lib/settings/vault.ts): in
 * storage.local a content script could plant a record and make the self-check report to IT say a way of attaching
 * worked that never did. A record an earlier version left there is removed, not moved.
 */
const attachRecordItem = defineVaultItem(attachRecordKey, recordSchema, null);

/** Remembers which attach tier worked for the last draft, for the self-check's report to IT. */
export async function recordAttachTiers(adapter: AdapterId, tiers: TierReport): Promise<void> {
  if (tiers.length === 0) return;
  await attachRecordItem.set({ adapter, on: belgianToday(), tiers });
}

export async function lastAttachTiers(): Promise<AttachRecord | null> {
  return attachRecordItem.get();
}
