import { useEffect, useMemo, useState } from 'react';
import type { Recipient } from '../../lib/directory';
import { t, type MessageKey } from '../../lib/i18n';
import { unsentEml } from '../../lib/panel/eml';
import { CopyButton } from '../common/CopyButton';
import { platform } from '../../lib/platform';
import { PasswordCall } from './PasswordCall';

export type FallbackData = { to: string; subject: string; body: string; fileName: string; bytes: Uint8Array };

type Props = {
  data: FallbackData;
  /** The password to pass on (null for a pre-shared key): the worker still needs it when finishing by hand. */
  password: string | null;
  recipient: Recipient | null;
  failedStep: string;
  /** The steps the webmail did: only what is left is offered. */
  completed: readonly string[];
  /** The worker chose to mail it herself (no webmail in this tab): not a failure, and said as such (issue 21.8). */
  chosen: boolean;
  onRetry: () => void;
};

/**
 * When the draft could not be made exactly (RULES F1.8), or when the worker chose to mail it herself: what is left,
 * in labelled rows (Aan, Onderwerp, Tekst, Bijlage) to copy or download, the same password call as the done step, and
 * (after a failure) that the panel keeps watching the compose form until the draft is right.
 */
export function FallbackStep({ data, password, recipient, failedStep, completed, chosen, onRetry }: Props) {
  const [passed, setPassed] = useState(false);
  // The zip is ciphertext; its object URL lives in the extension page and is revoked when this step goes.
  const url = useMemo(() => URL.createObjectURL(new Blob([data.bytes.slice().buffer], { type: 'application/zip' })), [data.bytes]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  // The same draft as an unsent message that classic Outlook on Windows opens ready to send, the zip attached.
  const eml = useMemo(() => URL.createObjectURL(new Blob([unsentEml(data)], { type: 'message/rfc822' })), [data]);
  useEffect(() => () => URL.revokeObjectURL(eml), [eml]);
  const left = (step: string) => chosen || !completed.includes(step);
  return (
    <>
      {chosen ? <p>{t('manual_intro')}</p> : <p role="alert">{t('fallback_intro', [t(`step_${failedStep}` as MessageKey)])}</p>}
      {/* Only where the panel scripts a webmail's page (the extension) can a webmail update be why (issue 22). */}
      {!chosen && platform().scriptsWebmailPages ? <p className="muted">{t('fallback_pageChanged')}</p> : null}
      {!chosen && failedStep === 'attach' ? <p>{t('fallback_hint_attach')}</p> : null}
      {!chosen && failedStep === 'openCompose' ? <p>{t('fallback_hint_openCompose')}</p> : null}
      <dl className="manual-rows">
        {left('recipient') ? (
          <>
            <dt>{t('check_to')}</dt>
            <dd>
              <span className="mailbox">{data.to}</span> <CopyButton text={data.to} label={t('fallback_copyTo')} />
            </dd>
          </>
        ) : null}
        {left('subject') ? (
          <>
            <dt>{t('manual_subject')}</dt>
            <dd>
              {data.subject} <CopyButton text={data.subject} label={t('fallback_copySubject')} />
            </dd>
          </>
        ) : null}
        {left('body') ? (
          <>
            <dt>{t('manual_body')}</dt>
            <dd>
              <CopyButton text={data.body} label={t('fallback_copyBody')} />
            </dd>
          </>
        ) : null}
        {left('attach') ? (
          <>
            <dt>{t('check_attachments')}</dt>
            <dd>
              <a className="button" href={url} download={data.fileName}>
                {t('fallback_download')}
              </a>{' '}
              <span className="mailbox">{data.fileName}</span>
            </dd>
          </>
        ) : null}
      </dl>
      {password ? <PasswordCall password={password} recipient={recipient} passed={passed} onPassed={setPassed} /> : <p>{t('password_presharedAdvice')}</p>}
      {chosen ? null : (
        <p className="muted" role="status">
          {t('fallback_watching')}
        </p>
      )}
      <p className="muted">
        {t('fallback_emlIntro')}{' '}
        <a href={eml} download={data.fileName.replace(/\.zip$/u, '-concept.eml')}>
          {t('fallback_eml')}
        </a>
      </p>
      <p>
        <button type="button" className="secondary" onClick={onRetry}>
          {t(chosen ? 'manual_back' : 'fallback_retry')}
        </button>
      </p>
    </>
  );
}
