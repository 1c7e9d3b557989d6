import { browser } from 'wxt/browser';
import { z } from 'zod';
import { formStateKey, formStateSchema, idleLimitMs, type FormState } from './form-schema';

// The background keeps the form in storage.session; the panel needs only its shape (./form-schema, no browser API).
export { formStateKey, formStateSchema, idleLimitMs, type FormState };
/** The alarm that wipes the form once it has been idle for the limit, even with the panel closed. */
export const formExpiryAlarm = 'form-expiry';

const storedSchema = z.strictObject({ savedAt: z.number(), form: formStateSchema });

export async function saveFormState(form: FormState, now: number = Date.now()): Promise<void> {
  await browser.storage.session.set({ [formStateKey]: { savedAt: now, form } });
  // Each save moves the wipe 30 minutes ahead (creating an alarm of the same name replaces it).
  await browser.alarms.create(formExpiryAlarm, { when: now + idleLimitMs + 1000 });
}

/** The saved form, unless it is older than the idle limit (then it is wiped) or does not fit the schema. */
export async function loadFormState(now: number = Date.now()): Promise<FormState | null> {
  const stored = storedSchema.safeParse((await browser.storage.session.get(formStateKey))[formStateKey]);
  if (!stored.success || now - stored.data.savedAt > idleLimitMs) {
    await clearFormState();
    return null;
  }
  return stored.data.form;
}

export async function clearFormState(): Promise<void> {
  await browser.storage.session.remove(formStateKey);
  await browser.alarms.clear(formExpiryAlarm);
}

/** Wipes the form when it has been idle too long; the background calls this from an alarm. */
export async function expireFormState(now: number = Date.now()): Promise<boolean> {
  const stored = storedSchema.safeParse((await browser.storage.session.get(formStateKey))[formStateKey]);
  if (stored.success && now - stored.data.savedAt <= idleLimitMs) return false;
  await clearFormState();
  return true;
}
