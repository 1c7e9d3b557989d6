import type { z } from 'zod';
import type { ZodMiniType } from 'zod/mini';

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

type Backend = { get: (key: string) => Promise<unknown>; set: (key: string, value: unknown) => Promise<void>; remove: (key: string) => Promise<void> };

function request<T>(run: (store: IDBObjectStore) => IDBRequest<T>, mode: IDBTransactionMode, db: IDBDatabase): Promise<T> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(storeName, mode);
    const req = run(transaction.objectStore(storeName));
    transaction.oncomplete = () => resolve(req.result);
    transaction.onerror = () => reject(transaction.error ?? new Error('vault: transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('vault: transaction aborted'));
  });
}

function indexedDbBackend(factory: IDBFactory): Backend {
  let opened: Promise<IDBDatabase> | undefined;
  const open = () =>
    (opened ??= new Promise((resolve, reject) => {
      const req = factory.open(databaseName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(storeName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        opened = undefined;
        reject(req.error ?? new Error('vault: cannot open'));
      };
    }));
  return {
    get: async (key) => request((store) => store.get(key), 'readonly', await open()),
    set: async (key, value) => {
      await request((store) => store.put(value, key), 'readwrite', await open());
    },
    remove: async (key) => {
      await request((store) => store.delete(key), 'readwrite', await open());
    },
  };
}

/**
 * Without IndexedDB (unit tests only: every extension page, the background and the add-in's task pane have it), a map
 * in memory, emptied by `resetVaultMemory` (test/setup.ts does so whenever WXT's fake browser is reset).
 */
const memory = new Map<string, unknown>();
const memoryBackend: Backend = {
  get: async (key) => structuredClone(memory.get(key)),
  set: async (key, value) => void memory.set(key, structuredClone(value)),
  remove: async (key) => void memory.delete(key),
};

export function resetVaultMemory(): void {
  memory.clear();
}

let backend: Backend | undefined;
function current(): Backend {
  backend ??= typeof indexedDB === 'undefined' ? memoryBackend : indexedDbBackend(indexedDB);
  return backend;
}

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
 * One typed item of the vault, in the spirit of WXT's `storage.defineItem`: a key, a zod schema and a fallback.
 * `legacy` removes (once per page) what earlier versions kept in `storage.local` under this key. It is not moved
 * here: a content script could have written it, and moving it would launder a planted value into the vault.
 */
export function defineVaultItem<S extends z.ZodType | ZodMiniType>(
  key: string,
  schema: S,
  fallback: z.output<S>,
  legacy?: { remove: () => Promise<void> },
): VaultItem<z.output<S>> {
  let cleaned = false;
  // Classic and mini zod schemas parse alike (mini's are what the message schemas use).
  const checker = schema as unknown as z.ZodType<z.output<S>>;
  const get = async (): Promise<z.output<S>> => {
    if (legacy && !cleaned) {
      cleaned = true;
      await legacy.remove().catch(() => undefined);
    }
    const parsed = checker.safeParse(await current().get(key));
    return parsed.success ? parsed.data : fallback;
  };
  return {
    key,
    get,
    set: async (value) => {
      await current().set(key, checker.parse(value));
      announce(key);
    },
    remove: async () => {
      await current().remove(key);
      announce(key);
    },
    watch: (listener) =>
      onVaultChange((changed) => {
        if (changed === key) void get().then(listener);
      }),
  };
}
