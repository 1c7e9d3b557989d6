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

/**
 * What went wrong in a step, in the user's language. The adapters report it in English ("gmail: drop zone not found
 * in time": the adapter, the element's `what`, the problem), which is what a developer reads in the code and what
 * the content script sends; the self-check and the pilot check show it translated. A detail in another form is
 * shown as it came.
 */
const detailForms: readonly [RegExp, MessageKey][] = [
  [/^(.+) not found in time$/u, 'detail_timeout'],
  [/^(.+) not found$/u, 'detail_notFound'],
  [/^(.+) not shown$/u, 'detail_notShown'],
  [/^(.+): cancelled$/u, 'detail_cancelled'],
  [/^no attach tier worked\b/u, 'detail_noTier'],
  [/^To\/Cc\/Bcc read back differ\b/u, 'detail_readBack'],
  [/^no compose form open$/u, 'detail_noCompose'],
  [/^unexpected error$/u, 'detail_unexpected'],
  [/^the compose on screen was not saved as a draft\b/u, 'displaced_detailNotSaved'],
];

export function detailName(detail: string): string {
  const [, adapter, rest] = /^(\w+): (.*)$/su.exec(detail) ?? [undefined, null, detail];
  for (const [form, key] of detailForms) {
    const match = form.exec(rest ?? '');
    if (match) return `${adapter ? `${adapter}: ` : ''}${t(key, match[1] === undefined ? [] : [whatName(match[1])])}`;
  }
  return detail;
}
