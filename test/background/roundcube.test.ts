import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allowedNow, forgetAllowedOrigins } from '../../lib/background/origins';
import { syncRoundcube } from '../../lib/background/roundcube';
import { storeRoundcubeOrigins } from '../../lib/settings/roundcube';

// Issue 20.5: the Roundcube content script is registered for the exact origin the worker added wherever the browser
// takes a port in a match pattern (Chrome, Edge); Firefox refuses one, so there it is the host on any port.
describe('the Roundcube registration', () => {
  let registered: { matches?: string[] }[];
  beforeEach(async () => {
    fakeBrowser.reset();
    forgetAllowedOrigins();
    registered = [];
    Object.assign(browser.permissions, { contains: vi.fn(async () => true) });
    Object.assign(browser.scripting, {
      getRegisteredContentScripts: vi.fn(async () => registered),
      unregisterContentScripts: vi.fn(async () => void (registered = [])),
      registerContentScripts: vi.fn(async (scripts: { matches?: string[] }[]) => void (registered = scripts)),
    });
    await storeRoundcubeOrigins(['http://127.0.0.1:8290', 'https://webmail.example.be', 'https://mail.example.be:8443']);
  });

  it('names each origin with its port where the browser allows one, the default port written out', async () => {
    await syncRoundcube(true);
    expect(registered[0]?.matches).toEqual(['http://127.0.0.1:8290/*', 'https://webmail.example.be:443/*', 'https://mail.example.be:8443/*']);
  });

  it('names the host on any port in Firefox, which refuses a port in a match pattern', async () => {
    await syncRoundcube(false);
    expect(registered[0]?.matches).toEqual(['http://127.0.0.1/*', 'https://webmail.example.be/*', 'https://mail.example.be/*']);
  });

  it('is the build’s choice by default (Chrome here), and reads the origins the background allows afresh', async () => {
    expect(allowedNow('http://127.0.0.1:8290')).toBeUndefined();
    await syncRoundcube();
    expect(registered[0]?.matches?.[0]).toBe('http://127.0.0.1:8290/*');
    expect(allowedNow('http://127.0.0.1:8290')).toBe(true);
    expect(allowedNow('http://127.0.0.1:20290')).toBe(false);
  });
});
