import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { belgianToday } from '../time';
import {
  checkBox, checkEmail, checkHouseNumber, checkMunicipality, checkMunicipalityForPostcode, checkName, checkPostcode, checkStreet,
} from './fields';
import { checkPhone } from './phone';
import type { FieldCheck } from './text-rules';

/**
 * The strict shape of what may travel (RULES §2.1, §4): the client's name and contact details and the consent
 * record. Unknown keys are refused at every level. Issues carry a message key (see lib/i18n) as their message.
 */

type Checker = (input: string) => FieldCheck;

function field(checker: Checker, required: MessageKey) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? required : 'err_notText') })
    .transform((input, ctx) => {
      if (input.trim() === '') {
        ctx.issues.push({ code: 'custom', input, message: required });
        return z.NEVER;
      }
      const result = checker(input);
      if (!result.ok) {
        ctx.issues.push({ code: 'custom', input, message: result.message, params: { substitutions: result.substitutions } });
        return z.NEVER;
      }
      return result.value;
    });
}

// The UI sends "" for an empty optional field: that means "not given", not an invalid value.
function optionalField(checker: Checker) {
  return z.preprocess(
    (input) => (typeof input === 'string' && input.trim() === '' ? undefined : input),
    field(checker, 'err_required').optional(),
  );
}

export const addressSchema = z.strictObject(
  {
    street: field(checkStreet, 'err_required_street'),
    houseNumber: field(checkHouseNumber, 'err_required_houseNumber'),
    box: z.string({ error: 'err_notText' }).default('').transform((input, ctx) => {
      const result = checkBox(input);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', input, message: result.message });
      return z.NEVER;
    }),
    postcode: field(checkPostcode, 'err_required_postcode'),
    municipality: field(checkMunicipality, 'err_required_municipality'),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'err_unknownField' : 'err_notObject') },
).transform((address, ctx) => {
  const result = checkMunicipalityForPostcode(address.municipality, address.postcode);
  if (result.ok) return { ...address, municipality: result.value };
  ctx.issues.push({
    code: 'custom', input: address.municipality, path: ['municipality'], message: result.message,
    params: { substitutions: result.substitutions },
  });
  return z.NEVER;
});

const isBlankAddress = (input: unknown) =>
  typeof input === 'object' && input !== null && !Array.isArray(input) &&
  Object.values(input).every((value) => typeof value === 'string' && value.trim() === '');

export const clientSchema = z
  .strictObject(
    {
      firstName: field(checkName, 'err_required_firstName'),
      lastName: field(checkName, 'err_required_lastName'),
      address: z.preprocess((input) => (isBlankAddress(input) ? undefined : input), addressSchema.optional()),
      phone: optionalField(checkPhone),
      email: optionalField(checkEmail),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'err_unknownField' : 'err_notObject') },
  )
  .refine((client) => client.address !== undefined || client.phone !== undefined || client.email !== undefined, {
    error: 'err_contactRequired',
    path: ['contact'],
    // Also when a name is still missing, so all gaps show at once; not when a contact field itself is wrong.
    when: (payload) =>
      typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) &&
      payload.issues.every((issue) => !['address', 'phone', 'email'].includes(String(issue.path?.[0]))),
  });


function isRealDate(iso: string): boolean {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function consentSchema(now: Date) {
  return z.strictObject(
    {
      informed: z.literal(true, { error: 'err_informed' }),
      consented: z.literal(true, { error: 'err_consented' }),
      date: z
        .string({ error: 'err_consentDate' })
        .regex(/^\d{4}-\d{2}-\d{2}$/u, { error: 'err_consentDate' })
        .refine(isRealDate, { error: 'err_consentDate', abort: true })
        .refine((date) => date <= belgianToday(now), { error: 'err_consentDateFuture', abort: true })
        // Before the first protocols (2025) no referral under art. 10/1 existed: an older year is a typo.
        .refine((date) => date >= '2020-01-01', { error: 'err_consentDateOld' }),
      manner: z.enum(['mondeling', 'schriftelijk'], { error: 'err_consentManner' }),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'err_unknownField' : 'err_informed') },
  );
}

export function referralInputSchema(now: Date) {
  return z.strictObject(
    { client: clientSchema, consent: consentSchema(now) },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'err_unknownField' : 'err_notObject') },
  );
}

export type Client = z.output<typeof clientSchema>;
export type Address = z.output<typeof addressSchema>;
export type Consent = z.output<ReturnType<typeof consentSchema>>;
/** A validated referral: only permitted, cleaned fields and a valid consent record. */
export type Referral = { client: Client; consent: Consent };
