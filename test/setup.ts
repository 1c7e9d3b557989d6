// Every unit test runs the extension's shell over WXT's fake browser, as the extension's entrypoints do, and the vault
// (lib/settings/vault.ts) over fake-indexeddb, its real IndexedDB code. Resetting the fake browser also gives the vault
// a fresh, empty IndexedDB (the vault reads `indexedDB` at each use), so a test starts from nothing as before.
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import '../lib/platform/use-extension';

globalThis.indexedDB = new IDBFactory();

const reset = fakeBrowser.reset.bind(fakeBrowser);
fakeBrowser.reset = () => {
  globalThis.indexedDB = new IDBFactory();
  reset();
};
