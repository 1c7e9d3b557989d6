import { useEffect, useId, useState, type FormEvent } from 'react';
import { displayDate } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { normalizeReference } from '../../lib/referral/reference';
import type { RegisterEntry } from '../../lib/register/schema';
import { loadRegister } from '../../lib/register/storage';
import { useDirectory } from '../common/useDirectory';
import type { WithdrawTarget } from './WithdrawView';

type Props = { onWithdraw: (target: WithdrawTarget) => void; onCorrect: (entry: RegisterEntry) => void };

function statusText(entry: RegisterEntry): string {
  if (entry.status === 'ingetrokken') return t('register_status_ingetrokken', [displayDate(entry.withdrawnOn ?? '')]);
  if (entry.status === 'verbeterd') return t('register_status_verbeterd', [entry.correctedBy ?? '']);
  return t('register_status_concept');
}

/** The register (no client data): pick a referral to withdraw or correct, or type a reference made elsewhere. */
export function RegisterView({ onWithdraw, onCorrect }: Props) {
  const { directory } = useDirectory();
  const [entries, setEntries] = useState<RegisterEntry[] | null>(null);
  const [reference, setReference] = useState('');
  const [place, setPlace] = useState('');
  const [errors, setErrors] = useState<{ reference?: string; recipient?: string }>({});
  const ids = { reference: useId(), place: useId() };

  useEffect(() => {
    void loadRegister().then((register) => setEntries([...register].reverse()));
  }, []);

  const candidate = place.trim() === '' ? undefined : directory.search(place, 1)[0];

  function typed(event: FormEvent) {
    event.preventDefault();
    const normalized = normalizeReference(reference);
    const recipient = candidate?.recipient;
    const next = {
      ...(normalized ? {} : { reference: t('register_badReference') }),
      ...(recipient?.mailbox ? {} : { recipient: t('register_noRecipient') }),
    };
    setErrors(next);
    if (!normalized || !recipient?.mailbox) return;
    onWithdraw({ reference: normalized, createdOn: null, recipientName: recipient.name, mailbox: recipient.mailbox, inRegister: false });
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('register_heading')}</h1>
      <p className="muted">{t('register_intro')}</p>
      {entries?.length === 0 ? <p>{t('register_empty')}</p> : null}
      <ul className="register">
        {entries?.map((entry) => (
          <li key={entry.reference}>
            <span className="mailbox">{entry.reference}</span> · {displayDate(entry.createdOn)} · {entry.recipientName}
            <br />
            <span className="muted">{statusText(entry)}</span>
            {entry.status !== 'ingetrokken' ? (
              <span className="actions-inline">
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    onWithdraw({ reference: entry.reference, createdOn: entry.createdOn, recipientName: entry.recipientName, mailbox: entry.mailbox, inRegister: true })
                  }
                >
                  {t('register_withdraw', [entry.reference])}
                </button>
                {entry.status === 'concept' ? (
                  <button type="button" className="secondary" onClick={() => onCorrect(entry)}>
                    {t('register_correct', [entry.reference])}
                  </button>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <h2>{t('register_typeHeading')}</h2>
      <form onSubmit={typed} noValidate>
        <div className="field">
          <label htmlFor={ids.reference}>{t('register_typeReference')}</label>
          <input
            id={ids.reference}
            autoComplete="off"
            spellCheck={false}
            value={reference}
            onChange={(event) => setReference(event.target.value)}
            aria-invalid={errors.reference ? true : undefined}
            aria-describedby={errors.reference ? `${ids.reference}-error` : undefined}
          />
          {errors.reference ? <p id={`${ids.reference}-error`} className="field-error">{errors.reference}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={ids.place}>{t('register_typeRecipient')}</label>
          <input
            id={ids.place}
            autoComplete="off"
            value={place}
            onChange={(event) => setPlace(event.target.value)}
            aria-invalid={errors.recipient ? true : undefined}
            aria-describedby={`${ids.place}-recipient`}
          />
          <p id={`${ids.place}-recipient`} className={errors.recipient ? 'field-error' : 'muted'}>
            {errors.recipient ?? (candidate ? `${candidate.recipient.name} – ${candidate.recipient.mailbox ?? t('source_none')}` : '')}
          </p>
        </div>
        <div className="actions">
          <button type="submit">{t('register_typeContinue')}</button>
        </div>
      </form>
    </>
  );
}
