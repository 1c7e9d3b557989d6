import { z } from 'zod';
import type { Referral } from './schema';

/** Format tag of `aanmelding.json`; a breaking change to the file gets a new version. */
export const referralFormat = 'veilig-aanmelden/referral@1';

export const recipientSchema = z.strictObject({
  id: z.string().min(1).max(20),
  name: z.string().min(1).max(120),
  mailbox: z.email(),
});

export const referrerSchema = z.strictObject({
  name: z.string().max(120),
  team: z.string().max(120),
  phone: z.string().max(40),
  email: z.string().max(254),
});

export type Recipient = z.infer<typeof recipientSchema>;
export type Referrer = z.infer<typeof referrerSchema>;

/** Everything that goes into the zip, before it is rendered into its three files. */
export type ReferralDocument = Referral & {
  format: typeof referralFormat;
  reference: string;
  createdAt: string;
  recipient: Recipient | null;
  referrer: Referrer | null;
  corrects: string | null;
};

/** ISO 8601 with the Belgian offset of that moment ("2026-11-22T10:15:00+01:00"), to the second. */
export function belgianTimestamp(now: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
    }).formatToParts(now).map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : (parts.timeZoneName ?? 'GMT+00:00').replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** The JSON file: key order as in RULES §4, so the file reads the same for every referral. */
export function renderJson(document: ReferralDocument): string {
  const { client, consent } = document;
  const ordered = {
    format: document.format,
    reference: document.reference,
    createdAt: document.createdAt,
    client: {
      firstName: client.firstName,
      lastName: client.lastName,
      ...(client.address ? { address: { ...client.address } } : {}),
      ...(client.phone ? { phone: client.phone } : {}),
      ...(client.email ? { email: client.email } : {}),
    },
    consent: { informed: consent.informed, consented: consent.consented, date: consent.date, manner: consent.manner },
    recipient: document.recipient,
    referrer: document.referrer,
    corrects: document.corrects,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
