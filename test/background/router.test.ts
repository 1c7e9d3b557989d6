import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetAllowedOrigins, forgetAnnouncementsOnNavigation, refreshAllowedOrigins } from '../../lib/background/origins';
import { dropped, route } from '../../lib/background/router';
import { storeRoundcubeOrigins } from '../../lib/settings/roundcube';

const request = {
  to: 'sociale.dienst@lille.be',
  subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X',
  body: 'Beste collega',
  fileName: 'aanmelding-KG-7F3Q-2M9X.zip',
  zipBase64: 'UEsDBA==',
};

function hooks() {
  return { syncRoundcube: vi.fn(async () => undefined), openPanel: vi.fn(async () => true) };
}

// The side panel (Chrome) and the sidebar (Firefox) have no tab; Firefox's panel window is a tab of its own.
const sidePanel = { id: browser.runtime.id, url: browser.runtime.getURL('/sidepanel.html') } as never;
const panelWindow = { id: browser.runtime.id, url: `${browser.runtime.getURL('/sidepanel.html')}?tab=7`, tab: { id: 40 } } as never;
const options = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') } as never;
const contentScript = { id: browser.runtime.id, url: 'https://mail.google.com/mail/u/0/', tab: { id: 7, windowId: 2 }, frameId: 0 } as never;
const otherExtension = { id: 'another-extension', url: 'chrome-extension://another-extension/sidepanel.html' } as never;

/** The tabs the browser reports, by id: `url` absent where Chrome hides it (no host permission: Outlook, Gmail). */
let tabs: Record<number, { id: number; url?: string }> = {};
function stubTabs(): void {
  tabs = { 7: { id: 7, url: 'https://mail.google.com/mail/u/0/' }, 9: { id: 9, url: 'https://outlook.office.com/mail/' } };
  browser.tabs.get = vi.fn(async (id: number) => {
    const tab = tabs[id];
    if (!tab) throw new Error(`No tab with id: ${id}.`);
    return tab;
  }) as unknown as typeof browser.tabs.get;
}

describe('the background router', () => {
  let sendMessage: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fakeBrowser.reset();
    forgetAllowedOrigins();
    stubTabs();
    dropped.count = 0;
    sendMessage = vi.fn(async () => ({ ok: true, draft: { subject: 's', body: 'b' } }));
    browser.tabs.sendMessage = sendMessage as unknown as typeof browser.tabs.sendMessage;
  });

  it("passes the side panel's draft.make to frame 0 of the tab it names, under the same name, without the tab id", async () => {
    for (const sender of [sidePanel, panelWindow]) {
      expect(await route({ type: 'draft.make', tabId: 7, request }, sender, hooks())).toEqual({ ok: true, draft: { subject: 's', body: 'b' } });
    }
    expect(sendMessage).toHaveBeenCalledTimes(2);
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'draft.make', request }, { frameId: 0 });
    await route({ type: 'draft.read', tabId: 7 }, sidePanel, hooks());
    expect(sendMessage).toHaveBeenLastCalledWith(7, { type: 'draft.read' }, { frameId: 0 });
    await route({ type: 'tab.describe', tabId: 7 }, sidePanel, hooks());
    expect(sendMessage).toHaveBeenLastCalledWith(7, { type: 'tab.describe' }, { frameId: 0 });
  });

  it('drops draft.make and form.load from a content script, another extension or another page of ours, and counts them', async () => {
    const forged = [
      contentScript,
      otherExtension,
      { id: 'another-extension', url: browser.runtime.getURL('/sidepanel.html') }, // another extension claiming our URL
      options,
      { id: browser.runtime.id, url: 'https://evil.example/sidepanel.html', tab: { id: 7 }, frameId: 0 }, // our content script on a page named like the panel
      { id: browser.runtime.id }, // no URL at all
    ];
    for (const sender of forged) {
      expect(await route({ type: 'draft.make', tabId: 7, request }, sender as never, hooks())).toBeUndefined();
      expect(await route({ type: 'form.load' }, sender as never, hooks())).toBeUndefined();
    }
    expect(dropped.count).toBe(forged.length * 2);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('drops unknown types and malformed requests', async () => {
    expect(await route({ type: 'draft.send', tabId: 7 }, sidePanel, hooks())).toBeUndefined();
    expect(await route({ type: 'draft.make', tabId: 7, request: { ...request, to: 'not an address' } }, sidePanel, hooks())).toBeUndefined();
    expect(await route({ type: 'draft.make', tabId: 7, request: { ...request, fileName: 'Jan Peeters.zip' } }, sidePanel, hooks())).toBeUndefined();
    expect(await route({ type: 'draft.make', request }, sidePanel, hooks())).toBeUndefined(); // no tab named
    expect(await route({ type: 'draft.make', tabId: -1, request }, sidePanel, hooks())).toBeUndefined();
    expect(await route('draft.make', sidePanel, hooks())).toBeUndefined();
    const { zipBase64: _zip, ...halfFile } = request;
    expect(await route({ type: 'draft.make', tabId: 7, request: halfFile }, sidePanel, hooks())).toBeUndefined();
    expect(dropped.count).toBe(7);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it("opens the panel for the in-page button's tab, in the same task as the message (the user gesture)", () => {
    const given = hooks();
    // Not awaited: openPanel must have been called before route returns, or Chrome refuses sidePanel.open.
    void route({ type: 'panel.open' }, contentScript, given);
    expect(given.openPanel).toHaveBeenCalledWith(7, 2);
  });

  it('opens the panel only for a content script in the top frame of a tab', async () => {
    const given = hooks();
    const inFrame = { ...(contentScript as object), frameId: 3 } as never;
    for (const sender of [sidePanel, options, otherExtension, inFrame]) expect(await route({ type: 'panel.open' }, sender, given)).toBeUndefined();
    expect(given.openPanel).not.toHaveBeenCalled();
  });

  it('runs the Roundcube sync and the self-check only for the options page', async () => {
    const given = hooks();
    expect(await route({ type: 'roundcube.sync' }, options, given)).toBe(true);
    expect(given.syncRoundcube).toHaveBeenCalledTimes(1);
    expect(await route({ type: 'roundcube.sync' }, sidePanel, given)).toBeUndefined();
    expect(await route({ type: 'roundcube.sync' }, contentScript, given)).toBeUndefined();
    await route({ type: 'selfCheck.run', tabId: 9 }, options, given);
    expect(sendMessage).toHaveBeenCalledWith(9, { type: 'selfCheck.run' }, { frameId: 0 });
    expect(await route({ type: 'selfCheck.run', tabId: 9 }, sidePanel, given)).toBeUndefined();
  });
});

// Issue 20.5: after granting one Roundcube origin, a page on another port of that host (Firefox runs our script there:
// its match patterns take no port) got the button, the zip and the cover text. Every tab-bound message and every
// page message is now bound to the exact origin, by what the browser says about the tab or the sender.
describe('the background router binds every webmail message to an origin we drive (issue 20.5)', () => {
  const granted = 'http://127.0.0.1:8290';
  const otherPort = 'http://127.0.0.1:20290';
  let sendMessage: ReturnType<typeof vi.fn>;
  let broadcast: ReturnType<typeof vi.fn>;

  /** A content script's message from the top frame of tab `tabId`; `origin` absent as in Firefox's MV2 sender. */
  const pageSender = (url: string, tabId: number, withOrigin = true) =>
    ({ id: browser.runtime.id, url, ...(withOrigin ? { origin: new URL(url).origin } : {}), tab: { id: tabId, windowId: 2 }, frameId: 0 }) as never;

  /** Every tab-bound message, from the sender allowed to send it, at tab `tabId`. */
  const tabBound = (tabId: number) =>
    [
      [{ type: 'draft.make', tabId, request }, sidePanel],
      [{ type: 'draft.read', tabId }, panelWindow],
      [{ type: 'tab.describe', tabId }, sidePanel],
      [{ type: 'selfCheck.run', tabId }, options],
      [{ type: 'pilot.run', tabId, to: 'an.referent@kg.example' }, options],
    ] as const;

  beforeEach(async () => {
    fakeBrowser.reset();
    forgetAllowedOrigins();
    stubTabs();
    dropped.count = 0;
    await storeRoundcubeOrigins([granted]);
    sendMessage = vi.fn(async () => ({ adapter: 'roundcube', name: 'Roundcube', origin: granted, compose: false }));
    browser.tabs.sendMessage = sendMessage as unknown as typeof browser.tabs.sendMessage;
    broadcast = vi.fn(async () => undefined);
    browser.runtime.sendMessage = broadcast as unknown as typeof browser.runtime.sendMessage;
  });

  it('refuses every tab-bound message to a tab on another port of the granted host, on another host, or on no page of ours', async () => {
    Object.assign(tabs, {
      20: { id: 20, url: `${otherPort}/?_task=mail&_action=compose` },
      21: { id: 21, url: 'https://127.0.0.1:8290/' }, // the same host and port, another scheme
      22: { id: 22, url: 'http://localhost:8290/' },
      23: { id: 23, url: 'about:blank' },
      24: { id: 24 }, // address hidden (no host permission) and no content script of ours announced itself there
    });
    const refusedTabs = [20, 21, 22, 23, 24, 99]; // 99: no such tab
    for (const tabId of refusedTabs) {
      for (const [message, sender] of tabBound(tabId)) expect(await route(message, sender, hooks()), `${message.type} to tab ${tabId}`).toBeUndefined();
    }
    expect(sendMessage).not.toHaveBeenCalled();
    expect(dropped.count).toBe(refusedTabs.length * 5);
  });

  it('passes them to the exact granted origin, and to Outlook and Gmail', async () => {
    tabs[20] = { id: 20, url: `${granted}/?_task=mail` };
    for (const tabId of [20, 7, 9]) {
      for (const [message, sender] of tabBound(tabId)) expect(await route(message, sender, hooks()), `${message.type} to tab ${tabId}`).toBeDefined();
    }
    expect(sendMessage).toHaveBeenCalledTimes(15);
    expect(sendMessage).toHaveBeenCalledWith(20, { type: 'tab.describe' }, { frameId: 0 });
    expect(dropped.count).toBe(0);
  });

  it('drops the answer when the tab left the granted origin while its content script was answering', async () => {
    tabs[20] = { id: 20, url: `${granted}/?_task=mail` };
    sendMessage.mockImplementationOnce(async () => {
      tabs[20] = { id: 20, url: `${otherPort}/` };
      return { adapter: 'roundcube', name: 'Roundcube', origin: otherPort, compose: true };
    });
    expect(await route({ type: 'tab.describe', tabId: 20 }, sidePanel, hooks())).toBeUndefined();
    expect(dropped.count).toBe(1);
  });

  it('no longer drives an origin once the worker removed it', async () => {
    tabs[20] = { id: 20, url: `${granted}/` };
    expect(await route({ type: 'tab.describe', tabId: 20 }, sidePanel, hooks())).toBeDefined();
    await storeRoundcubeOrigins([]);
    expect(await route({ type: 'tab.describe', tabId: 20 }, sidePanel, hooks())).toBeUndefined();
  });

  it("opens the panel for the in-page button of the granted origin only, judged in the click's task", async () => {
    await refreshAllowedOrigins(); // the background reads them at start-up
    const given = hooks();
    void route({ type: 'panel.open' }, pageSender(`${granted}/?_task=mail`, 20), given);
    expect(given.openPanel).toHaveBeenCalledWith(20, 2);
    for (const sender of [
      pageSender(`${otherPort}/?_task=mail`, 21),
      pageSender(`${otherPort}/?_task=mail`, 21, false), // Firefox: no sender.origin, the sender's address tells
      pageSender(`https://127.0.0.1:8290/`, 22),
      pageSender('https://evil.example/', 23),
    ]) {
      expect(await route({ type: 'panel.open' }, sender, given)).toBeUndefined();
    }
    expect(given.openPanel).toHaveBeenCalledTimes(1);
    expect(dropped.count).toBe(4);
  });

  it("judges the sender by its origin, not by a path or query naming the granted one", async () => {
    await refreshAllowedOrigins();
    const given = hooks();
    // sender.origin and sender.url are the browser's account of the document: a page can put the granted address in
    // its path (pushState), never in its origin.
    const lying = { id: browser.runtime.id, url: `${otherPort}/${encodeURIComponent(granted)}`, origin: otherPort, tab: { id: 21, windowId: 2 }, frameId: 0 } as never;
    expect(await route({ type: 'panel.open' }, lying, given)).toBeUndefined();
    expect(given.openPanel).not.toHaveBeenCalled();
  });

  it('in a background just woken, waits for the stored origins before opening (Firefox) or opens in the gesture (Chrome)', async () => {
    const firefox = hooks();
    expect(await route({ type: 'panel.open' }, pageSender(`${otherPort}/`, 21, false), firefox)).toBeUndefined();
    forgetAllowedOrigins();
    expect(await route({ type: 'panel.open' }, pageSender(`${granted}/`, 20, false), firefox)).toBe(true);
    expect(firefox.openPanel).toHaveBeenCalledTimes(1);
    forgetAllowedOrigins();
    const chrome = { ...hooks(), panelOpensInGesture: true };
    void route({ type: 'panel.open' }, pageSender(`${granted}/`, 20), chrome);
    expect(chrome.openPanel).toHaveBeenCalledWith(20, 2);
    // Once read (the background reads them at start-up), another port is refused in Chrome too.
    await refreshAllowedOrigins();
    expect(await route({ type: 'panel.open' }, pageSender(`${otherPort}/`, 21), chrome)).toBeUndefined();
    expect(chrome.openPanel).toHaveBeenCalledTimes(1);
  });

  it('announces a ready tab to the panel only from an origin we drive', async () => {
    expect(await route({ type: 'tab.ready' }, pageSender(`${otherPort}/`, 21), hooks())).toBeUndefined();
    expect(await route({ type: 'tab.ready' }, pageSender(`${otherPort}/`, 21, false), hooks())).toBeUndefined();
    expect(broadcast).not.toHaveBeenCalled();
    await route({ type: 'tab.ready' }, pageSender(`${granted}/`, 20), hooks());
    await route({ type: 'tab.ready' }, pageSender(`${granted}/`, 20, false), hooks());
    expect(broadcast).toHaveBeenCalledTimes(2);
    expect(broadcast).toHaveBeenCalledWith({ type: 'tab.ready', tabId: 20 });
    expect(dropped.count).toBe(2);
  });

  it('where Chrome hides the address (Gmail, Outlook), sends only to the document whose content script announced an origin we drive', async () => {
    tabs[30] = { id: 30 };
    tabs[31] = { id: 31 };
    const gmail = { ...(pageSender('https://mail.google.com/mail/u/0/', 30) as object), documentId: 'DOC-GMAIL' } as never;
    const other = { ...(pageSender(`${otherPort}/`, 31) as object), documentId: 'DOC-OTHER' } as never;
    await route({ type: 'tab.ready' }, gmail, hooks());
    await route({ type: 'tab.ready' }, other, hooks());
    expect(await route({ type: 'tab.describe', tabId: 30 }, sidePanel, hooks())).toBeDefined();
    expect(sendMessage).toHaveBeenCalledWith(30, { type: 'tab.describe' }, { documentId: 'DOC-GMAIL' });
    expect(await route({ type: 'tab.describe', tabId: 31 }, sidePanel, hooks())).toBeUndefined();
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });

  it('forgets an announcement without a document id once its tab loads another page', async () => {
    forgetAnnouncementsOnNavigation();
    tabs[30] = { id: 30 };
    await route({ type: 'tab.ready' }, pageSender('https://mail.google.com/mail/u/0/', 30, false), hooks());
    expect(await route({ type: 'tab.describe', tabId: 30 }, sidePanel, hooks())).toBeDefined();
    await fakeBrowser.tabs.onUpdated.trigger(30, { status: 'loading' }, { id: 30 } as never);
    await vi.waitFor(async () => expect(await route({ type: 'tab.describe', tabId: 30 }, sidePanel, hooks())).toBeUndefined());
  });
});

describe("the panel's form state, kept by the background", () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves, loads and clears a well-formed form; drops a malformed one', async () => {
    const { emptyForm } = await import('../../components/panel/form');
    const form = { ...emptyForm(), client: { ...emptyForm().client, lastName: 'Peeters' } };
    expect(await route({ type: 'form.save', form }, sidePanel, hooks())).toBe(true);
    expect(await route({ type: 'form.load' }, sidePanel, hooks())).toEqual(form);
    expect(await route({ type: 'form.load' }, panelWindow, hooks())).toEqual(form);
    expect(await route({ type: 'form.save', form: { ...form, notes: 'x' } }, sidePanel, hooks())).toBeUndefined();
    expect(await route({ type: 'form.clear' }, sidePanel, hooks())).toBe(true);
    expect(await route({ type: 'form.load' }, sidePanel, hooks())).toBeNull();
  });

  it('answers only the panel page', async () => {
    const { emptyForm } = await import('../../components/panel/form');
    await route({ type: 'form.save', form: { ...emptyForm(), client: { ...emptyForm().client, lastName: 'Peeters' } } }, sidePanel, hooks());
    expect(await route({ type: 'form.load' }, contentScript, hooks())).toBeUndefined();
    expect(await route({ type: 'form.clear' }, contentScript, hooks())).toBeUndefined();
    expect(await route({ type: 'form.load' }, sidePanel, hooks())).not.toBeNull();
  });
});
