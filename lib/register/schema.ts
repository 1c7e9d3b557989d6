import { z } from 'zod';

const reference = z.string().regex(/^KG-[2-9A-Z]{4}-[2-9A-Z]{4}$/u);
const isoDate = z.iso.date();

/**
 * The statuses, in the order a referral moves on (issue 14.3): a draft is made ("concept klaar", stored as
 * `concept` since the first version), the worker marks it sent or not sent, and a sent one can be corrected or
 * withdrawn. A register entry only ever moves forward in this list, here and in an import: see `statusRank`.
 */
export const registerStatuses = ['concept', 'niet_verzonden', 'verzonden', 'verbeterd', 'ingetrokken'] as const;
export type RegisterStatus = (typeof registerStatuses)[number];

const fields = {
  reference,
  createdOn: isoDate,
  recipientId: z.string().regex(/^(\d{5}|caw-brussel)$/u),
  recipientName: z.string().min(1).max(120),
  mailbox: z.email(),
  team: z.string().max(120),
  withdrawnOn: isoDate.nullable(),
  /** The reference of the referral that corrects this one. */
  correctedBy: reference.nullable(),
  /** The reference this referral corrects. */
  corrects: reference.nullable(),
};

/** An entry as the first version wrote it (register files `veilig-aanmelden/register@1`, and the stored register). */
const entryV1Schema = z.strictObject({ ...fields, status: z.enum(['concept', 'ingetrokken', 'verbeterd']) });

/**
 * One referral in the register (RULES §2.7, seed 003): what is needed for a withdrawal, a correction and the yearly
 * evaluation, and nothing about the client. The recipient's mailbox is an organisation's address. The fields added
 * after the first version are optional, so a register stored by that version still parses (a stored register that
 * does not parse is dropped whole by the vault).
 */
export const registerEntrySchema = z
  .strictObject({
    ...fields,
    status: z.enum(registerStatuses),
    /** When the worker marked it sent. Kept when it is later withdrawn or corrected: the evaluation counts it. */
    sentOn: isoDate.optional(),
    /** When the worker marked the draft not sent (discarded): kept, and not counted, in the evaluation. */
    notSentOn: isoDate.optional(),
    /** The panel was closed with a leak warning standing (issue 14.4): only that, never what the warning named. */
    closedWithWarning: z.boolean().optional(),
  })
  .superRefine((entry, context) => {
    if (entry.status === 'verzonden' && !entry.sentOn) context.addIssue({ code: 'custom', path: ['sentOn'], message: 'a sent referral has its date' });
    if (entry.status === 'niet_verzonden' && (!entry.notSentOn || entry.sentOn)) {
      context.addIssue({ code: 'custom', path: ['notSentOn'], message: 'a draft not sent has its date and no date sent' });
    }
  });

export const registerSchema = z.array(registerEntrySchema).max(10_000);

export const registerFormat = 'veilig-aanmelden/register@2';

/**
 * The register as a file, to move to a new PC. `@2` may hold the statuses and dates of issue 14; a file of the
 * first version (`@1`) stays importable and is read with that version's own, narrower, entry schema.
 */
export const registerFileSchema = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal(registerFormat), exportedOn: isoDate, entries: registerSchema }),
  z.strictObject({ format: z.literal('veilig-aanmelden/register@1'), exportedOn: isoDate, entries: z.array(entryV1Schema).max(10_000) }),
]);

export type RegisterEntry = z.infer<typeof registerEntrySchema>;
export type RegisterFile = z.infer<typeof registerFileSchema>;
