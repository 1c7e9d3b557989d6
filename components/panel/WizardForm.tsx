import { useEffect, useRef, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { DirectoryIndex } from '../../lib/directory';
import { t } from '../../lib/i18n';
import type { FormState } from '../../lib/session/form-schema';
import { ClientStep } from './ClientStep';
import { ConsentStep } from './ConsentStep';
import { PasswordChoice, type usePasswordChoice } from './PasswordChoice';
import { RecipientSummary } from './RecipientSummary';
import { withPlace, type RecipientChoice } from './recipient';
import type { useStepErrors } from './useStepErrors';

type Props = {
  formRef: RefObject<HTMLFormElement | null>;
  form: FormState;
  onForm: (form: FormState) => void;
  directory: DirectoryIndex;
  recipient: RecipientChoice;
  errors: ReturnType<typeof useStepErrors>;
  password: ReturnType<typeof usePasswordChoice>;
  /** The draft is being made: the buttons wait. */
  making: boolean;
  /** "Maak concept" found no webmail of ours in the tab: said above the bar, with the way on without one. */
  noWebmail: boolean;
  /** The erase button, or its confirmation (which then stands alone in the bar). */
  discard: ReactNode;
  confirmingDiscard: boolean;
  onSubmit: () => void;
  onBack: () => void;
  onWithoutWebmail: () => void;
};

/** The wizard's two steps as one form: consent, then the client with the recipient and the password choice. */
export function WizardForm(props: Props) {
  const { formRef, form, onForm, directory, recipient, errors, password, making, noWebmail, discard, confirmingDiscard } = props;
  const { onSubmit, onBack, onWithoutWebmail } = props;
  const { match, decision } = recipient;
  const noWebmailRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!noWebmail) return;
    noWebmailRef.current?.focus();
    noWebmailRef.current?.scrollIntoView({ block: 'nearest' });
  }, [noWebmail]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form className="wizard" ref={formRef} noValidate onSubmit={submit}>
      {errors.submitted(form.step) && errors.hasErrors(form.step) ? <p className="field-error" role="alert">{t('panel_fixErrors')}</p> : null}
      {form.step === 'consent' ? (
        <ConsentStep consent={form.consent} errors={errors.shown('consent')} onChange={(consent) => onForm({ ...form, consent })} />
      ) : null}
      {form.step === 'client' ? (
        <>
          <ClientStep
            client={form.client}
            errors={errors.shown('client')}
            localities={match?.localities ?? []}
            onChange={(client) => onForm({ ...form, client: withPlace(directory, form.client, client) })}
            onLeave={errors.leave}
          />
          <RecipientSummary
            lookup={recipient.lookup}
            recipient={match?.recipient ?? null}
            decision={decision}
            blocking={errors.submitted('client') && match !== undefined && recipient.blocks}
          />
        </>
      ) : null}
      {form.step === 'client' && match && decision?.verdict === 'allow' ? (
        <PasswordChoice
          mode={form.passwordMode}
          recipient={match.recipient}
          choice={password}
          onMode={(passwordMode) => onForm({ ...form, passwordMode })}
        />
      ) : null}
      {/* The answer to "Maak concept" without a webmail sits above the bar, in view and with the focus (issue 21.4). */}
      {noWebmail && form.step === 'client' && !making ? (
        <p className="field-error" role="alert" tabIndex={-1} ref={noWebmailRef}>
          {t('panel_noWebmailDraft')}{' '}
          <button type="button" className="link" onClick={onWithoutWebmail}>
            {t('panel_withoutWebmail')}
          </button>
        </p>
      ) : null}
      {/* One bar at the bottom of the panel: erase on the left, the step's buttons on the right (issue 14.6). */}
      <div className="actions">
        {discard}
        {confirmingDiscard ? null : (
          <>
            {form.step !== 'consent' ? (
              <button type="button" className="secondary" onClick={onBack} disabled={making}>
                {t('panel_back')}
              </button>
            ) : null}
            <button type="submit" disabled={making}>
              {form.step === 'client' ? t('password_make') : t('panel_next')}
            </button>
          </>
        )}
      </div>
      {making ? <p role="status">{t('password_making')}</p> : null}
    </form>
  );
}
