import { defineContentScript } from 'wxt/utils/define-content-script';
import { bootContentScript } from '../lib/content/boot';
import { gmail } from '../lib/webmail/gmail';
import { gmailMatches } from '../lib/webmail/hosts';

// Gmail, with Gmail's adapter only (lib/content/boot.ts).
export default defineContentScript({
  matches: [...gmailMatches],
  runAt: 'document_idle',
  // Do not announce ourselves to the page with window.postMessage.
  noScriptStartedPostMessage: true,
  main: (ctx) => bootContentScript(gmail, ctx),
});
