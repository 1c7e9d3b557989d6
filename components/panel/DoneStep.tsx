import { t } from '../../lib/i18n';
import type { ReadBack } from '../../lib/messages';
import type { DraftProblem } from '../../lib/panel/verify';
import { CopyButton } from '../common/CopyButton';
import { ProblemList, ReadBackList } from './DraftCheckView';

/** The draft as read back from the webmail and what is wrong with it; null when it could not be read. */
export type DraftCheck = { draft: ReadBack; problems: DraftProblem[] } | null;

type Props = {
  reference: string;
  fileName: string;
  /** Null for a pre-shared key: the OCMW has it already. */
  password: string | null;
  check: DraftCheck;
  onRecheck: () => void;
  onFinish: () => void;
};

/** The draft is in the webmail: what to do now, and the check of what the webmail holds (SPEC F1.7). */
export function DoneStep({ reference, fileName, password, check, onRecheck, onFinish }: Props) {
  return (
    <>
      {check !== null && check.problems.length === 0 ? <p>{t('done_intro', [fileName])}</p> : null}
      <dl>
        <dt>{t('done_reference')}</dt>
        <dd className="mailbox">{reference}</dd>
        {password ? (
          <>
            <dt>{t('done_password')}</dt>
            <dd>
              <output className="password">{password}</output> <CopyButton text={password} label={t('done_password')} sensitive />
            </dd>
          </>
        ) : null}
      </dl>
      {password ? <p>{t('password_advice')}</p> : <p>{t('password_presharedAdvice')}</p>}
      <section aria-labelledby="check-heading" aria-live="polite">
        <h2 id="check-heading">{t('leak_heading')}</h2>
        {check === null ? <p className="decision warn">{t('leak_unavailable')}</p> : null}
        {check ? <ReadBackList draft={check.draft} /> : null}
        {check?.problems.length === 0 ? <p className="ok">{t('check_clean')}</p> : null}
        {check ? <ProblemList problems={check.problems} fileName={fileName} /> : null}
        <button type="button" className="secondary" onClick={onRecheck}>
          {t('leak_recheck')}
        </button>
      </section>
      <p>
        <button type="button" onClick={onFinish}>
          {t('done_finish')}
        </button>
      </p>
    </>
  );
}
