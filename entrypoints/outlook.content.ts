import { defineContentScript } from 'wxt/utils/define-content-script';
import { bootContentScript } from '../lib/content/boot';
import { outlookMatches } from '../lib/webmail/hosts';
import { outlook } from '../lib/webmail/outlook';

// Outlook on the web, with Outlook's adapter only (lib/content/boot.ts).
export default defineContentScript({
  matches: [...outlookMatches],
  runAt: 'document_idle',
  // Do not announce ourselves to the page with window.postMessage.
  noScriptStartedPostMessage: true,
  main: (ctx) => bootContentScript(outlook, ctx),
});
