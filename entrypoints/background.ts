import '../lib/zod-setup';
import '../lib/platform/use-extension';
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forgetAnnouncementsOnNavigation, refreshAllowedOrigins } from '../lib/background/origins';
import { openPanel, panelOpensInGesture, wireToolbarButton } from '../lib/background/panel-surface';
import { syncRoundcube } from '../lib/background/roundcube';
import { route } from '../lib/background/router';
import { answering } from '../lib/messaging/answer';
import { expireFormState, formExpiryAlarm } from '../lib/session/form-state';
import type { BroadcastMessage } from '../lib/messages';

// Bootstrap only: the message router, the toolbar button, the Roundcube registrations, the origins we drive and the
// idle wipe.
export default defineBackground(() => {
  const hooks = { syncRoundcube: async () => void (await syncRoundcube()), openPanel, panelOpensInGesture: panelOpensInGesture() };
  // Read at once, so the in-page button's panel.open can be judged in its click's task (lib/background/router.ts).
  void refreshAllowedOrigins();
  forgetAnnouncementsOnNavigation();
  browser.runtime.onMessage.addListener(answering((message, sender: Browser.runtime.MessageSender) => route(message, sender, hooks)));
  wireToolbarButton();
  browser.runtime.onStartup.addListener(() => void syncRoundcube());
  browser.runtime.onInstalled.addListener(() => void syncRoundcube());
  browser.permissions.onRemoved.addListener(() => void syncRoundcube());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== formExpiryAlarm) return;
    void expireFormState().then((wiped) => {
      // An open panel clears its fields too (no receiver when no panel is open).
      if (wiped) void browser.runtime.sendMessage({ type: 'form.expired' } satisfies BroadcastMessage).catch(() => undefined);
    });
  });
});
