import { isMessageKey, t, type MessageKey } from '../i18n';
import type { AdapterStep, AttachTierId } from '../messages';

/**
 * The names of the adapters' steps, page elements and attach tiers in the user's language, for the self-check and
 * the pilot check (issue 14.8: no English in a Dutch screen). The adapters name elements in English (`what`), which
 * is also what the code reads; test/i18n.test.ts holds every adapter's names to a translation here.
 */
export const whatKey = (what: string): string => `what_${what.toLowerCase().replace(/[^a-z0-9]+/gu, '_').replace(/^_|_$/gu, '')}`;

export function whatName(what: string): string {
  const key = whatKey(what);
  return isMessageKey(key) ? t(key) : what;
}

export const stepName = (step: AdapterStep | 'connection' | 'button'): string => t(`step_${step}` as MessageKey);
export const tierName = (tier: AttachTierId): string => t(`tier_${tier}` as MessageKey);
