import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPanel, panelWindowBox, type ScreenArea } from '../../lib/background/panel-surface';

// Firefox opens the panel in a small popup window (issue 21.13: it opened over the middle of the webmail): along the
// webmail window's right edge, within the screen's available height.

/** A 1366×768 laptop screen with a 40 px task bar at the bottom, and a 1920×1080 one with a 48 px bar. */
const laptop: ScreenArea = { availLeft: 0, availTop: 0, availWidth: 1366, availHeight: 728 };
const desktop: ScreenArea = { availLeft: 0, availTop: 0, availWidth: 1920, availHeight: 1032 };
const inside = (box: ReturnType<typeof panelWindowBox>, area: ScreenArea) =>
  box.left! >= area.availLeft && box.top! >= area.availTop && box.left! + box.width <= area.availLeft + area.availWidth && box.top! + box.height <= area.availTop + area.availHeight;

describe("Firefox's panel window geometry", () => {
  it('a maximised webmail on a laptop: at the right edge, from the top, no taller than the available height', () => {
    const box = panelWindowBox({ left: 0, top: 0, width: 1366, height: 728 }, laptop);
    expect(box).toEqual({ left: 906, top: 0, width: 460, height: 728 });
    expect(inside(box, laptop)).toBe(true);
  });

  it('a maximised webmail on a large screen: the full panel height, at the right edge', () => {
    expect(panelWindowBox({ left: 0, top: 0, width: 1920, height: 1032 }, desktop)).toEqual({ left: 1460, top: 0, width: 460, height: 760 });
  });

  it('a webmail window on the left half: the panel covers its right edge, not the middle of the screen', () => {
    expect(panelWindowBox({ left: 0, top: 0, width: 960, height: 1032 }, desktop)).toEqual({ left: 500, top: 0, width: 460, height: 760 });
  });

  it('a small window low on the screen: as tall as the window, moved back inside the available area', () => {
    const box = panelWindowBox({ left: -8, top: 500, width: 400, height: 500 }, desktop);
    expect(box).toEqual({ left: 0, top: 500, width: 460, height: 500 });
    expect(inside(box, desktop)).toBe(true);
  });

  it('a webmail window on a second monitor to the right keeps its own coordinates', () => {
    expect(panelWindowBox({ left: 1920, top: 0, width: 1920, height: 1032 }, desktop)).toEqual({ left: 3380, top: 0, width: 460, height: 760 });
  });

  it("without the webmail window's position: the available area's right edge; without either, the browser's choice", () => {
    expect(panelWindowBox(null, laptop)).toEqual({ left: 906, top: 0, width: 460, height: 728 });
    expect(panelWindowBox(null, null)).toEqual({ width: 460, height: 760 });
  });

  it('a screen narrower than the panel: as wide as the screen', () => {
    expect(panelWindowBox({ left: 0, top: 0, width: 400, height: 700 }, { availLeft: 0, availTop: 0, availWidth: 400, availHeight: 700 })).toEqual({ left: 0, top: 0, width: 400, height: 700 });
  });
});

describe('openPanel without a side panel (Firefox)', () => {
  const withSidePanel = browser as unknown as { sidePanel?: unknown };
  const sidePanel = withSidePanel.sidePanel;
  beforeEach(() => {
    fakeBrowser.reset();
    withSidePanel.sidePanel = undefined;
  });
  afterEach(() => {
    withSidePanel.sidePanel = sidePanel;
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('opens the popup window at the webmail window\'s right edge, inside the screen\'s available area', async () => {
    vi.stubGlobal('screen', { ...laptop, width: 1366, height: 768 });
    vi.spyOn(browser.windows, 'get').mockResolvedValue({ id: 2, left: 0, top: 0, width: 1366, height: 728, focused: true, incognito: false, alwaysOnTop: false } as never);
    const create = vi.spyOn(browser.windows, 'create').mockResolvedValue({ id: 31 } as never);
    await openPanel(7, 2);
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ type: 'popup', left: 906, top: 0, width: 460, height: 728 }));
    expect(create.mock.calls[0]?.[0]?.url).toMatch(/sidepanel\.html\?tab=7$/u);
  });
});
