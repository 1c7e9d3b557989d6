import { useEffect, useMemo, useRef, useState } from 'react';
import { clearCopiedSecrets } from '../../lib/clipboard';
import { t } from '../../lib/i18n';
import type { PanelClient } from '../../lib/panel/client';
import { parseReferral } from '../../lib/referral/parse';
import type { RegisterEntry } from '../../lib/register/schema';
import type { FormState } from '../../lib/session/form-schema';
import type { Settings } from '../../lib/settings';
import { useDirectory } from '../common/useDirectory';
import { useTeamChoice } from '../common/useTeamPolicy';
import { DiscardControl } from './DiscardControl';
import { DisplacedNotice } from './DisplacedNotice';
import { DoneStep } from './DoneStep';
import { FallbackStep } from './FallbackStep';
import { emptyForm, hasInput, referralInput } from './form';
import { usePasswordChoice } from './PasswordChoice';
import { ReferrerStart } from './ReferrerStart';
import { chooseRecipient } from './recipient';
import { useDraftSession } from './useDraftSession';
import { stepOfError, stepOrder, stepTitle, useStepErrors } from './useStepErrors';
import type { WebmailTab } from './useWebmailTab';
import { WizardForm } from './WizardForm';

type Props = {
  /** How the panel reaches the background and, through it, its webmail tab (never window.postMessage). */
  client: PanelClient;
  /** The webmail tab the draft goes to. */
  tab: WebmailTab;
  settings: Settings;
  /** The form saved in session storage when the panel was closed, if any. */
  initialForm: FormState | null;
  /** Called when the user is done (finish or discard): the panel then closes. */
  onFinished: () => void;
  /** A register entry being corrected (RULES F3): same recipient, a new reference that names this one. */
  correcting: RegisterEntry | null;
};

/** The referral wizard (RULES F1, F3): consent, then client and password, then the draft in the webmail or the fallback. */
export function ReferralWizard({ client, tab, settings, correcting, initialForm, onFinished }: Props) {
  const { directory } = useDirectory();
  // A team the organisation fixed in its settings signs the mail and counts in the register, whatever was saved before.
  const teamChoice = useTeamChoice(directory);
  const referrer = teamChoice.kind === 'fixed' ? { ...settings.referrer, team: teamChoice.team } : settings.referrer;
  const [form, setForm] = useState<FormState>(() => initialForm ?? emptyForm(correcting?.reference ?? null));
  const restored = initialForm !== null && hasInput(initialForm);
  const session = useDraftSession(client, tab);
  const { phase } = session;
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [noWebmail, setNoWebmail] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const finished = useRef(false);

  useEffect(() => {
    // Memory-only session storage, so closing the panel by accident loses nothing (RULES §2.7).
    if (phase.kind === 'form' && !finished.current) void client.saveForm(form);
  }, [form, phase.kind, client]);
  useEffect(() => headingRef.current?.focus(), [form.step, phase.kind]);

  const parsed = useMemo(() => parseReferral(referralInput(form)), [form]);
  const recipient = chooseRecipient(directory, form.client, correcting);
  const { match } = recipient;
  const errors = useStepErrors(parsed.ok ? {} : parsed.errors, recipient, formRef);
  const password = usePasswordChoice(form, setForm, match);

  function next() {
    errors.submit(form.step);
    if (errors.hasErrors(form.step) || (form.step === 'client' && (recipient.blocks || recipient.placeMissing))) {
      errors.focusFirst();
      return;
    }
    const nextStep = stepOrder[stepOrder.indexOf(form.step) + 1];
    if (nextStep) setForm({ ...form, step: nextStep });
  }

  function back() {
    const previous = stepOrder[stepOrder.indexOf(form.step) - 1];
    if (previous) setForm({ ...form, step: previous });
  }

  /** "Maak concept"; `withoutWebmail`: the worker asked for the file and texts only (no webmail in this tab). */
  async function makeDraft(withoutWebmail = false) {
    errors.submit('all');
    if (!parsed.ok || !match?.recipient.mailbox || recipient.blocks || recipient.placeMissing) {
      // The first step with a problem shows, with the focus on its first field with a message.
      setForm({ ...form, step: parsed.ok ? 'client' : stepOfError(Object.keys(parsed.errors)[0] ?? 'client') });
      errors.focusFirst();
      return;
    }
    // The draft needs a webmail of ours in the tab the panel works for: say so, keep everything typed.
    const tabId = tab.info ? tab.tabId : null;
    setNoWebmail(tabId === null && !withoutWebmail);
    if (tabId === null && !withoutWebmail) return;
    const chosen = await password.choose(match.recipient);
    if (chosen === null) return;
    await session.make({
      referral: parsed.referral, password: chosen, passwordKind: form.passwordMode, recipient: match.recipient, referrer,
      corrects: correcting?.reference ?? null, tabId, chosen: withoutWebmail && tabId === null,
    });
  }

  async function discard() {
    // No save may follow the wipe: the panel starts a blank referral (or its window closes) from here.
    finished.current = true;
    // A password copied in this referral leaves the clipboard with it (if it is still there).
    await clearCopiedSecrets();
    await client.clearForm();
    onFinished();
  }

  const making = phase.kind === 'making';
  const outcome = phase.kind === 'done' || phase.kind === 'fallback';
  const title =
    phase.kind === 'done'
      ? t(phase.check !== null && phase.check.problems.length === 0 ? 'done_heading' : 'done_headingCheck')
      : phase.kind === 'fallback' ? t(phase.chosen ? 'manual_heading' : 'fallback_heading') : t(stepTitle[form.step]);
  const discardControl = (className: string) => (
    <DiscardControl
      confirming={confirmDiscard}
      className={className}
      disabled={making}
      onAsk={() => setConfirmDiscard(true)}
      onDiscard={() => void discard()}
      onBack={() => setConfirmDiscard(false)}
    />
  );

  return (
    <>
      <div className="step-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {phase.kind === 'form' ? <p className="muted">{t('panel_stepOf', [stepOrder.indexOf(form.step) + 1, stepOrder.length])}</p> : null}
      </div>
      {restored && phase.kind === 'form' ? <p className="muted" role="status">{t('panel_restored')}</p> : null}
      {/* While name or phone is missing (the mail would be signed "Kind en Gezin" only), and "Bewaard" after saving. */}
      {phase.kind === 'form' ? <ReferrerStart referrer={settings.referrer} directory={directory} /> : null}
      {correcting ? (
        // Once the new file is made, the banner says so: no "vul de juiste gegevens in" at the done step (issue 21.13).
        <p className="notice">{t(outcome ? 'correct_bannerDone' : 'correct_banner', [correcting.reference, correcting.recipientName])}</p>
      ) : null}
      {recipient.moved && correcting ? <p className="decision warn">{t('correct_otherRecipient', [correcting.recipientName])}</p> : null}

      {phase.kind === 'form' || making ? (
        <WizardForm
          formRef={formRef}
          form={form}
          onForm={setForm}
          directory={directory}
          recipient={recipient}
          errors={errors}
          password={password}
          making={making}
          noWebmail={noWebmail}
          discard={discardControl('link discard')}
          confirmingDiscard={confirmDiscard}
          onSubmit={() => (form.step === 'client' ? void makeDraft() : next())}
          onBack={back}
          onWithoutWebmail={() => void makeDraft(true)}
        />
      ) : null}

      {outcome ? <DisplacedNotice displaced={phase.made.displaced} /> : null}
      {phase.kind === 'done' ? (
        <DoneStep
          reference={phase.made.reference}
          fileName={phase.made.fileName}
          password={phase.made.password}
          recipient={match?.recipient ?? null}
          check={phase.check}
          closed={phase.closed}
          elsewhere={phase.made.tabId !== null && tab.tabId !== phase.made.tabId}
          onRecheck={() => session.recheck(phase)}
          onRefill={() => void session.refill(phase.made)}
          onSent={(sent) => session.markSent(phase.made, sent)}
          onFinish={(withWarning) => {
            if (withWarning) void session.leftWithWarning(phase.made).finally(() => void discard());
            else void discard();
          }}
        />
      ) : null}
      {phase.kind === 'fallback' ? (
        <>
          <FallbackStep
            data={phase.made}
            password={phase.made.password}
            recipient={match?.recipient ?? null}
            failedStep={phase.failedStep}
            completed={phase.completed}
            chosen={phase.chosen === true}
            onRetry={session.backToForm}
          />
          <footer className="panel-footer">{discardControl('link')}</footer>
        </>
      ) : null}
    </>
  );
}
