import * as z from 'zod/mini';
import type { Platform } from '../lib/platform';

/**
 * The Outlook add-in's shell (issue 22.4): the organisation's settings are `settings.json`, a file IT serves beside
 * the task pane on its own origin (the policy maker produces it; the caller validates it per entry, as it does the
 * extension's `storage.managed`). That one file is the only request the add-in makes. No legacy values, no background
 * and so no broadcasts; the settings open as a view of the task pane itself.
 */

/** The file beside the task pane's page, in the same folder. */
export const organisationSettingsFile = 'settings.json';

/** Larger than any real policy (the team list included); a bigger answer is not ours and counts as none. */
const maxSettingsBytes = 2_000_000;

const settingsObject = z.record(z.string(), z.unknown());

type Fetcher = (url: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'text'>>;

export type AddinPlatformOptions = {
  /** Shows the add-in's settings view (main.tsx switches the task pane to it). */
  openSettings: () => void;
  /** The task pane's own address (`location.href`); the settings file is looked for beside it. */
  pageUrl: string;
  /** The page's fetch; a stand-in in tests. */
  fetcher?: Fetcher;
};

/** Reads `settings.json` once: a plain JSON object, else `{}` (absent, not JSON, an array, too large, unreachable). */
export async function readOrganisationSettings(pageUrl: string, fetcher: Fetcher): Promise<Record<string, unknown>> {
  const url = new URL(organisationSettingsFile, pageUrl);
  try {
    // Same origin only, no cookies sent elsewhere, never a redirect to another place, never a stale copy.
    const response = await fetcher(url.href, { credentials: 'same-origin', redirect: 'error', cache: 'no-store', mode: 'same-origin' });
    if (!response.ok) return {};
    const text = await response.text();
    if (text.length > maxSettingsBytes) return {};
    const parsed = settingsObject.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function createAddinPlatform(options: AddinPlatformOptions): Platform {
  // The add-in's one request, reviewed: settings.json on its own origin (test/browser/addin.test.ts holds the bundle to it).
  // eslint-disable-next-line no-restricted-syntax
  const fetcher: Fetcher = options.fetcher ?? ((url, init) => fetch(url, init));
  // One request per opening of the task pane: the file does not change while the pane is open.
  let loaded: Promise<Record<string, unknown>> | undefined;
  return {
    async organisationSettings(keys) {
      loaded ??= readOrganisationSettings(options.pageUrl, fetcher);
      const all = await loaded;
      return keys ? Object.fromEntries(keys.filter((key) => Object.hasOwn(all, key)).map((key) => [key, all[key]])) : { ...all };
    },
    // Read at each opening of the task pane; nothing tells the pane that IT changed the file meanwhile.
    onOrganisationSettingsChange: () => () => undefined,
    removeLegacy: async () => undefined,
    onBroadcast: () => () => undefined,
    openSettings: options.openSettings,
    // Office.js makes the draft: no webmail page that an update could change.
    scriptsWebmailPages: false,
  };
}
