import { t } from '../../lib/i18n';
import type { LeakFinding } from '../../lib/referral/leak-check';
import { CopyButton } from '../common/CopyButton';

type Props = {
  reference: string;
  fileName: string;
  /** Null for a pre-shared key: the OCMW has it already. */
  password: string | null;
  findings: LeakFinding[] | null;
  onRecheck: () => void;
  onFinish: () => void;
};

/** The draft is in the webmail: what to do now, and the leak check of its clear subject and body (SPEC F1.7). */
export function DoneStep({ reference, fileName, password, findings, onRecheck, onFinish }: Props) {
  return (
    <>
      <p>{t('done_intro', [fileName])}</p>
      <dl>
        <dt>{t('done_reference')}</dt>
        <dd className="mailbox">{reference}</dd>
        {password ? (
          <>
            <dt>{t('done_password')}</dt>
            <dd>
              <output className="password">{password}</output> <CopyButton text={password} label={t('done_password')} />
            </dd>
          </>
        ) : null}
      </dl>
      {password ? <p>{t('password_advice')}</p> : <p>{t('password_presharedAdvice')}</p>}
      <section aria-labelledby="leak-heading" aria-live="polite">
        <h2 id="leak-heading">{t('leak_heading')}</h2>
        {findings === null ? <p className="decision warn">{t('leak_unavailable')}</p> : null}
        {findings?.length === 0 ? <p className="ok">{t('leak_clean')}</p> : null}
        {findings?.map((finding) => (
          <p key={`${finding.kind}-${finding.where}`} className="decision refuse" role="alert">
            {t('leak_found', [t(`leak_kind_${finding.kind}`), t(`leak_where_${finding.where}`)])}
          </p>
        ))}
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
