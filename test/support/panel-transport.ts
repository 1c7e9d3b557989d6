import { browser } from 'wxt/browser';
import type { Send } from '../../components/panel/PanelApp';
import { route } from '../../lib/background/router';
import type { PanelMessage } from '../../lib/messages';

/**
 * What the panel's messages meet in the extension: the form's session state goes to the real background router
 * (over WXT's fake browser); what would reach the webmail tab is answered by `reply`, the test's webmail.
 */
export function panelTransport(reply: (message: PanelMessage) => unknown): Send {
  const sender = { id: browser.runtime.id, url: browser.runtime.getURL('/panel.html'), tab: { id: 1, url: 'https://mail.google.com/mail/u/0/' } };
  return async (message) => {
    if (message.type === 'form.save' || message.type === 'form.load' || message.type === 'form.clear') {
      return route(message, sender as never, { syncRoundcube: async () => undefined });
    }
    return reply(message);
  };
}
