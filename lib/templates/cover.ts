import { t, type Locale } from '../i18n';

/** The clear text of a referral mail: subject and cover text name the reference code and nothing about the client. */
export function referralMailText(reference: string, locale: Locale = 'nl'): { subject: string; body: string } {
  return { subject: t('mail_subject', [reference], locale), body: t('mail_body', [reference], locale) };
}
