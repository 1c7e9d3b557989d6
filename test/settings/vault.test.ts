import { forceCloseDatabase } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { userAdditionsKey } from '../../lib/directory/storage';
import { attachRecordKey } from '../../lib/panel/attach-record';
import { registerKey } from '../../lib/register/storage';
import { settingsKey } from '../../lib/settings';
import { defineVaultItem, openVault, upgrades, VaultBlockedError, type Upgrade } from '../../lib/settings/vault';

// The vault's real IndexedDB code, run over fake-indexeddb (test/setup.ts gives each reset a fresh, empty one).
const databaseName = 'veilig-aanmelden';
const note = defineVaultItem('vaultTestNote', z.strictObject({ text: z.string() }), { text: 'none' });

/** Fails instead of hanging: what a blocked opening did before the vault handled `blocked` and `versionchange`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms))]);
}

/** Opens the database as a page would, without the vault: at `version`, running `upgrade` when it is needed. */
function openRaw(version: number, upgrade?: (db: IDBDatabase, oldVersion: number) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(databaseName, version);
    req.onupgradeneeded = (event) => upgrade?.(req.result, event.oldVersion);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
    req.onblocked = () => reject(new Error('blocked: a connection did not close for the newer version'));
  });
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('request failed'));
  });
}

/** Records every connection the vault opens, so a test can close one as the browser would. */
function watchOpenings(): IDBDatabase[] {
  const opened: IDBDatabase[] = [];
  const factory = indexedDB;
  const open = factory.open.bind(factory);
  factory.open = (name, version) => {
    const req = open(name, version);
    req.addEventListener('success', () => opened.push(req.result));
    return req;
  };
  return opened;
}

describe('the vault', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps an item in the extension\'s IndexedDB, where another connection reads it back', async () => {
    await note.set({ text: 'Proefnotitie' });
    expect(await note.get()).toEqual({ text: 'Proefnotitie' });
    const db = await openRaw(upgrades.length);
    expect(await done(db.transaction('items').objectStore('items').get(note.key))).toEqual({ text: 'Proefnotitie' });
    db.close();
  });

  it('never trusts a stored value that does not fit the schema, and refuses to store one', async () => {
    const db = await openRaw(upgrades.length, (created) => created.createObjectStore('items'));
    await done(db.transaction('items', 'readwrite').objectStore('items').put({ text: 42 }, note.key));
    db.close();
    expect(await note.get()).toEqual({ text: 'none' });
    await expect(note.set({ text: 42 } as unknown as { text: string })).rejects.toThrow();
  });

  it('is empty again after WXT\'s fake browser is reset (each test starts from nothing)', async () => {
    await note.set({ text: 'Van de vorige test' });
    fakeBrowser.reset();
    expect(await note.get()).toEqual({ text: 'none' });
  });

  it('removes what earlier versions left in storage.local under its items\' keys, never moving it, and leaves other keys', async () => {
    const planted = { [settingsKey]: { language: 'fr' }, [registerKey]: [], [userAdditionsKey]: {}, [attachRecordKey]: null, unrelated: 'stays' };
    await fakeBrowser.storage.local.set(planted);
    expect(await note.get()).toEqual({ text: 'none' });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ unrelated: 'stays' });
  });

  it('removes a value planted in storage.local after the database was made, at the next opening (each page opens it)', async () => {
    await note.set({ text: 'Er staat al iets' });
    await fakeBrowser.storage.local.set({ [settingsKey]: { referrer: { name: 'Geplant', team: '', phone: '', email: '' }, language: 'fr' } });
    // Another page of the extension: the same database, already at its version, opened by a fresh copy of the code.
    vi.resetModules();
    await import('../../lib/platform/use-extension');
    const { loadSettings } = await import('../../lib/settings');
    expect((await loadSettings()).language).toBe('nl');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('keeps what a database of version 1 holds (the version every browser had before the upgrade steps)', async () => {
    const db = await openRaw(1, (created) => created.createObjectStore('items'));
    await done(db.transaction('items', 'readwrite').objectStore('items').put({ text: 'Uit versie 1' }, note.key));
    db.close();
    expect(await note.get()).toEqual({ text: 'Uit versie 1' });
  });

  it('runs the upgrade steps above the version a browser has, in order, each once', async () => {
    const ran: number[] = [];
    const steps: Upgrade[] = [...upgrades, () => void ran.push(2), (db) => void (ran.push(3), db.createObjectStore('later'))];
    const first = await openVault(indexedDB, steps.slice(0, 2));
    first.close();
    expect(ran).toEqual([2]);
    const second = await openVault(indexedDB, steps);
    expect({ ran, version: second.version, stores: [...second.objectStoreNames] }).toEqual({ ran: [2, 3], version: 3, stores: ['items', 'later'] });
    second.close();
  });

  it('closes its connection when another page opens a newer version, and opens anew at its next use', async () => {
    const opened = watchOpenings();
    await note.set({ text: 'Voor de nieuwe versie' });
    const newer = await within(2000, openRaw(upgrades.length + 1));
    newer.close();
    // Deleting the database also asks every connection to close; the vault then opens a new, empty one.
    await within(2000, done(indexedDB.deleteDatabase(databaseName)));
    expect(await note.get()).toEqual({ text: 'none' });
    await note.set({ text: 'Na het wissen' });
    expect(await note.get()).toEqual({ text: 'Na het wissen' });
    expect(opened.filter((db) => db !== newer)).toHaveLength(2); // the vault's first connection and its new one
  });

  it('opens anew when the browser closed its connection (site data cleared)', async () => {
    const opened = watchOpenings();
    await note.set({ text: 'Voor het sluiten' });
    expect(opened).toHaveLength(1);
    forceCloseDatabase(opened[0] as unknown as typeof IDBDatabase);
    expect(await note.get()).toEqual({ text: 'Voor het sluiten' });
    expect(opened).toHaveLength(2);
  });

  it('says so when a page with an older version holds the upgrade up, instead of hanging, and opens once it let go', async () => {
    // A page running older code: it does not close its connection for a newer version.
    const old = await openRaw(1, (created) => created.createObjectStore('items'));
    const steps: Upgrade[] = [...upgrades, (db) => void db.createObjectStore('later')];
    const blocked = await within(2000, openVault(indexedDB, steps, 20)).catch((error: unknown) => error);
    expect(blocked).toBeInstanceOf(VaultBlockedError);
    expect((blocked as Error).message).toMatch(/older version of the database open; close it/u);
    old.close();
    const retried = await within(2000, openVault(indexedDB, steps, 20));
    expect(retried.version).toBe(2);
    retried.close();
    // The queued request's own late connection was closed too: nothing is left holding the database open.
    await within(2000, done(indexedDB.deleteDatabase(databaseName)));
  });

  it('waits for a page that lets go of an older version while the opening waits', async () => {
    const old = await openRaw(1, (created) => created.createObjectStore('items'));
    // Older code that does close, but late (it finished a transaction first).
    old.onversionchange = () => setTimeout(() => old.close(), 30);
    const steps: Upgrade[] = [...upgrades, (db) => void db.createObjectStore('later')];
    const db = await within(2000, openVault(indexedDB, steps, 1000));
    expect(db.version).toBe(2);
    db.close();
  });
});
