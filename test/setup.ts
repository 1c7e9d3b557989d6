// Every unit test runs the extension's shell over WXT's fake browser, as the extension's entrypoints do; resetting the
// fake browser also empties the vault's in-memory stand-in for IndexedDB, so a test starts from nothing as before.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import '../lib/platform/use-extension';
import { resetVaultMemory } from '../lib/settings/vault';

const reset = fakeBrowser.reset.bind(fakeBrowser);
fakeBrowser.reset = () => {
  resetVaultMemory();
  reset();
};
