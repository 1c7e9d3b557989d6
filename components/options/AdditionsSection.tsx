import { useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import type { DirectoryIndex, UserAdditions } from '../../lib/directory';
import { displayDate } from '../../lib/directory';
import { removeUserAddition, saveUserAddition } from '../../lib/directory/storage';
import { t } from '../../lib/i18n';

type Props = { directory: DirectoryIndex; additions: UserAdditions; onChange: () => void };

const mailboxSchema = z.email();

/** The user's own mailboxes: add or correct the address of a recipient, see and remove what was added. */
export function AdditionsSection({ directory, additions, onChange }: Props) {
  const [query, setQuery] = useState('');
  const [recipientId, setRecipientId] = useState('');
  const [mailbox, setMailbox] = useState('');
  const [errors, setErrors] = useState<{ recipient?: string; mailbox?: string }>({});
  const [status, setStatus] = useState('');
  const ids = { query: useId(), recipient: useId(), mailbox: useId(), recipientError: useId(), mailboxError: useId() };

  const matches = query.trim() === '' ? [] : directory.search(query, 8);
  const recipients = [...new Map(matches.map((match) => [match.recipient.id, match])).values()];

  function changeQuery(value: string) {
    setQuery(value);
    // The best match is preselected, so "Etterbeek" → CAW Brussel needs no extra step; the list allows another.
    const best = value.trim() === '' ? undefined : directory.search(value, 1)[0];
    setRecipientId(best?.recipient.id ?? '');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    const recipient = directory.recipient(recipientId);
    if (!recipient) next.recipient = t('opt_chooseRecipient');
    if (!mailboxSchema.safeParse(mailbox.trim()).success) next.mailbox = t('err_email');
    setErrors(next);
    if (!recipient || next.mailbox) return;
    try {
      await saveUserAddition(recipient.id, mailbox);
      setStatus(t('opt_saved', [recipient.name, mailbox.trim()]));
      setMailbox('');
      onChange();
    } catch {
      setStatus(t('opt_saveFailed'));
    }
  }

  async function remove(id: string) {
    await removeUserAddition(id);
    setStatus(t('opt_removed', [directory.recipient(id)?.name ?? id]));
    onChange();
  }

  const entries = Object.entries(additions);
  return (
    <section aria-labelledby="additions-title">
      <h2 id="additions-title">{t('opt_additionsTitle')}</h2>
      <p>{t('opt_additionsIntro')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor={ids.query}>{t('opt_pickMunicipality')}</label>
        <input id={ids.query} type="text" autoComplete="off" value={query} onChange={(event) => changeQuery(event.target.value)} />
        <label htmlFor={ids.recipient}>{t('opt_recipient')}</label>
        <select
          id={ids.recipient}
          value={recipientId}
          onChange={(event) => setRecipientId(event.target.value)}
          aria-invalid={errors.recipient ? true : undefined}
          aria-describedby={errors.recipient ? ids.recipientError : undefined}
        >
          <option value="">–</option>
          {recipients.map(({ recipient, municipality }) => (
            <option key={recipient.id} value={recipient.id}>
              {recipient.name} ({municipality.nameNl}){recipient.mailbox ? ` – ${recipient.mailbox}` : ''}
            </option>
          ))}
        </select>
        {errors.recipient ? <p id={ids.recipientError} className="field-error">{errors.recipient}</p> : null}
        <label htmlFor={ids.mailbox}>{t('opt_mailboxLabel')}</label>
        <input
          id={ids.mailbox}
          type="email"
          autoComplete="off"
          value={mailbox}
          onChange={(event) => setMailbox(event.target.value)}
          aria-invalid={errors.mailbox ? true : undefined}
          aria-describedby={errors.mailbox ? ids.mailboxError : undefined}
        />
        {errors.mailbox ? <p id={ids.mailboxError} className="field-error">{errors.mailbox}</p> : null}
        <p>
          <button type="submit">{t('opt_save')}</button>
        </p>
      </form>
      <p role="status">{status}</p>
      {entries.length === 0 ? (
        <p className="muted">{t('opt_noAdditions')}</p>
      ) : (
        <ul className="additions">
          {entries.map(([id, addition]) => {
            const name = directory.recipient(id)?.name ?? id;
            return (
              <li key={id}>
                {name}: <span className="mailbox">{addition.mailbox}</span>{' '}
                <span className="muted">({t('source_user', [displayDate(addition.addedOn)])})</span>{' '}
                <button type="button" onClick={() => void remove(id)} aria-label={t('opt_remove', [name])}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
