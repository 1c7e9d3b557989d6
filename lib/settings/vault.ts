import type { z } from 'zod';
import type { ZodMiniType } from 'zod/mini';
import { platform } from '../platform';

/**
 * Typed items in the extension's own IndexedDB (issue 13.5): what the worker keeps (settings, own mailboxes, team
 * imports, mailbox choices) lives where a content script cannot reach it. A content script runs in the webmail
 * page's origin, so it sees the page's IndexedDB, never the extension origin's; `storage.local`, by contrast, is
 * open to content scripts in Chrome and Firefox alike. Extension pages and the background share the database;
 * a change is announced to the other pages of the extension over a BroadcastChannel of the extension origin.
 *
 */
const databaseName = 'veilig-aanmelden';
const storeName = 'items';
const channelName = 'veilig-aanmelden-vault';

/** One step of the database's history: what takes it from the version before to this one. */
export type Upgrade = (db: IDBDatabase) => void;

/**
 * The database's versions, oldest first: step n makes version n, and the database's version is the number of steps.
 * `onupgradeneeded` runs, in order and in its one transaction, every step above the version a browser already has
 * (all of them on a fresh install). A step that has shipped never changes; a new version is a new step at the end.
 */
export const upgrades: readonly Upgrade[] = [
  // 1: one store of items, each under its item's key.
  (db) => void db.createObjectStore(storeName),
];

/**
 * What versions before the vault kept in `storage.local`, under the key of the item that now holds it here: the
 * settings, the register, the worker's own mailboxes and the last draft's attach record. Removed, never moved (a
 * content script can write `storage.local`: moving would launder a planted value into the vault), at every opening
 * of the database rather than once at an upgrade, since a content script can plant there again at any time, and
 * nothing planted should stay for a later version to trust. The add-in's shell has nothing to remove.
 */
const retiredLocalKeys = ['settings', 'register', 'directoryAdditions', 'lastAttachTiers'] as const;

/** How long an opening waits for the pages that hold an older version open to close it, once the browser says they do. */
const blockedWaitMs = 3000;

/** The database could not be upgraded: another page still holds an older version of it open (it runs older code). */
export class VaultBlockedError extends Error {
  override readonly name = 'VaultBlockedError';
  constructor() {
    super('vault: another page of Veilig Aanmelden still has an older version of the database open; close it (or reload it) and try again');
  }
}

/**
 * Opens the database at the version `steps` make, upgrading it on the way. A connection closes itself when another
 * page asks for a newer version (`versionchange`), so that page's upgrade is never held up by this one. When an older
 * page holds it up instead (`blocked`), the opening waits `waitMs` for it to let go, then fails with
 * `VaultBlockedError` rather than hang; the request itself stays queued, and the connection it brings once the other
 * page has closed is closed again (the next opening finds the database upgraded).
 */
export function openVault(factory: IDBFactory, steps: readonly Upgrade[] = upgrades, waitMs = blockedWaitMs): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
    };
    const req = factory.open(databaseName, steps.length);
    req.onupgradeneeded = (event) => {
      for (const step of steps.slice(event.oldVersion)) step(req.result);
    };
    req.onblocked = () => {
      timer ??= setTimeout(() => {
        settle();
        reject(new VaultBlockedError());
      }, waitMs);
    };
    req.onsuccess = () => {
      const db = req.result;
      if (settled) {
        db.close();
        return;
      }
      settle();
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => {
      if (settled) return;
      settle();
      reject(req.error ?? new Error('vault: cannot open'));
    };
  });
}

/**
 * The connection of this page, opened at the first use. The factory is read at each use, not kept: the unit tests
 * swap in a fresh, empty one whenever they reset WXT's fake browser (test/setup.ts). A connection that closed (for a
 * newer version, or because the browser closed it) or failed to open is dropped, and the next use opens anew.
 */
type Connection = { factory: IDBFactory; db: Promise<IDBDatabase>; closed: boolean };
let connection: Connection | undefined;

function database(): Promise<IDBDatabase> {
  const factory = indexedDB;
  if (connection && connection.factory === factory && !connection.closed) return connection.db;
  const opened: Connection = { factory, db: connect(factory, () => (opened.closed = true)), closed: false };
  connection = opened;
  return opened.db;
}

async function connect(factory: IDBFactory, closed: () => void): Promise<IDBDatabase> {
  let db: IDBDatabase | undefined;
  try {
    db = await openVault(factory);
    db.addEventListener('versionchange', closed);
    db.addEventListener('close', closed);
    await platform().removeLegacy(retiredLocalKeys).catch(() => undefined);
    return db;
  } catch (error) {
    db?.close();
    closed();
    throw error;
  }
}

function request<T>(run: (store: IDBObjectStore) => IDBRequest<T>, mode: IDBTransactionMode, db: IDBDatabase): Promise<T> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(storeName, mode);
    const req = run(transaction.objectStore(storeName));
    transaction.oncomplete = () => resolve(req.result);
    transaction.onerror = () => reject(transaction.error ?? new Error('vault: transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('vault: transaction aborted'));
  });
}

const store = {
  get: async (key: string): Promise<unknown> => request((items) => items.get(key), 'readonly', await database()),
  set: async (key: string, value: unknown): Promise<void> => {
    await request((items) => items.put(value, key), 'readwrite', await database());
  },
  remove: async (key: string): Promise<void> => {
    await request((items) => items.delete(key), 'readwrite', await database());
  },
};

type Listener = (key: string) => void;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | null | undefined;
function broadcast(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
    if (channel) {
      // Node (unit tests) would otherwise wait for the channel before exiting.
      (channel as BroadcastChannel & { unref?: () => void }).unref?.();
      channel.onmessage = (event: MessageEvent<unknown>) => {
        if (typeof event.data === 'string') for (const listener of listeners) listener(event.data);
      };
    }
  }
  return channel;
}

function announce(key: string): void {
  for (const listener of listeners) listener(key);
  broadcast()?.postMessage(key);
}

/** Calls `listener` with the key of every item changed, in this page or another page of the extension. */
export function onVaultChange(listener: Listener): () => void {
  broadcast();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type VaultItem<T> = {
  key: string;
  /** The stored value when it fits the schema, otherwise the fallback (a value that does not fit is never trusted). */
  get: () => Promise<T>;
  /** Stores the value after checking it against the schema (throws when it does not fit). */
  set: (value: T) => Promise<void>;
  remove: () => Promise<void>;
  /** Calls `listener` with the new value whenever the item changes, in any page of the extension. */
  watch: (listener: (value: T) => void) => () => void;
};

/**
 * One typed item of the vault, in the spirit of WXT's `storage.defineItem`: a key, a zod schema and a fallback. An
 * item that earlier versions kept in `storage.local` also has its key in `retiredLocalKeys` above.
 */
export function defineVaultItem<S extends z.ZodType | ZodMiniType>(key: string, schema: S, fallback: z.output<S>): VaultItem<z.output<S>> {
  // Classic and mini zod schemas parse alike (mini's are what the message schemas use).
  const checker = schema as unknown as z.ZodType<z.output<S>>;
  const get = async (): Promise<z.output<S>> => {
    const parsed = checker.safeParse(await store.get(key));
    return parsed.success ? parsed.data : fallback;
  };
  return {
    key,
    get,
    set: async (value) => {
      await store.set(key, checker.parse(value));
      announce(key);
    },
    remove: async () => {
      await store.remove(key);
      announce(key);
    },
    watch: (listener) =>
      onVaultChange((changed) => {
        if (changed === key) void get().then(listener);
      }),
  };
}
