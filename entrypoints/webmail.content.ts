import '../lib/zod-setup';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Controller } from '../lib/content/controller';
import { contentTexts, settingsLanguage } from '../lib/i18n/content';
import { settingsKey } from '../lib/settings/key';
import { mountButton } from '../lib/content/frame';
import { type BackgroundMessage } from '../lib/messages';
import { pickAdapter } from '../lib/webmail';
import { roundcubeComposeQuery, webmailMatches } from '../lib/webmail/hosts';

// Bootstrap only: pick the adapter, add the button, carry out what the panel asks through the background.
export default defineContentScript({
  matches: [...webmailMatches],
  // Roundcube hosts are added at run time (options page → optional host permission → scripting registration).
  runAt: 'document_idle',
  // Do not announce ourselves to the page with window.postMessage.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const adapter = pickAdapter(document, location);
    if (!adapter) return;
    // The page's texts follow the language chosen in the options (Dutch by default), like the panel.
    const stored = await browser.storage.local.get(settingsKey);
    const language = settingsLanguage(stored[settingsKey]);
    const texts = contentTexts(language);
    const controller = new Controller({
      adapter,
      doc: document,
      panelUrl: browser.runtime.getURL('/panel.html'),
      panelTitle: texts.panelTitle,
    });

    const open = () => {
      if (adapter.id === 'roundcube' && !adapter.hasCompose(document)) {
        // Roundcube composes on a page of its own: go there, and the panel opens when it has loaded.
        void browser.runtime.sendMessage({ type: 'panel.openAfterNavigation' } satisfies BackgroundMessage).then(() => {
          location.assign(`${location.pathname}${roundcubeComposeQuery}`);
        });
        return;
      }
      controller.openPanel();
    };
    const removeButton = mountButton(document, texts.button, adapter.buttonHost(document), open);

    const listener = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return undefined;
      return controller.handle(message);
    };
    browser.runtime.onMessage.addListener(listener);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(listener);
      controller.closePanel();
      removeButton();
    });

    if (adapter.id === 'roundcube' && adapter.hasCompose(document)) {
      void browser.runtime.sendMessage({ type: 'panel.shouldOpen' } satisfies BackgroundMessage).then((answer: unknown) => {
        if (answer === true) controller.openPanel();
      });
    }
  },
});
