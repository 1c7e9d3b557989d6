import { useEffect, useId, useState, type FormEvent } from 'react';
import { displayDate } from '../../lib/directory';
import { t } from '../../lib/i18n';
import { actionsFor, readReference, type RegisterAction } from '../../lib/register/register';
import type { RegisterEntry } from '../../lib/register/schema';
import { loadRegister, recordNotSent, recordRemoval, recordSent } from '../../lib/register/storage';
import { belgianToday } from '../../lib/time';
import { useDirectory } from '../common/useDirectory';
import type { WithdrawTarget } from './WithdrawView';
import { Field } from './Field';

type Props = { onWithdraw: (target: WithdrawTarget) => void; onCorrect: (entry: RegisterEntry) => void };

/** What the search field found: an entry here, a valid reference made elsewhere, or why the text is no reference. */
type Search = { kind: 'found'; reference: string } | { kind: 'elsewhere'; reference: string } | { kind: 'invalid'; message: string };

function statusText(entry: RegisterEntry): string {
  if (entry.status === 'concept') return t('register_status_concept');
  const parts: string[] = [];
  if (entry.sentOn) parts.push(t('register_detail_verzonden', [displayDate(entry.sentOn)]));
  if (entry.status === 'niet_verzonden') parts.push(t('register_detail_niet_verzonden', [displayDate(entry.notSentOn ?? '')]));
  if (entry.correctedBy) parts.push(t('register_detail_verbeterd', [entry.correctedBy]));
  if (entry.status === 'ingetrokken') parts.push(t('register_detail_ingetrokken', [displayDate(entry.withdrawnOn ?? '')]));
  return parts.length > 0 ? parts.join(', ') : t(`register_status_${entry.status}`);
}

/** The typed text as 8 characters without prefix and separators, to know when a whole code was typed or pasted. */
const typedLength = (text: string) => text.toUpperCase().replace(/[\s-]/gu, '').replace(/^KG/u, '').length;

/**
 * An action's label as the eye reads it, "Markeer als verzonden", while a screen reader gets the whole "Markeer als
 * verzonden: KG-…" (the button's aria-label, and hidden text for a text search): the reference is in the row already,
 * five times more only made the list long.
 */
function ActionLabel({ text, reference }: { text: string; reference: string }) {
  const at = text.indexOf(reference);
  if (at < 0) return <>{text}</>;
  const before = text.slice(0, at);
  const visible = before.replace(/[\s:]+$/u, '');
  return (
    <>
      {visible}
      <span className="sr-only">
        {before.slice(visible.length)}
        {reference}
      </span>
      {text.slice(at + reference.length)}
    </>
  );
}

/**
 * The register (no client data): find a referral by its reference (typed or pasted; the check character catches a
 * typo), mark it sent or not sent, withdraw, correct, or remove one that never went out. A reference made on
 * another PC can still be withdrawn by choosing its recipient.
 */
export function RegisterView({ onWithdraw, onCorrect }: Props) {
  const { directory } = useDirectory();
  const [entries, setEntries] = useState<RegisterEntry[] | null>(null);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search | null>(null);
  const [place, setPlace] = useState('');
  const [recipientError, setRecipientError] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const ids = { place: useId() };

  const show = (register: readonly RegisterEntry[]) => setEntries([...register].reverse());
  useEffect(() => {
    void loadRegister().then(show);
  }, []);

  function lookUp(text: string, register: readonly RegisterEntry[]): Search {
    const typed = readReference(text);
    if (typed.ok) {
      return register.some((entry) => entry.reference === typed.reference)
        ? { kind: 'found', reference: typed.reference }
        : { kind: 'elsewhere', reference: typed.reference };
    }
    if (typed.problem === 'character') return { kind: 'invalid', message: t('register_badChar', [typed.character]) };
    return { kind: 'invalid', message: t(typed.problem === 'check' ? 'register_typo' : 'register_badReference') };
  }

  function typed(text: string) {
    setQuery(text);
    setRecipientError('');
    // A pasted or fully typed code is looked up at once; a code still being typed is not yet wrong.
    setSearch(typedLength(text) >= 8 ? lookUp(text, entries ?? []) : null);
  }

  function submitted(event: FormEvent) {
    event.preventDefault();
    setSearch(lookUp(query, entries ?? []));
  }

  function showAll() {
    setQuery('');
    setSearch(null);
  }

  const candidate = place.trim() === '' ? undefined : directory.search(place, 1)[0];

  function continueElsewhere(event: FormEvent) {
    event.preventDefault();
    if (search?.kind !== 'elsewhere') return;
    const recipient = candidate?.recipient;
    if (!recipient?.mailbox) {
      setRecipientError(t('register_noRecipient'));
      return;
    }
    onWithdraw({ reference: search.reference, createdOn: null, recipientName: recipient.name, mailbox: recipient.mailbox, inRegister: false });
  }

  async function change(reference: string, record: () => Promise<RegisterEntry[]>, said: (after: RegisterEntry[]) => string) {
    setConfirming(null);
    try {
      const after = await record();
      show(after);
      setAnnouncement(said(after));
      if (!after.some((entry) => entry.reference === reference) && search?.kind === 'found' && search.reference === reference) showAll();
    } catch {
      // Changed meanwhile in another page of the extension: show what the register holds now.
      show(await loadRegister());
    }
  }

  const statusOf = (after: RegisterEntry[], reference: string) => {
    const entry = after.find((item) => item.reference === reference);
    return t('register_saved', [reference, entry ? statusText(entry) : '']);
  };

  function act(action: RegisterAction, entry: RegisterEntry) {
    const { reference } = entry;
    if (action === 'markSent') void change(reference, () => recordSent(reference, belgianToday()), (after) => statusOf(after, reference));
    else if (action === 'markNotSent') void change(reference, () => recordNotSent(reference, belgianToday()), (after) => statusOf(after, reference));
    else if (action === 'withdraw') onWithdraw({ reference, createdOn: entry.createdOn, recipientName: entry.recipientName, mailbox: entry.mailbox, inRegister: true });
    else if (action === 'correct') onCorrect(entry);
    else setConfirming(reference);
  }

  const label: Record<RegisterAction, Parameters<typeof t>[0]> = {
    markSent: 'register_markSent', markNotSent: 'register_markNotSent', withdraw: 'register_withdraw', correct: 'register_correct', remove: 'register_remove',
  };
  const shown = search?.kind === 'found' ? (entries ?? []).filter((entry) => entry.reference === search.reference) : entries;
  const invalid = search?.kind === 'invalid' ? search.message : '';

  return (
    <>
      <h1 tabIndex={-1}>{t('register_heading')}</h1>
      <p className="muted">{t('register_intro')}</p>
      <h2>{t('register_findHeading')}</h2>
      <form role="search" onSubmit={submitted} noValidate>
        <Field label={t('register_typeReference')} autoComplete="off" spellCheck={false} value={query} error={invalid} onValue={typed} />
        <div className="actions">
          <button type="submit">{t('register_find')}</button>
          {search ? (
            <button type="button" className="secondary" onClick={showAll}>
              {t('register_showAll')}
            </button>
          ) : null}
        </div>
      </form>
      <p role="status">{search?.kind === 'found' ? t('register_found', [search.reference]) : announcement}</p>
      {search?.kind === 'elsewhere' ? (
        <form onSubmit={continueElsewhere} noValidate>
          <p>{t('register_notFound', [search.reference])}</p>
          <div className="field">
            <label htmlFor={ids.place}>{t('register_typeRecipient')}</label>
            <input
              id={ids.place}
              autoComplete="off"
              value={place}
              onChange={(event) => setPlace(event.target.value)}
              aria-invalid={recipientError ? true : undefined}
              aria-describedby={`${ids.place}-recipient`}
            />
            <p id={`${ids.place}-recipient`} className={recipientError ? 'field-error' : 'muted'}>
              {recipientError || (candidate ? `${candidate.recipient.name} – ${candidate.recipient.mailbox ?? t('source_none')}` : '')}
            </p>
          </div>
          <div className="actions">
            <button type="submit">{t('register_typeContinue')}</button>
          </div>
        </form>
      ) : null}
      {entries?.length === 0 ? <p>{t('register_empty')}</p> : null}
      <ul className="register">
        {shown?.map((entry) => (
          <li key={entry.reference}>
            <span className="mailbox">{entry.reference}</span> · {displayDate(entry.createdOn)} · {entry.recipientName}
            <br />
            <span className="muted">{statusText(entry)}</span>
            {entry.closedWithWarning ? (
              <>
                <br />
                <span className="muted">{t('register_closedWithWarning')}</span>
              </>
            ) : null}
            {confirming === entry.reference ? (
              <div role="group" aria-label={t('register_remove', [entry.reference])}>
                <p>{t('register_removeConfirm', [entry.reference])}</p>
                <span className="actions-inline">
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void change(entry.reference, () => recordRemoval(entry.reference), () => t('register_removed', [entry.reference]))}
                  >
                    {t('register_removeYes', [entry.reference])}
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                    {t('register_removeNo')}
                  </button>
                </span>
              </div>
            ) : actionsFor(entry).length > 0 ? (
              <span className="actions-inline">
                {actionsFor(entry).map((action) => (
                  <button key={action} type="button" className="secondary" aria-label={t(label[action], [entry.reference])} onClick={() => act(action, entry)}>
                    <ActionLabel text={t(label[action], [entry.reference])} reference={entry.reference} />
                  </button>
                ))}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
