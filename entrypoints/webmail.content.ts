import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountButton } from '../lib/content/button';
import { handleTabMessage, tabHandlers } from '../lib/content/handlers';
import { contentTexts, settingsLanguage } from '../lib/i18n/content';
import { answering } from '../lib/messaging/answer';
import type { PageMessage } from '../lib/messages';
import { pickAdapter } from '../lib/webmail';
import { webmailMatches } from '../lib/webmail/hosts';

// Bootstrap only: pick the adapter, add the button, carry out what the side panel asks through the background.
export default defineContentScript({
  matches: [...webmailMatches],
  // Roundcube hosts are added at run time (options page → optional host permission → scripting registration).
  runAt: 'document_idle',
  // Do not announce ourselves to the page with window.postMessage.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const adapter = pickAdapter(document, location);
    if (!adapter) return;
    // The button's label follows the language chosen in the options (Dutch by default), like the panel.
    // Asked of the background: the settings are kept where a content script cannot read them.
    const hello: unknown = await browser.runtime.sendMessage({ type: 'page.hello' } satisfies PageMessage).catch(() => undefined);
    const texts = contentTexts(settingsLanguage(hello));

    // Sent at once, inside the click: the background opens the side panel in this user gesture. The draft opens its
    // own fresh compose form later, at "Maak concept".
    const open = () => void browser.runtime.sendMessage({ type: 'panel.open' } satisfies PageMessage).catch(() => undefined);
    const removeButton = mountButton(document, texts.button, adapter.buttonHost(document), open);

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
  },
});
