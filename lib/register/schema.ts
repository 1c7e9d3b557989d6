import { z } from 'zod';

const reference = z.string().regex(/^KG-[2-9A-Z]{4}-[2-9A-Z]{4}$/u);
const isoDate = z.iso.date();

/**
 * One referral in the register (SPEC §2.7, seed 003): what is needed for a withdrawal, a correction and the yearly
 * evaluation, and nothing about the client. The recipient's mailbox is an organisation's address.
 */
export const registerEntrySchema = z.strictObject({
  reference,
  createdOn: isoDate,
  recipientId: z.string().regex(/^(\d{5}|caw-brussel)$/u),
  recipientName: z.string().min(1).max(120),
  mailbox: z.email(),
  team: z.string().max(120),
  status: z.enum(['concept', 'ingetrokken', 'verbeterd']),
  withdrawnOn: isoDate.nullable(),
  /** The reference of the referral that corrects this one. */
  correctedBy: reference.nullable(),
  /** The reference this referral corrects. */
  corrects: reference.nullable(),
});

export const registerSchema = z.array(registerEntrySchema).max(10_000);

/** The register as a file, to move to a new PC. */
export const registerFileSchema = z.strictObject({
  format: z.literal('veilig-aanmelden/register@1'),
  exportedOn: isoDate,
  entries: registerSchema,
});

export type RegisterEntry = z.infer<typeof registerEntrySchema>;
export type RegisterFile = z.infer<typeof registerFileSchema>;
