import { z } from 'zod';

/**
 * What the panel keeps while it is open, so an accidental close loses nothing (RULES §2.7): in
 * storage.session only, which lives in memory and is never written to disk, and which content scripts cannot
 * read. Wiped on completion, on discard, and after 30 minutes without a change. Never the password.
 */
export const formStateKey = 'panelForm';
export const idleLimitMs = 30 * 60 * 1000;

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
