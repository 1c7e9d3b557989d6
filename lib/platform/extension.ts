import { browser } from 'wxt/browser';
import type { Platform } from './index';

/** The browser extension's shell: enterprise policy in `storage.managed`, the background's broadcasts, the options page. */
export const extensionPlatform: Platform = {
  async organisationSettings(keys) {
    try {
      return (await (keys ? browser.storage.managed.get([...keys]) : browser.storage.managed.get())) as Record<string, unknown>;
    } catch {
      // Firefox rejects when no policy sets anything for this extension: that is simply "no organisation settings".
      return {};
    }
  },
  onOrganisationSettingsChange(listener) {
    const changed = (_changes: unknown, area: string) => {
      if (area === 'managed') listener();
    };
    browser.storage.onChanged.addListener(changed);
    return () => browser.storage.onChanged.removeListener(changed);
  },
  removeLegacy: (keys) => browser.storage.local.remove([...keys]).catch(() => undefined),
  onBroadcast(listener) {
    const received = (message: unknown) => {
      listener(message);
    };
    browser.runtime.onMessage.addListener(received);
    return () => browser.runtime.onMessage.removeListener(received);
  },
  openSettings: () => void browser.runtime.openOptionsPage(),
  scriptsWebmailPages: true,
};
