import { useEffect, useMemo } from 'react';
import { t, type MessageKey } from '../../lib/i18n';
import { unsentEml } from '../../lib/panel/eml';
import { CopyButton } from '../common/CopyButton';

export type FallbackData = { to: string; subject: string; body: string; fileName: string; bytes: Uint8Array };

type Props = {
  data: FallbackData;
  /** The password to pass on (null for a pre-shared key): the worker still needs it when finishing by hand. */
  password: string | null;
  failedStep: string;
  /** The steps the webmail did: only what is left is offered. */
  completed: readonly string[];
  onRetry: () => void;
};

/**
 * When the draft could not be made exactly (SPEC F1.8): names the step that failed and only that one, keeps what
 * succeeded, offers what is left (the file, the texts to copy), shows the password, and says that the panel keeps
 * watching the compose form until the draft is right.
 */
export function FallbackStep({ data, password, failedStep, completed, onRetry }: Props) {
  // The zip is ciphertext; its object URL lives in the extension page and is revoked when this step goes.
  const url = useMemo(() => URL.createObjectURL(new Blob([data.bytes.slice().buffer], { type: 'application/zip' })), [data.bytes]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  // The same draft as an unsent message that classic Outlook on Windows opens ready to send, the zip attached.
  const eml = useMemo(() => URL.createObjectURL(new Blob([unsentEml(data)], { type: 'message/rfc822' })), [data]);
  useEffect(() => () => URL.revokeObjectURL(eml), [eml]);
  const left = (step: string) => !completed.includes(step);
  return (
    <>
      <p role="alert">{t('fallback_intro', [t(`step_${failedStep}` as MessageKey)])}</p>
      {failedStep === 'attach' ? <p>{t('fallback_hint_attach')}</p> : null}
      {failedStep === 'openCompose' ? <p>{t('fallback_hint_openCompose')}</p> : null}
      <ol className="fallback">
        {left('attach') ? (
          <li>
            <a className="button" href={url} download={data.fileName}>
              {t('fallback_download')}
            </a>{' '}
            <span className="mailbox">{data.fileName}</span>
          </li>
        ) : null}
        {left('recipient') ? (
          <li>
            <span className="mailbox">{data.to}</span> <CopyButton text={data.to} label={t('fallback_copyTo')} />
          </li>
        ) : null}
        {left('subject') ? (
          <li>
            {data.subject} <CopyButton text={data.subject} label={t('fallback_copySubject')} />
          </li>
        ) : null}
        {left('body') ? (
          <li>
            {t('fallback_copyBody')} <CopyButton text={data.body} label={t('fallback_copyBody')} />
          </li>
        ) : null}
      </ol>
      {password ? (
        <>
          <p>
            {t('done_password')}: <output className="password">{password}</output> <CopyButton text={password} label={t('done_password')} sensitive />
          </p>
          <p>{t('password_advice')}</p>
        </>
      ) : (
        <p>{t('password_presharedAdvice')}</p>
      )}
      <p className="muted" role="status">
        {t('fallback_watching')}
      </p>
      <p className="muted">
        {t('fallback_emlIntro')}{' '}
        <a href={eml} download={data.fileName.replace(/\.zip$/u, '-concept.eml')}>
          {t('fallback_eml')}
        </a>
      </p>
      <p>
        <button type="button" className="secondary" onClick={onRetry}>
          {t('fallback_retry')}
        </button>
      </p>
    </>
  );
}
