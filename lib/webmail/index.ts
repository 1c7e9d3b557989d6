import { gmail } from './gmail';
import { outlook } from './outlook';
import { roundcube } from './roundcube';
import type { WebmailAdapter } from './types';

export { makeDraft, type DraftResult } from './draft';
export { AdapterError, type AdapterStep, type SelfCheckItem } from './dom';
export { outlookHosts } from './outlook';
export { defaultTimeouts, type AdapterContext, type DraftRequest, type ReadBack, type Timeouts, type WebmailAdapter } from './types';

/**
 * Every adapter, most specific first. The extension itself never picks among them: each webmail's content script
 * carries its own adapter only (entrypoints/*.content.ts). Tests and tools use these to say which adapter a page is.
 */
export const adapters: readonly WebmailAdapter[] = [outlook, gmail, roundcube];

/** The adapter of this page, or null when it is not a webmail we know. */
export function pickAdapter(doc: Document, location: Location): WebmailAdapter | null {
  return adapters.find((adapter) => adapter.detect(doc, location)) ?? null;
}
