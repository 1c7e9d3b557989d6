import { browser } from 'wxt/browser';
import { z } from 'zod';

/**
 * What the panel keeps while it is open, so an accidental close loses nothing (SPEC §2.7): in
 * storage.session only, which lives in memory and is never written to disk, and which content scripts cannot
 * read. Wiped on completion, on discard, and after 30 minutes without a change. Never the password.
 */
export const formStateKey = 'panelForm';
export const idleLimitMs = 30 * 60 * 1000;
/** The alarm that wipes the form once it has been idle for the limit, even with the panel closed. */
export const formExpiryAlarm = 'form-expiry';

const text = z.string().max(10_000);

export const formStateSchema = z.strictObject({
  step: z.enum(['consent', 'client']),
  consent: z.strictObject({
    informed: z.boolean(),
    consented: z.boolean(),
    date: text,
    manner: z.enum(['', 'mondeling', 'schriftelijk']),
  }),
  client: z.strictObject({
    firstName: text, lastName: text, street: text, houseNumber: text, box: text, postcode: text, municipality: text,
    phone: text, email: text,
  }),
  passwordMode: z.enum(['generated', 'preshared', 'typed']),
  /** The reference being corrected, so a correction reopens as a correction. */
  corrects: z.string().regex(/^KG-[2-9A-Z]{4}-[2-9A-Z]{4}$/u).nullable(),
});

export type FormState = z.infer<typeof formStateSchema>;
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
