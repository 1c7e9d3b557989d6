import { t, type Locale, type MessageKey } from '../i18n';
import { belgianToday } from '../time';
import type { Recipient } from './layers';

export type Verdict = 'allow' | 'warn' | 'refuse';
export type ReferralDecision = { verdict: Verdict; reason: MessageKey; message: string };

/** "2025-11-01" → "01-11-2025", as dates are read in Flanders. */
export function displayDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}-${month}-${year}`;
}

/**
 * May a referral go to this recipient today (Belgian time)? Refused without a mailbox, when the protocol has ended
 * or is not yet in force; a warning when the protocol is unknown or its start date is; allowed when it is in force.
 */
export function referralDecision(recipient: Recipient, today: string = belgianToday(), locale: Locale = 'nl'): ReferralDecision {
  const decide = (verdict: Verdict, reason: MessageKey, ...substitutions: string[]): ReferralDecision => ({
    verdict,
    reason,
    message: t(reason, [recipient.name, ...substitutions], locale),
  });
  const { status, inForceSince, endedOn } = recipient.protocol;
  if (!recipient.mailbox) return decide('refuse', 'decision_noMailbox');
  if (status === 'ended' || (endedOn !== null && endedOn <= today)) {
    return decide('refuse', 'decision_ended', endedOn ? displayDate(endedOn) : '?');
  }
  if (inForceSince !== null && inForceSince > today) return decide('refuse', 'decision_notYet', displayDate(inForceSince));
  if ((status === 'in_force' || status === 'signed') && inForceSince !== null) {
    return decide('allow', 'decision_ok', displayDate(inForceSince));
  }
  if (status === 'in_force') return decide('allow', 'decision_okNoDate');
  if (status === 'signed') return decide('warn', 'decision_signedNoDate');
  return decide('warn', 'decision_unknown');
}

/** One line on the protocol, for the lookup and the panel: "Protocol van kracht sinds 01-11-2025". */
export function protocolLine(recipient: Recipient, today: string = belgianToday(), locale: Locale = 'nl'): string {
  const { status, inForceSince, endedOn } = recipient.protocol;
  if (status === 'ended' || (endedOn !== null && endedOn <= today)) return t('status_ended', [endedOn ? displayDate(endedOn) : '?'], locale);
  if (inForceSince !== null && inForceSince <= today) return t('status_in_force', [displayDate(inForceSince)], locale);
  if (inForceSince !== null) return t('status_signedFrom', [displayDate(inForceSince)], locale);
  if (status === 'in_force') return t('status_inForce', [], locale);
  if (status === 'signed') return t('status_signed', [], locale);
  return t('status_unknown', [], locale);
}

/** Where the mailbox comes from, in words: "Bron: …", "Door u toegevoegd op …", "Ingesteld door je organisatie". */
export function sourceLine(recipient: Recipient, locale: Locale = 'nl'): string {
  switch (recipient.mailboxOrigin) {
    case 'managed':
      return recipient.source ? `${t('source_managed', [], locale)} (${recipient.source})` : t('source_managed', [], locale);
    case 'user':
      return t('source_user', [displayDate(recipient.userAddedOn ?? '')], locale);
    case 'bundled':
      return t('source_bundled', [recipient.source ?? ''], locale);
    default:
      return t('source_none', [], locale);
  }
}
