import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountButton, type Placement } from './button';
import { handleTabMessage, tabHandlers } from './handlers';
import { contentTexts, settingsLanguage } from '../i18n/content';
import type { PageMessage } from '../messages';
import { answering } from '../messaging/answer';
import type { ButtonHost, WebmailAdapter } from '../webmail/types';

/**
 * What every webmail's content script does, with its own adapter only (one script per webmail: a Gmail page never
 * carries Outlook's code): make sure the page is that webmail, add the button, and carry out what the side panel
 * asks through the background. `place` puts the button where the adapter's page offers it a place (Roundcube's
 * toolbar); without it, or without such a place, the button floats at the window's corner.
 */
export async function bootContentScript(adapter: WebmailAdapter, ctx: ContentScriptContext, place?: (host: ButtonHost) => Placement): Promise<void> {
  if (!adapter.detect(document, location)) return;
  // The button's label follows the language chosen in the options (Dutch by default), like the panel.
  // Asked of the background: the settings are kept where a content script cannot read them.
  const hello: unknown = await browser.runtime.sendMessage({ type: 'page.hello' } satisfies PageMessage).catch(() => undefined);
  const texts = contentTexts(settingsLanguage(hello));

  // Sent at once, inside the click: the background opens the side panel in this user gesture. The draft opens its
  // own fresh compose form later, at "Maak concept".
  const open = () => void browser.runtime.sendMessage({ type: 'panel.open' } satisfies PageMessage).catch(() => undefined);
  const host = place ? adapter.buttonHost(document) : null;
  const removeButton = mountButton(document, texts.button, open, host && place ? place(host) : undefined);

  const handlers = tabHandlers(adapter, document);
  const listener = answering((message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only our own background (never another extension, never a tab) may ask.
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    return handleTabMessage(handlers, message);
  });
  browser.runtime.onMessage.addListener(listener);
  void browser.runtime.sendMessage({ type: 'tab.ready' } satisfies PageMessage).catch(() => undefined);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    removeButton();
  });
}
