import { t, type Locale, type MessageKey } from '../i18n';
import { belgianToday } from '../time';
import type { MailboxOption, Origin, PhoneSource, Recipient } from './layers';

/** The gate has two answers only: no warning, tick or acknowledgement lets a referral through (RULES §11). */
export type Verdict = 'allow' | 'refuse';
/** What the worker can do about a refusal, right where it is shown. */
export type GateAction = 'addMailbox' | 'addDate' | 'chooseMailbox' | null;
export type ReferralDecision = { verdict: Verdict; reason: MessageKey; message: string; action: GateAction };

/** "2025-11-01" → "01-11-2025", as dates are read in Flanders. */
export function displayDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}-${month}-${year}`;
}

/**
 * May a referral go to this recipient today (Belgian time)? Only with a mailbox (one the sources agree on, or the
 * one the worker chose) and a protocol whose in-force date is known and reached and which has not ended.
 * Everything else is refused with the reason and what to do.
 */
export function referralDecision(recipient: Recipient, today: string = belgianToday(), locale: Locale = 'nl'): ReferralDecision {
  const decide = (verdict: Verdict, reason: MessageKey, action: GateAction, ...substitutions: string[]): ReferralDecision => ({
    verdict,
    reason,
    action,
    message: t(reason, [recipient.name, ...substitutions], locale),
  });
  const { status, inForceSince, endedOn } = recipient.protocol;
  if (recipient.conflict) return decide('refuse', 'gate_chooseMailbox', 'chooseMailbox');
  if (!recipient.mailbox) return decide('refuse', 'gate_noMailbox', 'addMailbox');
  if (endedOn !== null && endedOn <= today) return decide('refuse', 'gate_ended', 'addDate', displayDate(endedOn));
  if (status === 'ended') return decide('refuse', 'gate_endedNoDate', 'addDate');
  if (inForceSince === null) return decide('refuse', status === 'signed' ? 'gate_signedNoDate' : 'gate_noDate', 'addDate');
  if (inForceSince > today) return decide('refuse', 'gate_notYet', 'addDate', displayDate(inForceSince));
  return decide('allow', 'decision_ok', null, displayDate(inForceSince));
}

/** One line on the protocol, for the lookup and the panel: "Protocol van kracht sinds 01-11-2025". */
export function protocolLine(recipient: Pick<Recipient, 'protocol'>, today: string = belgianToday(), locale: Locale = 'nl'): string {
  const { status, inForceSince, endedOn } = recipient.protocol;
  if (endedOn !== null && endedOn <= today) return t('status_ended', [displayDate(endedOn)], locale);
  if (status === 'ended') return t('status_ended', ['?'], locale);
  if (inForceSince !== null && inForceSince <= today) {
    return endedOn ? t('status_inForceUntil', [displayDate(inForceSince), displayDate(endedOn)], locale) : t('status_in_force', [displayDate(inForceSince)], locale);
  }
  if (inForceSince !== null) return t('status_signedFrom', [displayDate(inForceSince)], locale);
  if (status === 'signed') return t('status_signed', [], locale);
  return t('status_noDate', [], locale);
}

/** The origin in words: "protocol (gebundeld)", "beleid van je organisatie", "door jou toegevoegd op …", "van je team (bestand van …)". */
export function originLabel(
  origin: Origin,
  detail: { addedOn?: string | null; file?: string | null; author?: string | null },
  locale: Locale = 'nl',
): string {
  switch (origin) {
    case 'managed':
      return t('origin_managed', [], locale);
    case 'user':
      return detail.addedOn ? t('origin_userOn', [displayDate(detail.addedOn)], locale) : t('origin_user', [], locale);
    case 'team':
      return detail.author
        ? t('origin_teamBy', [detail.file ?? '?', detail.author], locale)
        : t('origin_team', [detail.file ?? '?'], locale);
    case 'bundled':
      return t('origin_bundled', [], locale);
  }
}

/** Where the mailbox and the protocol dates come from: "Mailadres: door jou toegevoegd op …; datum: protocol (gebundeld). Bron: …". */
export function sourceLine(recipient: Recipient, locale: Locale = 'nl'): string {
  if (!recipient.mailboxOrigin) return t('source_none', [], locale);
  const detail = { addedOn: recipient.userAddedOn, file: recipient.teamFile, author: recipient.teamAuthor };
  const mailbox = originLabel(recipient.mailboxOrigin, detail, locale);
  const dates = recipient.datesOrigin ? originLabel(recipient.datesOrigin, recipient.datesOrigin === recipient.mailboxOrigin ? detail : {}, locale) : t('origin_noDate', [], locale);
  const line = recipient.datesOrigin === recipient.mailboxOrigin ? t('source_both', [mailbox], locale) : t('source_split', [mailbox, dates], locale);
  return recipient.source ? `${line} ${t('source_text', [recipient.source], locale)}` : line;
}

/** Where the phone number for the password call comes from: "Nummer uit de instellingen van je organisatie"; '' without one. */
export function phoneSourceLine(recipient: { phone: string | null; phoneSource: PhoneSource | null }, locale: Locale = 'nl'): string {
  const source = recipient.phone ? recipient.phoneSource : null;
  if (!source) return '';
  switch (source.origin) {
    case 'managed':
      return t('phoneSource_managed', [], locale);
    case 'user':
      return source.addedOn ? t('phoneSource_userOn', [displayDate(source.addedOn)], locale) : t('phoneSource_user', [], locale);
    case 'team':
      return source.author ? t('phoneSource_teamBy', [source.file ?? '?', source.author], locale) : t('phoneSource_team', [source.file ?? '?'], locale);
    case 'bundled':
      return t('phoneSource_bundled', [], locale);
  }
}

/** One mailbox among disagreeing sources, with the lower sources that name the same mailbox. */
export type GroupedOption = MailboxOption & { alsoBy?: MailboxOption[] };

/** One option per mailbox (case-insensitive), highest source first: a mailbox two sources agree on is listed once. */
export function groupOptions(options: readonly MailboxOption[]): GroupedOption[] {
  const grouped: GroupedOption[] = [];
  for (const option of options) {
    const same = grouped.find((other) => other.mailbox.toLowerCase() === option.mailbox.toLowerCase());
    if (same) same.alsoBy = [...(same.alsoBy ?? []), option];
    else grouped.push({ ...option });
  }
  return grouped;
}

/** The origin of one option among disagreeing sources, and of every source that agrees with it: "… en protocol (gebundeld)". */
export function optionLabel(option: GroupedOption, locale: Locale = 'nl'): string {
  const labels = [option, ...(option.alsoBy ?? [])].map((source) => originLabel(source.origin, source, locale));
  const last = labels.pop() as string;
  return labels.length === 0 ? last : t('origin_and', [labels.join(', '), last], locale);
}
