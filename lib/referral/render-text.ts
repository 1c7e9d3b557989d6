import { t, type Locale } from '../i18n';
import type { ReferralDocument } from './document';
import type { Address } from './schema';

const eol = '\r\n';

function dutchDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}-${month}-${year}`;
}

/** "Kerkstraat 1 bus 3, 2275 Lille" */
export function formatAddress(address: Address, locale: Locale = 'nl'): string {
  const box = address.box ? ` ${t('doc_boxWord', [], locale)} ${address.box}` : '';
  return `${address.street} ${address.houseNumber}${box}, ${address.postcode} ${address.municipality}`;
}

/** `aanmelding.txt`: what the OCMW worker reads first. CRLF, so it opens cleanly in Windows Notepad. */
export function renderText(document: ReferralDocument, locale: Locale = 'nl'): string {
  const { client, consent, referrer, recipient } = document;
  const line = (label: string, value: string) => `  ${label}: ${value}`;
  const notGiven = t('doc_notGiven', [], locale);
  const lines = [
    t('doc_title', [], locale).toUpperCase(),
    '',
    line(t('doc_reference', [], locale), document.reference),
    line(t('doc_date', [], locale), `${dutchDate(document.createdAt)} ${document.createdAt.slice(11, 16)}`),
    ...(document.corrects ? ['', t('doc_correction', [document.corrects], locale)] : []),
    '',
    t('doc_referrer', [], locale),
    ...(referrer
      ? [
          line(t('label_name', [], locale), referrer.name || notGiven),
          line(t('label_team', [], locale), referrer.team || notGiven),
          line(t('label_phone', [], locale), referrer.phone || notGiven),
          // A worker without a work address: the line is left out rather than saying "niet opgegeven".
          ...(referrer.email ? [line(t('label_email', [], locale), referrer.email)] : []),
        ]
      : [`  Kind en Gezin (${notGiven})`]),
    ...(recipient ? ['', t('doc_recipient', [], locale), `  ${recipient.name} <${recipient.mailbox}>`] : []),
    '',
    t('doc_consentHeading', [], locale),
    `  ${t('doc_consentText', [t(`doc_manner_${consent.manner}`, [], locale), dutchDate(consent.date)], locale)}`,
    '',
    t('doc_clientHeading', [], locale),
    line(t('label_firstName', [], locale), client.firstName),
    line(t('label_lastName', [], locale), client.lastName),
    line(t('label_address', [], locale), client.address ? formatAddress(client.address, locale) : notGiven),
    line(t('label_phone', [], locale), client.phone ?? notGiven),
    line(t('label_email', [], locale), client.email ?? notGiven),
    '',
    t('doc_legalHeading', [], locale),
    `  ${t('doc_legalText', [], locale)}`,
    '',
    t('doc_erasureHeading', [], locale),
    `  ${t('doc_erasureText', [], locale)}`,
    '',
    t('doc_filesNote', [], locale),
  ];
  return lines.join(eol) + eol;
}
