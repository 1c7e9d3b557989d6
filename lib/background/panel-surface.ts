import { browser } from 'wxt/browser';
import { panelPath } from './router';

/** The browser-owned surfaces the panel lives in: never the webmail page. */
type ChromeSidePanel = {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
};
type FirefoxSidebar = { toggle(): Promise<void> };

const sidePanel = (): ChromeSidePanel | undefined => (browser as unknown as { sidePanel?: ChromeSidePanel }).sidePanel;
const sidebar = (): FirefoxSidebar | undefined => (browser as unknown as { sidebarAction?: FirefoxSidebar }).sidebarAction;

/** Firefox: the panel window opened from each tab's in-page button, so a second click focuses it. */
const panelWindows = new Map<number, number>();

/** Width and height of Firefox's panel window: the side panel's width, tall enough for a whole step. */
const windowSize = { width: 460, height: 760 };

/**
 * Opens the panel for the webmail tab whose button was clicked. Chrome and Edge: the side panel, opened in the
 * click's user gesture (no await before `open`). Firefox opens its sidebar only from the toolbar button or a
 * keyboard command, not from a page's click: there the button opens the panel in a small browser popup window,
 * bound to that tab (`?tab=`). Both are browser surfaces a page cannot overlay or frame.
 */
export function openPanel(tabId: number, windowId: number | undefined): Promise<unknown> {
  const chrome = sidePanel();
  if (chrome) return chrome.open(windowId === undefined ? { tabId } : { tabId, windowId });
  return openPanelWindow(tabId);
}

async function openPanelWindow(tabId: number): Promise<unknown> {
  const open = panelWindows.get(tabId);
  if (open !== undefined) {
    const focused = await browser.windows.update(open, { focused: true }).catch(() => null);
    if (focused) return true;
    panelWindows.delete(tabId);
  }
  const created = await browser.windows.create({ type: 'popup', url: browser.runtime.getURL(`${panelPath}?tab=${tabId}`), ...windowSize });
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
