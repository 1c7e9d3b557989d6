import { defineConfig } from 'wxt';
import { roundcubeHostPatterns } from './lib/webmail/hosts';

/**
 * The extension pages' content security policy, explicit so that no future dependency can load or send anything:
 * every resource from the extension itself only (default-src, script-src, connect-src 'self': no remote script, no
 * eval, no inline script, no fetch or WebSocket to anywhere else), no plugins (object-src), no <base> that could
 * redirect relative URLs, and no page of ours framed anywhere. Styles are bundled CSS files and React sets no style
 * attribute from markup, so style-src needs nothing beyond default-src 'self'. WXT writes it as a string for
 * Firefox's MV2 manifest. test/security/manifest.test.ts holds both built manifests to exactly this policy.
 */
export const extensionPagesCsp =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; connect-src 'self'; frame-ancestors 'none'";

// One codebase, two targets: `wxt build` (Chrome/Edge, MV3) and `wxt build -b firefox` (MV2).
export default defineConfig({
  // No webextension-polyfill: Chrome's MV3 APIs and Firefox's `browser` return promises; the two listeners that
  // answer messages do it with sendResponse (lib/messaging/answer.ts).
  modules: ['@wxt-dev/module-react'],
  // lib/ and components/ are imported explicitly: files must read on their own.
  imports: false,
  // The popup and options pages carry the whole directory (~130 KB gzipped), loaded from disk, never the network.
  vite: () => ({ build: { chunkSizeWarningLimit: 800, minify: true } }),
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    // storage: settings, register, form state; scripting: the content script on the Roundcube hosts the user
    // grants; alarms: the 30-minute wipe of the panel's form; sidePanel (Chrome, Edge; WXT adds it with the
    // sidepanel entrypoint): the panel beside the webmail. Each is justified in docs/SECURITY.md.
    permissions: ['storage', 'scripting', 'alarms'],
    // The toolbar icon opens the panel (side panel in Chrome and Edge, sidebar in Firefox): no popup.
    action: { default_title: '__MSG_extName__' },
    // A keyboard shortcut for the same panel. Firefox's special command opens the sidebar without any code.
    commands:
      browser === 'firefox'
        ? { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+A' }, description: '__MSG_extName__' } }
        : { _execute_action: { suggested_key: { default: 'Alt+Shift+A' }, description: '__MSG_extName__' } },
    // Roundcube runs at any address: the user grants its host at run time (options page). MV2 lists them as
    // optional permissions.
    ...(browser === 'firefox' ? { optional_permissions: [...roundcubeHostPatterns] } : { optional_host_permissions: [...roundcubeHostPatterns] }),
    content_security_policy: { extension_pages: extensionPagesCsp },
    // No web_accessible_resources: no page can load or frame any file of the extension.
    // The end-to-end build (`--mode e2e`, into .output/*-e2e) holds the loopback host from the start, so a test
    // can add the Roundcube sandbox in the options page without a permission prompt no automation can answer.
    ...(mode === 'e2e' ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'veilig-aanmelden@opgroeien.be',
              // 140 ESR is the first to read data_collection_permissions.
              strict_min_version: '140.0',
              // The extension collects nothing and sends nothing anywhere (RULES §2.8).
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : // Chrome and Edge check enterprise policy for the extension against this schema (storage.managed). Firefox
        // takes the same settings from policies.json ("3rdparty" → "Extensions") and has no manifest key for it.
        { storage: { managed_schema: 'managed_schema.json' } }),
  }),
});
