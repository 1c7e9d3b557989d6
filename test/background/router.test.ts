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
const hooks = { syncRoundcube: vi.fn(async () => undefined) };

describe('the background router', () => {
  let sendMessage: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fakeBrowser.reset();
    dropped.count = 0;
    sendMessage = vi.fn(async () => ({ ok: true, draft: { subject: 's', body: 'b' } }));
    browser.tabs.sendMessage = sendMessage as unknown as typeof browser.tabs.sendMessage;
  });

  const panelSender = { id: browser.runtime.id, url: browser.runtime.getURL('/panel.html'), tab: { id: 7, url: 'https://mail.google.com/mail/u/0/' } } as never;

  it("forwards the panel's draft request to frame 0 of the panel's own tab", async () => {
    const answer = await route({ type: 'draft.make', request }, panelSender, hooks);
    expect(answer).toEqual({ ok: true, draft: { subject: 's', body: 'b' } });
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'tab.makeDraft', request }, { frameId: 0 });
  });

  it('drops a panel message from anything but the panel page, and counts it', async () => {
    const forgedSenders = [
      { id: 'another-extension', url: browser.runtime.getURL('/panel.html'), tab: { id: 7 } },
      { id: browser.runtime.id, url: 'https://mail.google.com/mail/u/0/', tab: { id: 7 } }, // a content script
      { id: browser.runtime.id, url: browser.runtime.getURL('/panel.html') }, // no tab
      { id: browser.runtime.id, url: browser.runtime.getURL('/panel.html'), tab: { id: 7 } }, // a tab we may not see: not a webmail
    ];
    for (const sender of forgedSenders) expect(await route({ type: 'draft.make', request }, sender as never, hooks)).toBeUndefined();
    expect(dropped.count).toBe(4);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('drops unknown types and malformed requests', async () => {
    expect(await route({ type: 'draft.send' }, panelSender, hooks)).toBeUndefined();
    expect(await route({ type: 'draft.make', request: { ...request, to: 'not an address' } }, panelSender, hooks)).toBeUndefined();
    expect(await route({ type: 'draft.make', request: { ...request, fileName: 'Jan Peeters.zip' } }, panelSender, hooks)).toBeUndefined();
    expect(await route('draft.make', panelSender, hooks)).toBeUndefined();
    const { zipBase64: _zip, ...halfFile } = request;
    expect(await route({ type: 'draft.make', request: halfFile }, panelSender, hooks)).toBeUndefined();
    expect(dropped.count).toBe(5);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('remembers to open the panel after Roundcube navigates to compose, once, per tab', async () => {
    const contentScript = { id: browser.runtime.id, url: 'http://127.0.0.1:8089/?_task=mail', tab: { id: 3 } } as never;
    expect(await route({ type: 'panel.shouldOpen' }, contentScript, hooks)).toBe(false);
    expect(await route({ type: 'panel.openAfterNavigation' }, contentScript, hooks)).toBe(true);
    expect(await route({ type: 'panel.shouldOpen' }, { ...(contentScript as object), tab: { id: 4 } } as never, hooks)).toBe(false);
    expect(await route({ type: 'panel.shouldOpen' }, contentScript, hooks)).toBe(true);
    expect(await route({ type: 'panel.shouldOpen' }, contentScript, hooks)).toBe(false);
  });

  it('runs the Roundcube sync and the self-check only for the options page', async () => {
    const options = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') } as never;
    expect(await route({ type: 'roundcube.sync' }, options, hooks)).toBe(true);
    expect(hooks.syncRoundcube).toHaveBeenCalledTimes(1);
    expect(await route({ type: 'roundcube.sync' }, panelSender, hooks)).toBeUndefined();
    await route({ type: 'selfCheck.run', tabId: 9 }, options, hooks);
    expect(sendMessage).toHaveBeenCalledWith(9, { type: 'tab.selfCheck' }, { frameId: 0 });
    expect(await route({ type: 'selfCheck.run', tabId: 9 }, panelSender, hooks)).toBeUndefined();
  });
});

describe("the panel's form state, kept by the background", () => {
  beforeEach(() => fakeBrowser.reset());
  const panel = { id: browser.runtime.id, url: browser.runtime.getURL('/panel.html'), tab: { id: 7, url: 'http://127.0.0.1:8089/' } } as never;

  it('saves, loads and clears a well-formed form; drops a malformed one', async () => {
    const { emptyForm } = await import('../../components/panel/form');
    const form = { ...emptyForm(), client: { ...emptyForm().client, lastName: 'Peeters' } };
    expect(await route({ type: 'form.save', form }, panel, hooks)).toBe(true);
    expect(await route({ type: 'form.load' }, panel, hooks)).toEqual(form);
    expect(await route({ type: 'form.save', form: { ...form, notes: 'x' } }, panel, hooks)).toBeUndefined();
    expect(await route({ type: 'form.clear' }, panel, hooks)).toBe(true);
    expect(await route({ type: 'form.load' }, panel, hooks)).toBeNull();
  });

  it('answers only the panel page', async () => {
    const contentScript = { id: browser.runtime.id, url: 'http://127.0.0.1:8089/', tab: { id: 7 } } as never;
    expect(await route({ type: 'form.load' }, contentScript, hooks)).toBeUndefined();
  });
});
