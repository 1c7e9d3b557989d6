import { defineContentScript } from 'wxt/utils/define-content-script';
import { bootContentScript } from '../lib/content/boot';
import { inToolbar } from '../lib/content/toolbar-place';
import { roundcube } from '../lib/webmail/roundcube';

// Roundcube, with Roundcube's adapter only (lib/content/boot.ts), and the only webmail whose toolbar takes our
// button (lib/content/toolbar-place.ts). Not in the manifest: Roundcube runs at any address, so the background
// registers this file for the hosts the worker added and granted (lib/background/roundcube.ts). No `matches` here:
// WXT would add them to the host permissions.
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  // Do not announce ourselves to the page with window.postMessage.
  noScriptStartedPostMessage: true,
  main: (ctx) => bootContentScript(roundcube, ctx, inToolbar),
});
