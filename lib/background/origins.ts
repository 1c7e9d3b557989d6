import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { storedRoundcubeOrigins } from '../settings/roundcube';
import { originOf, webmailOrigins } from '../webmail/hosts';

/**
 * Which origins the extension drives (issue 20.5): Outlook on the web and Gmail, and exactly the Roundcube origins
 * the worker added, scheme, host and port. Every judgement rests on what the browser says about a sender or a tab,
 * never on what a page says about itself.
 */

/** The stored Roundcube origins as last read: kept for `panel.open`, which must be judged in the click's own task. */
let roundcube: ReadonlySet<string> | null = null;

/** Reads the stored Roundcube origins again (at start-up, after a sync, before every tab-bound message). */
export async function refreshAllowedOrigins(): Promise<ReadonlySet<string>> {
  roundcube = new Set(await storedRoundcubeOrigins().catch(() => []));
  return roundcube;
}

/** Tests: as a background just started, before the stored origins were read. */
export function forgetAllowedOrigins(): void {
  roundcube = null;
}

/** Whether `origin` is one we drive, judged at once: undefined while the stored Roundcube origins were not read yet. */
export function allowedNow(origin: string | null): boolean | undefined {
  if (origin === null) return false;
  if (webmailOrigins.includes(origin)) return true;
  return roundcube === null ? undefined : roundcube.has(origin);
}

/** Whether `origin` is one we drive, against the stored Roundcube origins as they are now. */
export async function isAllowedOrigin(origin: string | null): Promise<boolean> {
  if (origin === null) return false;
  if (webmailOrigins.includes(origin)) return true;
  return (await refreshAllowedOrigins()).has(origin);
}

/**
 * The origin of the document that sent a message, as the browser reports it: `sender.origin` (Chrome), else the
 * origin of `sender.url` (Firefox's MV2 sender has no origin).
 */
export function senderOrigin(sender: Browser.runtime.MessageSender): string | null {
  const { origin } = sender as { origin?: unknown };
  if (typeof origin === 'string') return originOf(origin);
  return originOf(sender.url);
}

// Chrome tells an extension a tab's address only where it holds that host's permission: a Roundcube origin (granted),
// not Outlook or Gmail (their scripts are in the manifest, no host permission). For those tabs the background keeps
// what our content script there announced (`tab.ready`): the origin and, in Chrome, the document it came from, both
// from the browser's sender facts. A message then goes to that document only: after a navigation it reaches nothing.
// Kept in memory-only session storage, as a service worker may stop between two messages.
const announcedKey = 'announcedOrigins';
const announcementSchema = z.object({ origin: z.string(), documentId: z.string().optional() });
const announcedSchema = z.record(z.string().regex(/^\d{1,10}$/u), announcementSchema);
type Announcement = z.infer<typeof announcementSchema>;

async function announced(): Promise<Record<string, Announcement>> {
  const stored: unknown = ((await browser.storage.session.get(announcedKey).catch(() => ({}))) as Record<string, unknown>)[announcedKey];
  return announcedSchema.safeParse(stored).data ?? {};
}

async function changeAnnounced(change: (all: Record<string, Announcement>) => Record<string, Announcement>): Promise<void> {
  await browser.storage.session.set({ [announcedKey]: change(await announced()) }).catch(() => undefined);
}

const without = (all: Record<string, Announcement>, tabId: number, when: (announcement: Announcement) => boolean = () => true) =>
  Object.fromEntries(Object.entries(all).filter(([key, announcement]) => key !== String(tabId) || !when(announcement)));

/** Keeps what a content script's `tab.ready` says about its tab, by the sender facts only. */
export function recordAnnouncement(tabId: number, sender: Browser.runtime.MessageSender): Promise<void> {
  const origin = senderOrigin(sender);
  const { documentId } = sender as { documentId?: unknown };
  if (origin === null) return Promise.resolve();
  return changeAnnounced((all) => ({ ...all, [String(tabId)]: typeof documentId === 'string' ? { origin, documentId } : { origin } }));
}

/**
 * Forgets a tab's announcement when the tab closes, or (without a document id, whose message would otherwise reach
 * the next page) when it starts loading another page. Called once, at start-up.
 */
export function forgetAnnouncementsOnNavigation(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void changeAnnounced((all) => without(all, tabId, (announcement) => announcement.documentId === undefined));
  });
  browser.tabs.onRemoved.addListener((tabId) => void changeAnnounced((all) => without(all, tabId)));
}

/** Where a tab-bound message goes: the tab's origin by the browser's account, and the document when that is known. */
export type TabTarget = { origin: string | null; documentId?: string };

/**
 * The origin a tab shows now: its address where the browser tells it, else (Chrome: Outlook, Gmail) the announced
 * origin with the document it was announced from. Origin null when the tab is gone or nothing is known.
 */
export async function tabTarget(tabId: number): Promise<TabTarget> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (tab === undefined) return { origin: null };
  if (tab.url !== undefined) return { origin: originOf(tab.url) };
  return (await announced())[String(tabId)] ?? { origin: null };
}
