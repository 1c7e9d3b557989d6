import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { panelPath } from './router';

/** The browser-owned surfaces the panel lives in: never the webmail page. */
type ChromeSidePanel = {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
};
type FirefoxSidebar = { toggle(): Promise<void> };

const sidePanel = (): ChromeSidePanel | undefined => (browser as unknown as { sidePanel?: ChromeSidePanel }).sidePanel;
const sidebar = (): FirefoxSidebar | undefined => (browser as unknown as { sidebarAction?: FirefoxSidebar }).sidebarAction;

/** True where the panel opens only inside the click's own task: Chrome's and Edge's side panel. */
export function panelOpensInGesture(): boolean {
  return sidePanel() !== undefined;
}

/** Firefox: the panel window opened from each tab's in-page button, so a second click focuses it. */
const panelWindows = new Map<number, number>();

/** Width and height of Firefox's panel window: the side panel's width, tall enough for a whole step. */
const windowSize = { width: 460, height: 760 };

export type WindowBox = { left: number; top: number; width: number; height: number };
/** The part of the screen free of task bars and docks (the background page's `screen`). */
export type ScreenArea = { availLeft: number; availTop: number; availWidth: number; availHeight: number };

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(value, high));

/**
 * Where Firefox's panel window opens (issue 21.13: it opened over the middle of the webmail): along the right edge of
 * the webmail window, from its top, never taller than that window or the screen's available height, and inside the
 * available area when the webmail window is on that screen (another monitor's window keeps its own coordinates).
 * Without the webmail window's position: the available area's right edge. Without either: the browser's choice.
 */
export function panelWindowBox(webmail: WindowBox | null, screen: ScreenArea | null): Partial<WindowBox> & { width: number; height: number } {
  const width = Math.round(screen ? Math.min(windowSize.width, screen.availWidth) : windowSize.width);
  let height = screen ? Math.min(windowSize.height, screen.availHeight) : windowSize.height;
  if (webmail) height = Math.min(height, webmail.height);
  height = Math.round(height);
  const onScreen =
    screen !== null &&
    (webmail === null ||
      (webmail.left + webmail.width / 2 >= screen.availLeft &&
        webmail.left + webmail.width / 2 <= screen.availLeft + screen.availWidth &&
        webmail.top + webmail.height / 2 >= screen.availTop &&
        webmail.top + webmail.height / 2 <= screen.availTop + screen.availHeight));
  let left: number;
  let top: number;
  if (webmail) {
    left = webmail.left + webmail.width - width;
    top = webmail.top;
  } else if (screen) {
    left = screen.availLeft + screen.availWidth - width;
    top = screen.availTop;
  } else {
    return { width, height };
  }
  if (onScreen && screen) {
    left = clamp(left, screen.availLeft, screen.availLeft + screen.availWidth - width);
    top = clamp(top, screen.availTop, screen.availTop + screen.availHeight - height);
  }
  return { left: Math.round(left), top: Math.round(top), width, height };
}

const boxSchema = z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() });
const screenSchema = z.object({ availLeft: z.optional(z.number()), availTop: z.optional(z.number()), availWidth: z.number(), availHeight: z.number() });

/** The webmail window's position and size, when the browser gives them. */
async function webmailWindow(windowId: number | undefined): Promise<WindowBox | null> {
  if (windowId === undefined) return null;
  const found = await browser.windows.get(windowId).catch(() => null);
  const parsed = boxSchema.safeParse(found);
  return parsed.success ? parsed.data : null;
}

/** The screen's available area, as the background page sees it (none in a service worker). */
function screenArea(): ScreenArea | null {
  const parsed = screenSchema.safeParse((globalThis as { screen?: unknown }).screen);
  if (!parsed.success || parsed.data.availWidth <= 0 || parsed.data.availHeight <= 0) return null;
  return { availLeft: parsed.data.availLeft ?? 0, availTop: parsed.data.availTop ?? 0, availWidth: parsed.data.availWidth, availHeight: parsed.data.availHeight };
}

/**
 * Opens the panel for the webmail tab whose button was clicked. Chrome and Edge: the side panel, opened in the
 * click's user gesture (no await before `open`). Firefox opens its sidebar only from the toolbar button or a
 * keyboard command, not from a page's click: there the button opens the panel in a small browser popup window,
 * bound to that tab (`?tab=`). Both are browser surfaces a page cannot overlay or frame.
 */
export function openPanel(tabId: number, windowId: number | undefined): Promise<unknown> {
  const chrome = sidePanel();
  if (chrome) return chrome.open(windowId === undefined ? { tabId } : { tabId, windowId });
  return openPanelWindow(tabId, windowId);
}

async function openPanelWindow(tabId: number, windowId: number | undefined): Promise<unknown> {
  const open = panelWindows.get(tabId);
  if (open !== undefined) {
    const focused = await browser.windows.update(open, { focused: true }).catch(() => null);
    if (focused) return true;
    panelWindows.delete(tabId);
  }
  const box = panelWindowBox(await webmailWindow(windowId), screenArea());
  const created = await browser.windows.create({ type: 'popup', url: browser.runtime.getURL(`${panelPath}?tab=${tabId}`), ...box });
  if (created?.id !== undefined) panelWindows.set(tabId, created.id);
  return true;
}

/** The toolbar icon opens the same panel: Chrome's side panel by its own behaviour, Firefox's sidebar by a toggle. */
export function wireToolbarButton(): void {
  const chrome = sidePanel();
  if (chrome) {
    void chrome.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
    return;
  }
  const action = (browser as unknown as { browserAction?: typeof browser.action }).browserAction ?? browser.action;
  // Called synchronously in the click's handler: Firefox opens a sidebar only inside a user action.
  action.onClicked.addListener(() => void sidebar()?.toggle());
  browser.windows.onRemoved.addListener((closed) => {
    for (const [tab, window] of panelWindows) if (window === closed) panelWindows.delete(tab);
  });
}
