import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropped, route } from '../../lib/background/router';

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

describe('the background router', () => {
  let sendMessage: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fakeBrowser.reset();
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
