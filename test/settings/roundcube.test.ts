import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Issue 13.5: the Roundcube addresses are settings too; a content script can write storage.local, not the vault.
describe('the Roundcube addresses', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  // Fresh modules each time: the shell (lib/platform) is set again as the extension's entrypoints set it.
  async function load() {
    await import('../../lib/platform/use-extension');
    return import('../../lib/settings/roundcube');
  }

  it('live in the vault, not in storage.local', async () => {
    const { storeRoundcubeOrigins, storedRoundcubeOrigins } = await load();
    await storeRoundcubeOrigins(['https://webmail.example.be', 'https://webmail.example.be']);
    expect(await storedRoundcubeOrigins()).toEqual(['https://webmail.example.be']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('move from an earlier version only where the host permission was granted; a planted one is dropped', async () => {
    await fakeBrowser.storage.local.set({ roundcubeOrigins: ['https://webmail.example.be', 'https://planted.example'] });
    const contains = vi.fn(async ({ origins }: { origins?: string[] }) => origins?.[0] === 'https://webmail.example.be/*');
    Object.assign(fakeBrowser.permissions, { contains });
    const { storedRoundcubeOrigins } = await load();
    expect(await storedRoundcubeOrigins()).toEqual(['https://webmail.example.be']);
    expect(contains).toHaveBeenCalledTimes(2);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
