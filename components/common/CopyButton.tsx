import { useState } from 'react';
import { t } from '../../lib/i18n';

type Props = { text: string; label: string };

/** Copies `text` to the clipboard and says so in a live region, for screen readers too. */
export function CopyButton({ text, label }: Props) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  }
  return (
    <span className="copy">
      <button type="button" onClick={copy} aria-label={t('ui_copyLabel', [label])}>
        {t('ui_copy')}
      </button>
      <span role="status" className={status === 'failed' ? 'copy-status error' : 'copy-status'}>
        {status === 'copied' ? t('ui_copied') : status === 'failed' ? t('ui_copyFailed') : ''}
      </span>
    </span>
  );
}
