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

/** Each thing that is wrong, per field, with what to do about it. */
export function ProblemList({ problems, fileName }: { problems: readonly DraftProblem[]; fileName: string | null }) {
  return (
    <>
      {problems.map((problem, index) => (
        <p key={`${problem.kind}-${index}`} className="decision refuse" role="alert">
          {problem.kind === 'leak'
            ? t('leak_found', [t(`leak_kind_${problem.finding.kind}`), t(`leak_where_${problem.finding.where}`)])
            : problem.kind === 'attachment'
              ? fileName
                ? t('problem_attachment', [fileName, listed(problem.found)])
                : t('problem_noAttachment', [listed(problem.found)])
              : t(`problem_${problem.kind}`, [listed(problem.found)])}
        </p>
      ))}
    </>
  );
}
