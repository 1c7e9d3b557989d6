import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The self-check's report to IT says which way of attaching worked for the last draft. A content script can write
// storage.local: a record planted there must never be reported, so the record lives in the vault like the settings.
describe('the last draft\'s attach record', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  // Fresh modules each time: the shell (lib/platform) is set again as the extension's entrypoints set it.
  const load = async () => {
    await import('../../lib/platform/use-extension');
    return import('../../lib/panel/attach-record');
  };

  it('lives in the vault, not in storage.local', async () => {
    const { recordAttachTiers, lastAttachTiers } = await load();
    await recordAttachTiers('gmail', [{ tier: 'drop', ok: false, detail: 'gmail: drop zone not found in time' }, { tier: 'input', ok: true, detail: '' }]);
    expect(await lastAttachTiers()).toMatchObject({ adapter: 'gmail', tiers: [{ tier: 'drop', ok: false }, { tier: 'input', ok: true }] });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('never reports a record planted in storage.local, and removes it', async () => {
    const { attachRecordKey, lastAttachTiers } = await load();
    // What a content script could write, in the shape an earlier version read from storage.local.
    await fakeBrowser.storage.local.set({ [attachRecordKey]: { adapter: 'outlook', on: '2026-11-30', tiers: [{ tier: 'paste', ok: true, detail: '' }] } });
    expect(await lastAttachTiers()).toBeNull();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
