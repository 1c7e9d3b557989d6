import { defineConfig } from 'wxt';

// One codebase, two targets: `wxt build` (Chrome/Edge, MV3) and `wxt build -b firefox` (MV2).
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // lib/ and components/ are imported explicitly: files must read on their own.
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    permissions: ['storage'],
    browser_specific_settings: {
      gecko: {
        id: 'veilig-aanmelden@opgroeien.be',
        strict_min_version: '128.0',
        // The extension collects nothing and sends nothing anywhere (SPEC §2.8).
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
});
