import '../lib/zod-setup';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { syncRoundcube } from '../lib/background/roundcube';
import { route } from '../lib/background/router';
import { expireFormState, formExpiryAlarm } from '../lib/session/form-state';

// Bootstrap only: wire the message router, the Roundcube registrations and the idle wipe of the panel's form.
export default defineBackground(() => {
  const hooks = { syncRoundcube: async () => void (await syncRoundcube()) };
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender, hooks));
  browser.runtime.onStartup.addListener(() => void syncRoundcube());
  browser.runtime.onInstalled.addListener(() => void syncRoundcube());
  browser.permissions.onRemoved.addListener(() => void syncRoundcube());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === formExpiryAlarm) void expireFormState();
  });
});
