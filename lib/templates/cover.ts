import { displayDate } from '../directory/decision';
import { t, type Locale } from '../i18n';
import type { Referrer } from '../referral/document';

export type MailText = { subject: string; body: string };

/**
 * How the zip's password reaches the OCMW, said in the cover mail in one line (issue 21.1): a generated one is typed in
 * lower case with its dashes and no spaces (7-Zip refuses it otherwise); a typed one exactly as given; a pre-shared
 * key is the protocol's own.
 */
export type PasswordKind = 'generated' | 'typed' | 'preshared';
const passwordLine = { generated: 'mail_passwordGenerated', typed: 'mail_passwordTyped', preshared: 'mail_passwordPreshared' } as const;

/** The referrer's signature from the options page; "Kind en Gezin" when nothing is filled in. */
export function signature(referrer: Referrer | null, locale: Locale = 'nl'): string {
  const lines = referrer ? [referrer.name, referrer.team, referrer.phone, referrer.email].map((line) => line.trim()).filter(Boolean) : [];
  return [t('mail_greeting', [], locale), ...(lines.length > 0 ? lines : [t('mail_defaultSender', [], locale)])].join('\n');
}

const withSignature = (body: string, referrer: Referrer | null, locale: Locale) => `${body}\n\n${signature(referrer, locale)}`;

/**
 * The clear text of a referral mail: subject and cover text name the reference code and nothing about the client.
 * Dutch by default: it goes to a Flemish OCMW.
 */
export function referralMailText(reference: string, referrer: Referrer | null = null, locale: Locale = 'nl', password: PasswordKind = 'generated'): MailText {
  const body = t('mail_body', [reference, t(passwordLine[password], [], locale)], locale);
  return { subject: t('mail_subject', [reference], locale), body: withSignature(body, referrer, locale) };
}

/** The withdrawal notice (RULES F2, seed 003): identifies the referral by its reference and asks erasure. */
export function withdrawalMailText(reference: string, referredOn: string, referrer: Referrer | null = null, locale: Locale = 'nl'): MailText {
  return {
    subject: t('mail_withdrawalSubject', [reference], locale),
    body: withSignature(t('mail_withdrawalBody', [reference, displayDate(referredOn)], locale), referrer, locale),
  };
}

/** The correction notice (RULES F3, protocol art. 7): the new reference replaces the original one. */
export function correctionMailText(
  reference: string,
  corrects: string,
  referrer: Referrer | null = null,
  locale: Locale = 'nl',
  password: PasswordKind = 'generated',
): MailText {
  return {
    subject: t('mail_correctionSubject', [reference, corrects], locale),
    body: withSignature(t('mail_correctionBody', [reference, corrects, t(passwordLine[password], [], locale)], locale), referrer, locale),
  };
}
