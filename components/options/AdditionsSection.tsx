import { useId, useState } from 'react';
import type { DirectoryIndex, UserAddition, UserAdditions } from '../../lib/directory';
import { displayDate, originLabel } from '../../lib/directory';
import { removeUserAddition } from '../../lib/directory/storage';
import { t } from '../../lib/i18n';
import { AddMailbox } from '../panel/AddMailbox';

type Props = { directory: DirectoryIndex; additions: UserAdditions };

/** True when the deployer's entry decides what this addition gives (its mailbox, dates or phone): it then does not count. */
function overruled(directory: DirectoryIndex, id: string, addition: UserAddition): boolean {
  const recipient = directory.recipient(id);
  if (!recipient) return false;
  if (recipient.mailboxOrigin === 'managed' && recipient.mailbox?.toLowerCase() === addition.mailbox.toLowerCase()) return true;
  const dated = addition.inForceSince !== null || addition.endedOn !== null;
  return (dated && recipient.datesOrigin === 'managed') || (addition.phone !== null && recipient.phoneSource?.origin === 'managed');
}

/**
 * The worker's own mailboxes: add or correct the mailbox of a recipient with its protocol dates, see and remove what
 * was added. A change reaches an open panel at once.
 */
export function AdditionsSection({ directory, additions }: Props) {
  const [query, setQuery] = useState('');
  const [recipientId, setRecipientId] = useState('');
  const [status, setStatus] = useState('');
  const [formKey, setFormKey] = useState(0);
  const ids = { query: useId(), recipient: useId() };

  const matches = query.trim() === '' ? [] : directory.search(query, 8);
  const recipients = [...new Map(matches.map((match) => [match.recipient.id, match])).values()];
  const chosen = directory.recipient(recipientId);

  function changeQuery(value: string) {
    setQuery(value);
    // The best match is preselected, so "Etterbeek" → CAW Brussel needs no extra step; the list allows another.
    const best = value.trim() === '' ? undefined : directory.search(value, 1)[0];
    setRecipientId(best?.recipient.id ?? '');
  }

  async function remove(id: string) {
    await removeUserAddition(id);
    setStatus(t('opt_removed', [directory.recipient(id)?.name ?? id]));
  }

  const entries = Object.entries(additions);
  return (
    <section aria-labelledby="additions-title">
      <h2 id="additions-title">{t('opt_additionsTitle')}</h2>
      <p>{t('additions_intro')}</p>
      <label htmlFor={ids.query}>{t('opt_pickMunicipality')}</label>
      <input id={ids.query} type="text" autoComplete="off" value={query} onChange={(event) => changeQuery(event.target.value)} />
      <label htmlFor={ids.recipient}>{t('opt_recipient')}</label>
      <select id={ids.recipient} value={recipientId} onChange={(event) => setRecipientId(event.target.value)}>
        <option value="">–</option>
        {recipients.map(({ recipient, municipality }) => (
          <option key={recipient.id} value={recipient.id}>
            {recipient.name} ({municipality.nameNl}){recipient.mailbox ? ` – ${recipient.mailbox}` : ''}
          </option>
        ))}
      </select>
      {chosen ? (
        <AddMailbox
          key={`${chosen.id}-${formKey}`}
          recipientId={chosen.id}
          recipientName={chosen.name}
          requireDate={false}
          onSaved={(message) => {
            setStatus(message);
            setFormKey((value) => value + 1);
          }}
        />
      ) : (
        <p className="muted">{t('opt_chooseRecipient')}</p>
      )}
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
                <span className="muted">
                  ({originLabel('user', { addedOn: addition.addedOn })};{' '}
                  {addition.inForceSince ? t('additions_inForce', [displayDate(addition.inForceSince)]) : t('additions_noDate')}
                  {addition.endedOn ? `, ${t('additions_until', [displayDate(addition.endedOn)])}` : ''}
                  {addition.phone ? `; ${t('additions_phone', [addition.phone])}` : ''}
                  {overruled(directory, id, addition) ? `; ${t('additions_overruled')}` : ''})
                </span>{' '}
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
