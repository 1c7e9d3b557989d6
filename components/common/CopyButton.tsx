import { useEffect, useRef, useState } from 'react';
import { copySecret, noteOtherCopy } from '../../lib/clipboard';
import { t } from '../../lib/i18n';

type Props = {
  text: string;
  label: string;
  /** A password: cleared from the clipboard after a minute (and by clearCopiedSecrets), if it is still there. */
  sensitive?: boolean;
  /** The button's own text where "Kopieer" alone would not say what is copied ("Kopieer een vraag"). */
  caption?: string;
};

/** Copies `text` to the clipboard and says so in a live region, for screen readers too. */
export function CopyButton({ text, label, sensitive = false, caption }: Props) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed' | 'cleared'>('idle');
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  async function copy() {
    try {
      if (sensitive) {
        await copySecret(text, () => {
          if (mounted.current) setStatus('cleared');
        });
      } else {
        noteOtherCopy();
        await navigator.clipboard.writeText(text);
      }
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  }
  const message = {
    idle: '',
    copied: sensitive ? t('ui_copiedSensitive') : t('ui_copied'),
    failed: t('ui_copyFailed'),
    cleared: t('ui_clipboardCleared'),
  }[status];
  return (
    <span className="copy">
      <button type="button" onClick={() => void copy()} aria-label={caption ?? t('ui_copyLabel', [label])}>
        {caption ?? t('ui_copy')}
      </button>
      <span role="status" className={status === 'failed' ? 'copy-status error' : 'copy-status'}>
        {message}
      </span>
    </span>
  );
}
