// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelApp } from '../../components/panel/PanelApp';
import type { DraftRequestMessage, ReadBack, TabMessage } from '../../lib/messages';
import { panelWipeAfterMs, passwordVeilAfterMs } from '../../lib/panel/idle';
import type { TabSource } from '../../lib/panel/webmail-tab';
import { clientToDraft, consentGiven, readBackOf } from '../support/panel-flow';
import { panelTransport, webmailTabId } from '../support/panel-transport';

// Issue 20.2 (every phase has an idle limit) and 20.6 (the draft stays bound to its tab and is re-read while the done
// step shows), in the panel over the real router. The clock is faked (Date only: the panel compares clock readings on
// its ticks, and on visibilitychange at once); the flow itself runs on real timers.

/** A tab source the test can switch, as the worker switches tabs. */
function switchableTabs(): TabSource & { switchTo(tabId: number): void } {
  let current = webmailTabId;
  const listeners = new Set<() => void>();
  return {
    bound: false,
    current: async () => current,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    switchTo(tabId) {
      current = tabId;
      for (const listener of listeners) listener();
    },
  };
}

/** The panel with a webmail (tab 1) whose compose shows `draft()`; every tab a message was sent to is recorded. */
function setup(draft: (request: DraftRequestMessage) => ReadBack | null) {
  let made: DraftRequestMessage | undefined;
  const client = panelTransport((message: TabMessage) => {
    if (message.type === 'draft.make') {
      made = message.request;
      return { status: 'filled', draft: readBackOf(message.request), tiers: [] };
    }
    if (message.type === 'draft.read' && made) {
      const read = draft(made);
      return read ? { ok: true, draft: read } : { ok: false, detail: 'gmail: no compose form open' };
    }
    return undefined;
  });
  const reads: number[] = [];
  const send = browser.tabs.sendMessage;
  browser.tabs.sendMessage = ((tabId: number, message: TabMessage, options: unknown) => {
    if (message.type === 'draft.read') reads.push(tabId);
    return (send as (...args: unknown[]) => Promise<unknown>)(tabId, message, options);
  }) as typeof browser.tabs.sendMessage;
  const tabs = switchableTabs();
  render(<PanelApp client={client} tabs={tabs} />);
  return { tabs, reads };
}

async function referral(user: UserEvent) {
  await consentGiven(user);
  await clientToDraft(user);
  await screen.findByRole('heading', { name: 'Concept klaar' });
}

/** Moves the clock on and lets the panel look (it also looks on its own every two seconds). */
function later(ms: number) {
  vi.setSystemTime(Date.now() + ms);
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('the panel after "Concept klaar"', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('hides the password after a few idle minutes behind "Toon wachtwoord", and wipes everything after 30', async () => {
    const user = userEvent.setup();
    setup((request) => readBackOf(request));
    await referral(user);
    const password = screen.getByLabelText('Wachtwoord om door te geven').textContent ?? '';
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/u);
    vi.useFakeTimers({ toFake: ['Date'] });

    later(passwordVeilAfterMs - 10_000);
    expect(document.body.textContent).toContain(password);
    later(20_000);
    const show = await screen.findByRole('button', { name: 'Toon wachtwoord' });
    // Hidden means gone from the page, the spelled-out groups included; the reference stays for the client file.
    expect(document.body.textContent).not.toContain(password);
    expect(document.body.textContent).not.toContain(password.split('-')[0]);
    expect(screen.getByRole('heading', { name: 'Concept klaar' })).toBeTruthy();
    await user.click(show);
    expect(screen.getByLabelText('Wachtwoord om door te geven').textContent).toBe(password);

    later(panelWipeAfterMs);
    expect(await screen.findByText('Je invoer is gewist na 30 minuten zonder activiteit.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Concept klaar' })).toBeNull();
    expect(document.body.textContent).not.toContain(password.split('-')[0]);
    expect(document.body.textContent).not.toMatch(/KG-[2-9A-Z]{4}/u);
  });

  it('wipes an untouched client step after 30 minutes too, even when input comes only after the limit', async () => {
    const user = userEvent.setup();
    setup((request) => readBackOf(request));
    await user.click(await screen.findByLabelText(/^Mondeling: de cliënt is geïnformeerd/u));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await user.type(screen.getByLabelText('Achternaam'), 'Peeters');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + panelWipeAfterMs + 1_000);
    // The next person at the PC presses a key: the limit had passed, so that key wipes instead of keeping the data.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(await screen.findByText('Je invoer is gewist na 30 minuten zonder activiteit.')).toBeTruthy();
    expect(document.body.textContent).not.toContain('Peeters');
  });

  it('keeps reading the draft back and drops "klaar" the moment a page script rewrites To', async () => {
    const user = userEvent.setup();
    let rewritten = false;
    setup((request) => readBackOf(request, rewritten ? { to: ['attacker@example.org'] } : {}));
    await referral(user);
    rewritten = true;
    expect(await screen.findByRole('heading', { name: 'Controleer het concept' }, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent).join(' ')).toContain('attacker@example.org');
  }, 10_000);

  it('says so when the compose is gone (sent or saved), without calling the draft wrong', async () => {
    const user = userEvent.setup();
    let sent = false;
    setup((request) => (sent ? null : readBackOf(request)));
    await referral(user);
    sent = true;
    expect(await screen.findByText(/^Het concept is niet meer open in je webmail/u, {}, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Concept klaar' })).toBeTruthy();
  }, 10_000);

  it('stays bound to the tab it was made in: after a tab switch it checks only that tab and says where the draft is', async () => {
    const user = userEvent.setup();
    const { tabs, reads } = setup((request) => readBackOf(request));
    await referral(user);
    tabs.switchTo(2);
    expect(await screen.findByText(/^Dit concept staat in een ander tabblad/u)).toBeTruthy();
    const before = reads.length;
    await user.click(screen.getByRole('button', { name: 'Controleer opnieuw' }));
    await waitFor(() => expect(reads.length).toBeGreaterThan(before));
    expect(new Set(reads)).toEqual(new Set([webmailTabId]));
    expect(screen.getByRole('heading', { name: 'Concept klaar' })).toBeTruthy();
  });
});
