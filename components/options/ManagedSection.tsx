import { displayDate, problemLine, type DirectoryIndex } from '../../lib/directory';
import type { LoadedLayers } from '../../lib/directory/storage';
import { t } from '../../lib/i18n';
import { plural } from '../../lib/i18n/plural';

/**
 * What Opgroeien IT set by enterprise policy, recipient by recipient with its source text, and each entry the
 * extension ignored with the reason (recipient, field, why). A changed policy shows here without a reload.
 */
export function ManagedSection({ directory, layers }: { directory: DirectoryIndex; layers: LoadedLayers | null }) {
  const recipients = Object.entries(layers?.managed?.recipients ?? {});
  const problems = layers?.managedProblems ?? [];
  if (recipients.length === 0 && problems.length === 0) return null;
  return (
    <section aria-labelledby="managed-title">
      <h2 id="managed-title">{t('managed_title')}</h2>
      {layers?.managedInvalid ? <p className="decision refuse">{t('opt_managedInvalid')}</p> : null}
      {recipients.length > 0 ? <p>{plural('managed_intro', recipients.length)}</p> : null}
      <ul className="additions">
        {recipients.map(([id, entry]) => {
          const name = directory.recipient(id)?.name ?? id;
          const dates = entry.protocol?.inForceSince
            ? t('managed_dates', [displayDate(entry.protocol.inForceSince), entry.protocol.endedOn ? displayDate(entry.protocol.endedOn) : '–'])
            : t('status_noDate');
          return (
            <li key={id}>
              <strong>{name}</strong>: {entry.mailbox ? <span className="mailbox">{entry.mailbox}</span> : t('managed_noMailbox')} – {dates}
              {entry.phone ? ` – ${t('add_phoneShown', [entry.phone])}` : ''}
              {entry.preSharedKey ? ` – ${t('managed_keySet')}` : ''}
              <br />
              <span className="muted">{entry.source ? t('managed_source', [entry.source]) : t('managed_noSource')}</span>
            </li>
          );
        })}
      </ul>
      {problems.length > 0 ? (
        <div role="alert">
          <p className="decision refuse">{t('managed_problems', [problems.length])}</p>
          <ul className="policy-problems">
            {problems.map((problem, index) => (
              <li key={`${problem.recipient}-${problem.field}-${index}`}>{problemLine(problem, directory.recipient(problem.recipient)?.name)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
