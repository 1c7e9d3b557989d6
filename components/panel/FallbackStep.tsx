import { useEffect, useMemo } from 'react';
import { t, type MessageKey } from '../../lib/i18n';
import { CopyButton } from '../common/CopyButton';

export type FallbackData = { failedStep: string; to: string; subject: string; body: string; fileName: string; bytes: Uint8Array };

/** When the webmail could not be filled: which step failed, and everything to finish the draft by hand (SPEC F1.8). */
export function FallbackStep({ data, onRetry }: { data: FallbackData; onRetry: () => void }) {
  // The zip is ciphertext; its object URL lives in the extension page and is revoked when this step goes.
  const url = useMemo(() => URL.createObjectURL(new Blob([data.bytes.slice().buffer], { type: 'application/zip' })), [data.bytes]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const stepKey = `step_${data.failedStep}` as MessageKey;
  return (
    <>
      <p role="alert">{t('fallback_intro', [t(stepKey)])}</p>
      <ol className="fallback">
        <li>
          <a className="button" href={url} download={data.fileName}>
            {t('fallback_download')}
          </a>{' '}
          <span className="mailbox">{data.fileName}</span>
        </li>
        <li>
          <span className="mailbox">{data.to}</span> <CopyButton text={data.to} label={t('fallback_copyTo')} />
        </li>
        <li>
          {data.subject} <CopyButton text={data.subject} label={t('fallback_copySubject')} />
        </li>
        <li>
          {t('fallback_copyBody')} <CopyButton text={data.body} label={t('fallback_copyBody')} />
        </li>
      </ol>
      <p className="muted">{t('fallback_steps')}</p>
      <p>
        <button type="button" className="secondary" onClick={onRetry}>
          {t('fallback_retry')}
        </button>
      </p>
    </>
  );
}
