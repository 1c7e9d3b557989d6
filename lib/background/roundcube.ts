import { browser } from 'wxt/browser';
import { storedRoundcubeOrigins } from '../settings/roundcube';
import { roundcubeMatchPattern } from '../webmail/hosts';

const registrationId = 'roundcube';
// Roundcube's own content script (entrypoints/roundcube.content.ts); WXT writes it here.
const contentScriptFile = 'content-scripts/roundcube.js';

/**
 * Makes the registered content script match exactly the Roundcube origins that are both stored and granted.
 * Idempotent; runs at start-up (Firefox forgets registrations on restart) and whenever the options change.
 */
export async function syncRoundcube(): Promise<string[]> {
  const granted: string[] = [];
  for (const origin of await storedRoundcubeOrigins()) {
    if (await browser.permissions.contains({ origins: [roundcubeMatchPattern(origin)] })) granted.push(origin);
  }
  const patterns = [...new Set(granted.map(roundcubeMatchPattern))];
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [registrationId] });
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [registrationId] });
  if (granted.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: registrationId, js: [contentScriptFile], matches: patterns, runAt: 'document_idle' },
    ]);
  }
  return granted;
}
