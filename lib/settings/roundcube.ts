import { browser } from 'wxt/browser';
import { z } from 'zod';

/** storage.local key of the Roundcube addresses the user added (origins only, e.g. "https://webmail.example.be"). */
export const roundcubeOriginsKey = 'roundcubeOrigins';
const originsSchema = z.array(z.string().regex(/^https?:\/\/[^/]+$/u)).max(20);

export async function storedRoundcubeOrigins(): Promise<string[]> {
  const parsed = originsSchema.safeParse((await browser.storage.local.get(roundcubeOriginsKey))[roundcubeOriginsKey] ?? []);
  return parsed.success ? parsed.data : [];
}

export async function storeRoundcubeOrigins(origins: string[]): Promise<void> {
  await browser.storage.local.set({ [roundcubeOriginsKey]: originsSchema.parse([...new Set(origins)]) });
}
