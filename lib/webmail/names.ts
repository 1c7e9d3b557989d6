import { isMessageKey, t, type MessageKey } from '../i18n';
import type { AdapterFailure, AdapterProblem, AdapterStep, AttachTierId } from '../messages';

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

const problemKeys: Record<AdapterProblem, MessageKey> = {
  notFound: 'detail_notFound',
  timeout: 'detail_timeout',
  notShown: 'detail_notShown',
  cancelled: 'detail_cancelled',
  late: 'detail_late',
  noTier: 'detail_noTier',
  noTierInTime: 'detail_noTier',
  readBackDiffers: 'detail_readBack',
  noCompose: 'detail_noCompose',
  notSaved: 'displaced_detailNotSaved',
  unexpected: 'detail_unexpected',
};

/**
 * What went wrong in a step, in the user's language, from the adapter's data (issue 23.5): "gmail: " and the problem
 * with the element's name put in. Nothing is parsed back from the English detail.
 */
export function failureName({ adapter, what, problem }: AdapterFailure): string {
  return `${adapter}: ${t(problemKeys[problem], [whatName(what)])}`;
}

/**
 * The text of a report's line: the adapter's failure in the user's language where there is one; else the detail as it
 * came (the Outlook add-in's Office errors, a record an earlier version stored).
 */
export function detailName({ detail, failure }: { detail: string; failure?: AdapterFailure | undefined }): string {
  return failure ? failureName(failure) : detail;
}
