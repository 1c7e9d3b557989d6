import { t } from '../../lib/i18n';
import type { ReadBack } from '../../lib/messages';
import type { DraftProblem } from '../../lib/panel/verify';

const listed = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : t('check_none'));

/** What the webmail's compose form holds now, as read back: recipients and attachments (the texts are checked below). */
export function ReadBackList({ draft }: { draft: ReadBack }) {
  return (
    <dl className="readback">
      <dt>{t('check_to')}</dt>
      <dd className="mailbox">{listed(draft.to)}</dd>
      <dt>{t('check_cc')}</dt>
      <dd className="mailbox">{listed([...draft.cc, ...draft.bcc])}</dd>
      <dt>{t('check_attachments')}</dt>
      <dd className="mailbox">{listed(draft.attachments)}</dd>
    </dl>
  );
}

/** What the panel can put back by filling the compose again ("Vul opnieuw in"); the other problems the worker fixes. */
const refillable = new Set<DraftProblem['kind']>(['to', 'subject', 'body', 'attachment']);

/** One problem in words, with what to do about it. */
function problemText(problem: DraftProblem, fileName: string | null): string {
  switch (problem.kind) {
    case 'leak':
      return t('leak_found', [t(`leak_kind_${problem.finding.kind}`), t(`leak_where_${problem.finding.where}`)]);
    case 'attachment':
      return fileName ? t('problem_attachment', [fileName, listed(problem.found)]) : t('problem_noAttachment', [listed(problem.found)]);
    case 'from':
      return t('problem_from', [problem.found || t('check_none'), problem.expected]);
    case 'subject':
      return t('problem_subject', [problem.found || t('check_none'), problem.expected]);
    case 'body':
      return t('problem_body');
    default:
      return t(`problem_${problem.kind}`, [listed(problem.found)]);
  }
}

/**
 * Each thing that is wrong, per field, with what to do about it. With `onRefill` (the done step), "Vul opnieuw in" is
 * offered while To, subject, text or attachment is wrong: the compose is filled again with what was made.
 */
export function ProblemList({ problems, fileName, onRefill }: { problems: readonly DraftProblem[]; fileName: string | null; onRefill?: () => void }) {
  return (
    <>
      {problems.map((problem, index) => (
        <p key={`${problem.kind}-${index}`} className="decision refuse" role="alert">
          {problemText(problem, fileName)}
        </p>
      ))}
      {onRefill && problems.some((problem) => refillable.has(problem.kind)) ? (
        <button type="button" onClick={onRefill}>
          {t('check_refill')}
        </button>
      ) : null}
    </>
  );
}
