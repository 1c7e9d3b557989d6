import { t } from '../../lib/i18n';

type Props = {
  /** The worker asked to erase: the confirmation shows instead of the button. */
  confirming: boolean;
  className: string;
  disabled?: boolean;
  onAsk: () => void;
  onDiscard: () => void;
  onBack: () => void;
};

/** The button that erases the referral, and the question asked once more before it does: erase, or go back. */
export function DiscardControl({ confirming, className, disabled = false, onAsk, onDiscard, onBack }: Props) {
  if (!confirming) {
    return (
      <button type="button" className={className} onClick={onAsk} disabled={disabled}>
        {t('panel_discard')}
      </button>
    );
  }
  return (
    <p role="alert" className="discard-confirm">
      {t('panel_discardConfirm')}{' '}
      <button type="button" className="danger" onClick={onDiscard}>
        {t('panel_discard')}
      </button>{' '}
      <button type="button" className="secondary" onClick={onBack}>
        {t('panel_back')}
      </button>
    </p>
  );
}
