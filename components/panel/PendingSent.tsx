import { useEffect, useState } from 'react';
import { displayDate } from '../../lib/directory';
import { t } from '../../lib/i18n';
import type { RegisterEntry } from '../../lib/register/schema';
import { loadRegister, recordNotSent, recordSent } from '../../lib/register/storage';
import { belgianToday } from '../../lib/time';

/** How many open drafts are asked about at once: the panel is for the next referral first. */
const asked = 3;

/**
 * At the panel's opening: the referrals the register still holds as a draft ("concept"), each with "verstuurd?"
 * (issue 21.3), so the yearly evaluation counts what was sent without a visit to the register.
 */
export function PendingSent() {
  const [pending, setPending] = useState<RegisterEntry[]>([]);
  useEffect(() => {
    let live = true;
    void loadRegister().then((register) => {
      if (live) setPending(register.filter((entry) => entry.status === 'concept').slice(-asked).reverse());
    });
    return () => {
      live = false;
    };
  }, []);
  const answer = async (entry: RegisterEntry, sent: boolean) => {
    await (sent ? recordSent : recordNotSent)(entry.reference, belgianToday());
    setPending((current) => current.filter((other) => other.reference !== entry.reference));
  };
  if (pending.length === 0) return null;
  return (
    <section className="pending-sent" aria-label={t('sent_question')}>
      {pending.map((entry) => (
        <p key={entry.reference} className="notice sent-question">
          <span>{t('sent_pending', [entry.reference, `${entry.recipientName}, ${displayDate(entry.createdOn)}`])}</span>
          <button type="button" onClick={() => void answer(entry, true)}>
            {t('sent_yes')}
          </button>
          <button type="button" className="secondary" onClick={() => void answer(entry, false)}>
            {t('sent_no')}
          </button>
        </p>
      ))}
    </section>
  );
}
