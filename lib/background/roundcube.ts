import { browser } from 'wxt/browser';
import { storedRoundcubeOrigins } from '../settings/roundcube';
import { roundcubeMatchPattern, roundcubeScriptPattern } from '../webmail/hosts';
import { refreshAllowedOrigins } from './origins';

const registrationId = 'roundcube';
// Roundcube's own content script (entrypoints/roundcube.content.ts); WXT writes it here.
const contentScriptFile = 'content-scripts/roundcube.js';

/**
 * Makes the registered content script match exactly the Roundcube origins that are both stored and granted: in
 * Chrome and Edge each origin with its port; in Firefox, which takes no port in a match pattern, each host on any
 * port (the background's origin check refuses the other ports). Idempotent; runs at start-up (Firefox forgets
 * registrations on restart) and whenever the options change.
 */
export async function syncRoundcube(portInPattern: boolean = !import.meta.env.FIREFOX): Promise<string[]> {
  await refreshAllowedOrigins();
  const granted: string[] = [];
  for (const origin of await storedRoundcubeOrigins()) {
    if (await browser.permissions.contains({ origins: [roundcubeMatchPattern(origin)] })) granted.push(origin);
  }
  const patterns = [...new Set(granted.map((origin) => roundcubeScriptPattern(origin, portInPattern)))];
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [registrationId] });
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [registrationId] });
  if (granted.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: registrationId, js: [contentScriptFile], matches: patterns, runAt: 'document_idle' },
    ]);
  }
  return granted;
}
