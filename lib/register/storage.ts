import { browser } from 'wxt/browser';
import { addReferral, withdraw } from './register';
import { registerSchema, type RegisterEntry } from './schema';

/** storage.local key of the register: it survives browser restarts, and holds no client data. */
export const registerKey = 'register';

export async function loadRegister(): Promise<RegisterEntry[]> {
  const parsed = registerSchema.safeParse((await browser.storage.local.get(registerKey))[registerKey] ?? []);
  return parsed.success ? parsed.data : [];
}

export async function saveRegister(register: readonly RegisterEntry[]): Promise<void> {
  await browser.storage.local.set({ [registerKey]: registerSchema.parse(register) });
}

export async function recordReferral(entry: RegisterEntry): Promise<RegisterEntry[]> {
  const next = addReferral(await loadRegister(), entry);
  await saveRegister(next);
  return next;
}

export async function recordWithdrawal(reference: string, on: string): Promise<RegisterEntry[]> {
  const next = withdraw(await loadRegister(), reference, on);
  await saveRegister(next);
  return next;
}
