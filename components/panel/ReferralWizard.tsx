import { useEffect, useMemo, useRef, useState } from 'react';
import { referralDecision, type DirectoryMatch } from '../../lib/directory';
import { newEntry } from '../../lib/register/register';
import type { RegisterEntry } from '../../lib/register/schema';
import { recordClosedWithWarning, recordReferral, recordSent } from '../../lib/register/storage';
import type { Settings } from '../../lib/settings';
import { belgianToday } from '../../lib/time';
import { t } from '../../lib/i18n';
import { generatePassword } from '../../lib/password/generate';
import { checkPasswordLazily } from '../../lib/password/lazy';
import { parseReferral } from '../../lib/referral/parse';
import type { PanelClient } from '../../lib/panel/client';
import { recordAttachTiers } from '../../lib/panel/attach-record';
import type { Displaced, DraftRequestMessage, DraftResult } from '../../lib/messages';
import { clearCopiedSecrets } from '../../lib/clipboard';
import { verifyDraft, type ExpectedDraft } from '../../lib/panel/verify';
import type { FormState } from '../../lib/session/form-schema';
import { useDirectory } from '../common/useDirectory';
import { useTeamChoice } from '../common/useTeamPolicy';
import { usePolling } from './usePolling';
import { ReferrerStart } from './ReferrerStart';
import { ClientStep } from './ClientStep';
import { ConsentStep } from './ConsentStep';
import { DisplacedNotice } from './DisplacedNotice';
import { DoneStep, type DraftCheck } from './DoneStep';
import { FallbackStep, type FallbackData } from './FallbackStep';
import { emptyForm, hasInput, recipientPostcode, referralInput } from './form';
import { PasswordStep } from './PasswordStep';
import { RecipientSummary } from './RecipientSummary';
import type { WebmailTab } from './useWebmailTab';

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
  /** A register entry being corrected (SPEC F3): same recipient, a new reference that names this one. */
  correcting: RegisterEntry | null;
};

/** The referral once packed: what the draft must be, and what the worker needs to finish it by hand. */
type Made = FallbackData & {
  reference: string;
  password: string | null;
  expected: ExpectedDraft;
  request: DraftRequestMessage;
  /** The tab the draft was made in (issue 20.6): every later check or fill goes there, never to the tab now active. */
  tabId: number | null;
  /** What became of the webmail's own compose that was on screen (issue 21.10), said at the done step or fallback. */
  displaced?: Displaced | null;
};
type Phase =
  | { kind: 'form' }
  | { kind: 'making' }
  | { kind: 'done'; made: Made; check: DraftCheck; closed: boolean }
  | { kind: 'fallback'; made: Made; failedStep: string; completed: readonly string[]; chosen?: boolean };

/**
 * Two steps (issue 14.6: five clicks from inbox to draft): consent, then the client with the recipient and the
 * password choice, whose default (a generated password, shown at the done step for the call) needs no click.
 */
const stepOrder: FormState['step'][] = ['consent', 'client'];
const stepTitle = { consent: 'consent_heading', client: 'client_heading' } as const;

function stepOfError(path: string): FormState['step'] {
  return path.startsWith('consent') ? 'consent' : 'client';
}

/** The referral wizard (SPEC F1, F3): consent, then client and password, then the draft in the webmail or the fallback. */
export function ReferralWizard({ client, tab, settings, correcting, initialForm, onFinished }: Props) {
  const { directory } = useDirectory();
  // A team the organisation fixed in its settings signs the mail and counts in the register, whatever was saved before.
  const teamChoice = useTeamChoice(directory);
  const referrer = teamChoice.kind === 'fixed' ? { ...settings.referrer, team: teamChoice.team } : settings.referrer;
  const [form, setForm] = useState<FormState>(() => initialForm ?? emptyForm(correcting?.reference ?? null));
  const restored = initialForm !== null && hasInput(initialForm);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState<Set<FormState['step']>>(new Set());
  const [generated] = useState(generatePassword);
  const [typed, setTyped] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [noWebmail, setNoWebmail] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const noWebmailRef = useRef<HTMLParagraphElement>(null);
  const finished = useRef(false);

  useEffect(() => {
    // Memory-only session storage, so closing the panel by accident loses nothing (SPEC §2.7).
    if (phase.kind === 'form' && !finished.current) void client.saveForm(form);
  }, [form, phase.kind, client]);
  useEffect(() => headingRef.current?.focus(), [form.step, phase.kind]);
  useEffect(() => {
    if (!noWebmail) return;
    noWebmailRef.current?.focus();
    noWebmailRef.current?.scrollIntoView({ block: 'nearest' });
  }, [noWebmail]);

  const parsed = useMemo(() => parseReferral(referralInput(form)), [form]);
  const errors = parsed.ok ? {} : parsed.errors;
  const postcode = recipientPostcode(form.client);
  const lookup = /^\d{4}$/u.test(postcode) ? directory.lookupPostcode(postcode) : null;
  const addressMatch: DirectoryMatch | undefined = lookup?.status === 'found' ? lookup.matches[0] : undefined;
  // A correction goes to the recipient of the referral it corrects, whatever the new address says.
  const correctedRecipient = correcting ? directory.recipient(correcting.recipientId) : undefined;
  const match: DirectoryMatch | undefined =
    correcting && correctedRecipient && addressMatch
      ? // Only the directory's current mailbox, under the same gate as a referral: never one stored in the register.
        { ...addressMatch, recipient: correctedRecipient }
      : addressMatch;
  const decision = match ? referralDecision(match.recipient) : null;
  const recipientMoved = correcting !== null && addressMatch !== undefined && addressMatch.recipient.id !== correcting.recipientId;

  const placeMissing = new Set(match?.localities.map((locality) => locality.name) ?? []).size > 1 && form.client.municipality === '';
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  // "Volgende" on a form that is not ready: the first field with a message gets the focus, with its message in view.
  useEffect(() => {
    if (focusTick === 0) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-blocking="true"]');
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [focusTick]);

  const shown = (step: FormState['step']) => {
    const visible: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) {
      if (stepOfError(path) !== step) continue;
      if (submitted.has(step) || touched.has(path)) visible[path] = message;
    }
    // The postcode always chooses the recipient: a missing, unknown or outside one is said once, next to the field.
    const postcodeSeen = submitted.has('client') || touched.has('client.address.postcode');
    if (step === 'client' && postcodeSeen && !visible['client.address.postcode']) {
      if (lookup && lookup.status !== 'found') visible['client.address.postcode'] = lookup.message;
      else if (!lookup) visible['client.address.postcode'] = t('recipient_none');
    }
    // Several places under one postcode: the choice is needed even when no street travels (it is where the client lives).
    if (step === 'client' && submitted.has('client') && placeMissing && !visible['client.address.municipality']) {
      visible['client.address.municipality'] = t('client_placeRequired');
    }
    return visible;
  };

  const stepErrors = (step: FormState['step']) => Object.keys(errors).filter((path) => stepOfError(path) === step);
  const recipientBlocks = () => !match || !decision || decision.verdict === 'refuse';

  function next() {
    setSubmitted((current) => new Set(current).add(form.step));
    const blocked = stepErrors(form.step).length > 0 || (form.step === 'client' && (recipientBlocks() || placeMissing));
    if (blocked) {
      setFocusTick((tick) => tick + 1);
      return;
    }
    const index = stepOrder.indexOf(form.step);
    const nextStep = stepOrder[index + 1];
    if (nextStep) setForm({ ...form, step: nextStep });
  }

  // The password mode follows the recipient (issue 13.2): its pre-shared key when it has one, and never a key it does
  // not have. Re-derived whenever the recipient (or its key) changes; the worker's own choice for this recipient holds.
  const keyOf = match?.recipient.preSharedKey ? `${match.recipient.id}:key` : (match?.recipient.id ?? '');
  const [modeFor, setModeFor] = useState<string | null>(null);
  if (modeFor !== keyOf) {
    // Adjusting state while rendering when the recipient changes (React's pattern for state derived from a change).
    setModeFor(keyOf);
    const current = form.passwordMode;
    const mode = keyOf.endsWith(':key') ? (current === 'typed' ? 'typed' : 'preshared') : current === 'preshared' ? 'generated' : current;
    if (mode !== current) setForm({ ...form, passwordMode: mode });
  }

  function back() {
    const previous = stepOrder[stepOrder.indexOf(form.step) - 1];
    if (previous) setForm({ ...form, step: previous });
  }

  const userInputs = [
    ...Object.values(form.client).filter((value) => value.trim() !== ''),
    ...(match ? [match.municipality.nameNl, match.municipality.nameFr] : []),
  ];

  /** Client changes; a new postcode fills the place when it has exactly one, and otherwise asks (never a guess). */
  function updateClient(client: FormState['client']) {
    let next = client;
    if (client.postcode !== form.client.postcode) {
      const code = client.postcode.trim();
      const found = /^\d{4}$/u.test(code) ? directory.lookupPostcode(code) : null;
      const place = found?.status === 'found' ? found.matches[0] : undefined;
      const names = place ? [...new Set(place.localities.map((locality) => locality.name))] : [];
      next = { ...client, municipality: names.length === 1 ? (names[0] ?? '') : '' };
    }
    setForm({ ...form, client: next });
  }

  /**
   * Reads the draft back from the tab it was made in and checks every field: null when the tab could not be reached,
   * 'closed' when it shows no compose any more (sent, or saved and closed).
   */
  async function checkDraft(made: Made): Promise<DraftCheck | 'closed'> {
    const answer = made.tabId === null ? null : await client.readDraft(made.tabId);
    if (answer && !answer.ok) return 'closed';
    return answer?.ok ? { draft: answer.draft, problems: verifyDraft(answer.draft, made.expected) } : null;
  }

  const recorded = useRef(new Set<string>());
  /** The register gets the referral once, whether the draft was made for the worker or finished by hand. */
  async function record(made: Made, recipient: { id: string; name: string }) {
    if (recorded.current.has(made.reference)) return;
    recorded.current.add(made.reference);
    await recordReferral(
      newEntry({
        reference: made.reference, createdOn: belgianToday(), recipientId: recipient.id, recipientName: recipient.name,
        mailbox: made.to, team: referrer.team, corrects: correcting?.reference ?? null,
      }),
    );
  }

  /** Done: the client's data leaves session storage now; the panel keeps it in memory for the checks only. */
  async function finishWith(made: Made, check: DraftCheck) {
    await client.clearForm();
    setPhase({ kind: 'done', made, check, closed: false });
  }

  /** What the webmail answered to a fill: the done step (checked), or the fallback naming the step that failed. */
  async function settle(given: Made, answer: DraftResult | null) {
    const made = answer && answer.status !== 'navigating' && answer.displaced ? { ...given, displaced: answer.displaced } : given;
    if (answer?.status === 'filled') {
      // The sending identity the compose showed: a page that changes it later makes the draft wrong (issue 20.1).
      const expected = { ...made.expected, from: answer.draft.from || null };
      await finishWith({ ...made, expected }, { draft: answer.draft, problems: verifyDraft(answer.draft, expected) });
      return;
    }
    setPhase({ kind: 'fallback', made, failedStep: answer?.status === 'failed' ? answer.failedStep : 'connection', completed: answer?.status === 'failed' ? answer.completed : [] });
  }

  // While the done step shows, the draft is read again every few seconds and whenever its tab reloads: "klaar" drops
  // the moment a page script or the worker makes it wrong (issue 20.6). The fallback keeps watching the compose: once
  // the worker opened a new mail (when the panel could not), the panel fills it; once the worker attached the file
  // by hand and the draft is exactly right, the panel says so. Both only in the tab the draft was made in.
  usePolling(phase.kind === 'done' || phase.kind === 'fallback', 2_000, async () => {
    if (phase.kind === 'done') {
      const check = await checkDraft(phase.made);
      if (check === null) return;
      const next = check === 'closed' ? { ...phase, closed: true } : { ...phase, check, closed: false };
      const same = next.closed === phase.closed && JSON.stringify(next.check) === JSON.stringify(phase.check);
      if (!same) setPhase((current) => (current === phase ? next : current));
      return;
    }
    if (phase.kind !== 'fallback') return;
    const { made, failedStep } = phase;
    // A referral made without a webmail (the manual route) is checked in the webmail tab the worker works in.
    const tabId = made.tabId ?? (tab.info ? tab.tabId : null);
    if (tabId === null) return;
    const bound = { ...made, tabId };
    if (failedStep === 'openCompose') {
      if (!(await client.describeTab(tabId))?.compose) return;
      const answer = await client.fillDraft(tabId, made.request);
      if (answer?.status !== 'navigating' && answer !== null) await settle(bound, answer);
      return;
    }
    const check = await checkDraft(bound);
    if (check !== null && check !== 'closed' && check.problems.length === 0) await finishWith(bound, check);
  }, tab);

  /** "Vul opnieuw in": the webmail lost the draft's fields; a new compose in the same tab gets them again. */
  async function refill(made: Made) {
    if (made.tabId === null) return;
    setPhase({ kind: 'making' });
    await settle(made, await client.fillDraft(made.tabId, made.request));
  }

  /** "Maak concept"; `withoutWebmail`: the worker asked for the file and texts only (no webmail in this tab). */
  async function makeDraft(withoutWebmail = false) {
    setSubmitted(new Set(stepOrder));
    if (!parsed.ok) {
      setForm({ ...form, step: stepOfError(Object.keys(parsed.errors)[0] ?? 'client') });
      setFocusTick((tick) => tick + 1);
      return;
    }
    if (!match?.recipient.mailbox || recipientBlocks() || placeMissing) {
      setForm({ ...form, step: 'client' });
      setFocusTick((tick) => tick + 1);
      return;
    }
    // The draft needs a webmail of ours in the tab the panel works for: say so, keep everything typed.
    const tabId = tab.info ? tab.tabId : null;
    setNoWebmail(tabId === null && !withoutWebmail);
    if (tabId === null && !withoutWebmail) return;
    // A pre-shared mode without a key for this recipient (a restored form, a recipient changed) never makes a zip.
    if (form.passwordMode === 'preshared' && !match.recipient.preSharedKey) {
      setForm({ ...form, passwordMode: 'generated' });
      return;
    }
    let password: string;
    if (form.passwordMode === 'preshared' && match.recipient.preSharedKey) password = match.recipient.preSharedKey;
    else if (form.passwordMode === 'typed') {
      const check = await checkPasswordLazily(typed, { userInputs });
      if (!check.ok) {
        setPasswordError(check.message);
        return;
      }
      password = typed;
    } else password = generated;
    setPasswordError(undefined);
    setPhase({ kind: 'making' });
    // zip.js loads at this moment, not when the panel opens: opening stays quick.
    const { prepareReferralDraft } = await import('../../lib/panel/prepare');
    const { packed, request } = await prepareReferralDraft(parsed.referral, password, match.recipient, {
      corrects: correcting?.reference ?? null,
      referrer,
      passwordKind: form.passwordMode,
    });
    const made: Made = {
      reference: packed.reference, fileName: packed.fileName, bytes: packed.bytes, to: request.to, subject: request.subject, body: request.body,
      password: form.passwordMode === 'preshared' ? null : password,
      expected: { to: request.to, fileName: packed.fileName, referral: parsed.referral, referrer, subject: request.subject, body: request.body, from: null },
      request, tabId,
    };
    const answer = tabId === null ? null : await client.fillDraft(tabId, request);
    if (answer && answer.status !== 'navigating' && tab.info) void recordAttachTiers(tab.info.adapter, answer.tiers);
    await record(made, match.recipient);
    // The worker asked for the file and texts only: the manual route, said as her choice, not as a failure.
    if (withoutWebmail && tabId === null) setPhase({ kind: 'fallback', made, failedStep: 'connection', completed: [], chosen: true });
    else await settle(made, answer);
  }

  async function discard() {
    // No save may follow the wipe: the panel starts a blank referral (or its window closes) from here.
    finished.current = true;
    // A password copied in this referral leaves the clipboard with it (if it is still there).
    await clearCopiedSecrets();
    await client.clearForm();
    onFinished();
  }

  const leave = (path: string) => setTouched((current) => new Set(current).add(path));
  const stepNumber = stepOrder.indexOf(form.step) + 1;
  const title =
    phase.kind === 'done'
      ? t(phase.check !== null && phase.check.problems.length === 0 ? 'done_heading' : 'done_headingCheck')
      : phase.kind === 'fallback' ? t(phase.chosen ? 'manual_heading' : 'fallback_heading') : t(stepTitle[form.step]);

  const discardConfirmation = (
    <p role="alert" className="discard-confirm">
      {t('panel_discardConfirm')}{' '}
      <button type="button" className="danger" onClick={() => void discard()}>
        {t('panel_discard')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setConfirmDiscard(false)}>
        {t('panel_back')}
      </button>
    </p>
  );

  return (
    <>
      <div className="step-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {phase.kind === 'form' ? <p className="muted">{t('panel_stepOf', [stepNumber, stepOrder.length])}</p> : null}
      </div>
      {restored && phase.kind === 'form' ? <p className="muted" role="status">{t('panel_restored')}</p> : null}
      {phase.kind === 'form' ? (
        // While name or phone is missing (the mail would be signed "Kind en Gezin" only), and "Bewaard" after saving.
        <ReferrerStart referrer={settings.referrer} directory={directory} />
      ) : null}
      {correcting ? (
        // Once the new file is made, the banner says so: no "vul de juiste gegevens in" at the done step (issue 21.13).
        <p className="notice">{t(phase.kind === 'done' || phase.kind === 'fallback' ? 'correct_bannerDone' : 'correct_banner', [correcting.reference, correcting.recipientName])}</p>
      ) : null}
      {recipientMoved && correcting ? <p className="decision warn">{t('correct_otherRecipient', [correcting.recipientName])}</p> : null}

      {phase.kind === 'form' || phase.kind === 'making' ? (
        <form
          className="wizard"
          ref={formRef}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (form.step === 'client') void makeDraft();
            else next();
          }}
        >
          {submitted.has(form.step) && stepErrors(form.step).length > 0 ? <p className="field-error" role="alert">{t('panel_fixErrors')}</p> : null}
          {form.step === 'consent' ? (
            <ConsentStep consent={form.consent} errors={shown('consent')} onChange={(consent) => setForm({ ...form, consent })} />
          ) : null}
          {form.step === 'client' ? (
            <>
              <ClientStep
                client={form.client}
                errors={shown('client')}
                localities={match?.localities ?? []}
                onChange={updateClient}
                onLeave={leave}
              />
              <RecipientSummary
                lookup={lookup}
                recipient={match?.recipient ?? null}
                decision={decision}
                blocking={submitted.has('client') && match !== undefined && recipientBlocks()}
              />
            </>
          ) : null}
          {form.step === 'client' && match && decision?.verdict === 'allow' ? (
            // The default needs no click; another choice is one click away, and a typed one stays open.
            <details className="password-choice" open={form.passwordMode === 'typed' || passwordError !== undefined}>
              <summary>
                {form.passwordMode === 'preshared'
                  ? t('password_summaryPreshared', [match.recipient.name])
                  : form.passwordMode === 'typed'
                    ? t('password_summaryTyped')
                    : t('password_summaryGenerated')}
              </summary>
              <PasswordStep
                mode={form.passwordMode}
                generated={generated}
                recipientName={match.recipient.name}
                hasPreShared={match.recipient.preSharedKey !== null}
                typed={typed}
                userInputs={userInputs}
                error={passwordError}
                onMode={(passwordMode) => setForm({ ...form, passwordMode })}
                onTyped={setTyped}
              />
            </details>
          ) : null}
          {/* The answer to "Maak concept" without a webmail sits above the bar, in view and with the focus (issue 21.4). */}
          {noWebmail && form.step === 'client' && phase.kind === 'form' ? (
            <p className="field-error" role="alert" tabIndex={-1} ref={noWebmailRef}>
              {t('panel_noWebmailDraft')}{' '}
              <button type="button" className="link" onClick={() => void makeDraft(true)}>
                {t('panel_withoutWebmail')}
              </button>
            </p>
          ) : null}
          {/* One bar at the bottom of the panel: erase on the left, the step's buttons on the right (issue 14.6). */}
          <div className="actions">
            {confirmDiscard ? (
              discardConfirmation
            ) : (
              <>
                <button type="button" className="link discard" onClick={() => setConfirmDiscard(true)} disabled={phase.kind === 'making'}>
                  {t('panel_discard')}
                </button>
                {form.step !== 'consent' ? (
                  <button type="button" className="secondary" onClick={back} disabled={phase.kind === 'making'}>
                    {t('panel_back')}
                  </button>
                ) : null}
                <button type="submit" disabled={phase.kind === 'making'}>
                  {form.step === 'client' ? t('password_make') : t('panel_next')}
                </button>
              </>
            )}
          </div>
          {phase.kind === 'making' ? <p role="status">{t('password_making')}</p> : null}
        </form>
      ) : null}

      {phase.kind === 'done' || phase.kind === 'fallback' ? <DisplacedNotice displaced={phase.made.displaced} /> : null}
      {phase.kind === 'done' ? (
        <DoneStep
          reference={phase.made.reference}
          fileName={phase.made.fileName}
          password={phase.made.password}
          recipient={match?.recipient ?? null}
          check={phase.check}
          closed={phase.closed}
          elsewhere={phase.made.tabId !== null && tab.tabId !== phase.made.tabId}
          onRecheck={() => {
            const { made } = phase;
            void checkDraft(made).then((check) =>
              setPhase(check === 'closed' ? { ...phase, closed: true } : { kind: 'done', made, check, closed: false }),
            );
          }}
          onRefill={() => void refill(phase.made)}
          onSent={async (sent) => void (sent ? await recordSent(phase.made.reference, belgianToday()) : undefined)}
          onFinish={(withWarning) => {
            // The register keeps that the draft was left with a warning standing (issue 14.4), never what it was.
            if (withWarning) void recordClosedWithWarning(phase.made.reference).finally(() => void discard());
            else void discard();
          }}
        />
      ) : null}
      {phase.kind === 'fallback' ? (
        <FallbackStep
          data={phase.made}
          password={phase.made.password}
          recipient={match?.recipient ?? null}
          failedStep={phase.failedStep}
          completed={phase.completed}
          chosen={phase.chosen === true}
          onRetry={() => setPhase({ kind: 'form' })}
        />
      ) : null}

      {phase.kind === 'fallback' ? (
        <footer className="panel-footer">
          {confirmDiscard ? (
            discardConfirmation
          ) : (
            <button type="button" className="link" onClick={() => setConfirmDiscard(true)}>
              {t('panel_discard')}
            </button>
          )}
        </footer>
      ) : null}
    </>
  );
}
