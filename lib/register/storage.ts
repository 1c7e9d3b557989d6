import { defineVaultItem } from '../settings/vault';
import { addReferral, markClosedWithWarning, markNotSent, markSent, removeEntry, withdraw } from './register';
import { registerSchema, type RegisterEntry } from './schema';

/** Vault key of the register: it survives browser restarts, and holds no client data. */
export const registerKey = 'register';

/**
 * In the extension's own IndexedDB, where a content script can neither read nor plant an entry (issue 13.5). A
 * register an earlier version left in storage.local is removed, not moved, like the settings and additions: a
 * content script could have written it, and moving it would launder a planted entry into the vault.
 */
export const registerItem = defineVaultItem(registerKey, registerSchema, []);

export async function loadRegister(): Promise<RegisterEntry[]> {
  return registerItem.get();
}

export async function saveRegister(register: readonly RegisterEntry[]): Promise<void> {
  await registerItem.set(registerSchema.parse(register));
}

// One change at a time in this page: the wizard records a referral and, moments later, may mark it closed with a
// warning; two read-modify-writes side by side would lose one of them.
let queue: Promise<unknown> = Promise.resolve();
function update(change: (register: RegisterEntry[]) => RegisterEntry[]): Promise<RegisterEntry[]> {
  const next = queue.then(async () => {
    const changed = change(await loadRegister());
    await saveRegister(changed);
    return changed;
  });
  queue = next.catch(() => undefined);
  return next;
}

export function recordReferral(entry: RegisterEntry): Promise<RegisterEntry[]> {
  return update((register) => addReferral(register, entry));
}

export function recordWithdrawal(reference: string, on: string): Promise<RegisterEntry[]> {
  return update((register) => withdraw(register, reference, on));
}

/** The worker marked the draft sent, in the panel's register view. */
export function recordSent(reference: string, on: string): Promise<RegisterEntry[]> {
  return update((register) => markSent(register, reference, on));
}

/** The worker marked the draft not sent (discarded): kept, dated, left out of the evaluation. */
export function recordNotSent(reference: string, on: string): Promise<RegisterEntry[]> {
  return update((register) => markNotSent(register, reference, on));
}

/** "Verwijder uit register", after the worker confirmed: only for an entry that was never sent. */
export function recordRemoval(reference: string): Promise<RegisterEntry[]> {
  return update((register) => removeEntry(register, reference));
}

/**
 * The wizard's "Klaar" was confirmed while a leak warning stood (issue 14.4): the entry notes it (`closedWithWarning`).
 * A reference the register does not hold changes nothing, and this never rejects for it.
 */
export async function recordClosedWithWarning(reference: string): Promise<void> {
  await update((register) => markClosedWithWarning(register, reference));
}
