import { useRef, useState } from 'react';
import type { Recipient } from '../../lib/directory';
import type { Displaced, DraftRequestMessage, DraftResult } from '../../lib/messages';
import { recordAttachTiers } from '../../lib/panel/attach-record';
import type { PanelClient } from '../../lib/panel/client';
import type { ExpectedDraft } from '../../lib/panel/verify';
import type { Referral } from '../../lib/referral/schema';
import type { Referrer } from '../../lib/referral/document';
import { newEntry } from '../../lib/register/register';
import { recordClosedWithWarning, recordReferral, recordSent } from '../../lib/register/storage';
import type { FormState } from '../../lib/session/form-schema';
import { belgianToday } from '../../lib/time';
import type { DraftCheck } from './DoneStep';
import { checkDraft, fillOutcome } from './draft-session';
import type { FallbackData } from './FallbackStep';
import { usePolling } from './usePolling';
import type { WebmailTab } from './useWebmailTab';

/** The referral once packed: what the draft must be, and what the worker needs to finish it by hand. */
export type Made = FallbackData & {
  reference: string;
  password: string | null;
  expected: ExpectedDraft;
  request: DraftRequestMessage;
  /** The tab the draft was made in (issue 20.6): every later check or fill goes there, never to the tab now active. */
  tabId: number | null;
  /** What became of the webmail's own compose that was on screen (issue 21.10), said at the done step or fallback. */
  displaced?: Displaced | null;
};

export type SessionPhase =
  | { kind: 'form' }
  | { kind: 'making' }
  | { kind: 'done'; made: Made; check: DraftCheck; closed: boolean }
  | { kind: 'fallback'; made: Made; failedStep: string; completed: readonly string[]; chosen?: boolean };

/** What "Maak concept" packs and where the draft goes. */
export type MakeInput = {
  referral: Referral;
  password: string;
  passwordKind: FormState['passwordMode'];
  recipient: Recipient;
  referrer: Referrer;
  /** The reference of the referral this one corrects (RULES F3), or null. */
  corrects: string | null;
  /** The webmail tab the draft goes to; null for the manual route. */
  tabId: number | null;
  /** The worker asked for the file and texts only: the manual route, said as her choice, not as a failure. */
  chosen: boolean;
};

/**
 * A referral's draft from "Maak concept" on (RULES F1.7, F1.8): packed, filled in its webmail tab, registered once,
 * then checked at the done step or watched from the fallback, always in the tab it was made in.
 */
export function useDraftSession(client: PanelClient, tab: WebmailTab) {
  const [phase, setPhase] = useState<SessionPhase>({ kind: 'form' });
  const recorded = useRef(new Set<string>());

  const check = (made: Made) => (made.tabId === null ? Promise.resolve(null) : checkDraft(client, made.tabId, made.expected));

  /** The register gets the referral once, whether the draft was made for the worker or finished by hand. */
  async function record(made: Made, input: MakeInput) {
    if (recorded.current.has(made.reference)) return;
    recorded.current.add(made.reference);
    await recordReferral(
      newEntry({
        reference: made.reference, createdOn: belgianToday(), recipientId: input.recipient.id, recipientName: input.recipient.name,
        mailbox: made.to, team: input.referrer.team, corrects: input.corrects,
      }),
    );
  }

  /** Done: the client's data leaves session storage now; the panel keeps it in memory for the checks only. */
  async function finishWith(made: Made, checked: DraftCheck) {
    await client.clearForm();
    setPhase({ kind: 'done', made, check: checked, closed: false });
  }

  /** What the webmail answered to a fill: the done step (checked), or the fallback naming the step that failed. */
  async function settle(given: Made, answer: DraftResult | null) {
    const outcome = fillOutcome(answer, given.expected);
    const made = outcome.displaced ? { ...given, displaced: outcome.displaced } : given;
    if (outcome.status === 'filled') await finishWith({ ...made, expected: outcome.expected }, outcome.check);
    else setPhase({ kind: 'fallback', made, failedStep: outcome.failedStep, completed: outcome.completed });
  }

  // While the done step shows, the draft is read again every few seconds and whenever its tab reloads: "klaar" drops
  // the moment a page script or the worker makes it wrong (issue 20.6). The fallback keeps watching the compose: once
  // the worker opened a new mail (when the panel could not), the panel fills it; once the worker attached the file
  // by hand and the draft is exactly right, the panel says so. Both only in the tab the draft was made in.
  usePolling(phase.kind === 'done' || phase.kind === 'fallback', 2_000, async () => {
    if (phase.kind === 'done') {
      const checked = await check(phase.made);
      if (checked === null) return;
      const next = checked === 'closed' ? { ...phase, closed: true } : { ...phase, check: checked, closed: false };
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
    const checked = await check(bound);
    if (checked !== null && checked !== 'closed' && checked.problems.length === 0) await finishWith(bound, checked);
  }, tab);

  /** "Maak concept": packs the referral, fills the draft in its tab, registers it, and says how it went. */
  async function make(input: MakeInput) {
    setPhase({ kind: 'making' });
    // zip.js loads at this moment, not when the panel opens: opening stays quick.
    const { prepareReferralDraft } = await import('../../lib/panel/prepare');
    const { packed, request } = await prepareReferralDraft(input.referral, input.password, input.recipient, {
      corrects: input.corrects,
      referrer: input.referrer,
      passwordKind: input.passwordKind,
    });
    const { referral, referrer, tabId } = input;
    const made: Made = {
      reference: packed.reference, fileName: packed.fileName, bytes: packed.bytes, to: request.to, subject: request.subject, body: request.body,
      password: input.passwordKind === 'preshared' ? null : input.password,
      expected: { to: request.to, fileName: packed.fileName, referral, referrer, subject: request.subject, body: request.body, from: null },
      request, tabId,
    };
    const answer = tabId === null ? null : await client.fillDraft(tabId, request);
    if (answer && answer.status !== 'navigating' && tab.info) void recordAttachTiers(tab.info.adapter, answer.tiers);
    await record(made, input);
    if (input.chosen) setPhase({ kind: 'fallback', made, failedStep: 'connection', completed: [], chosen: true });
    else await settle(made, answer);
  }

  /** "Vul opnieuw in": the webmail lost the draft's fields; a new compose in the same tab gets them again. */
  async function refill(made: Made) {
    if (made.tabId === null) return;
    setPhase({ kind: 'making' });
    await settle(made, await client.fillDraft(made.tabId, made.request));
  }

  /** "Controleer opnieuw" at the done step. */
  function recheck(done: Extract<SessionPhase, { kind: 'done' }>) {
    const { made } = done;
    void check(made).then((checked) =>
      setPhase(checked === 'closed' ? { ...done, closed: true } : { kind: 'done', made, check: checked, closed: false }),
    );
  }

  return {
    phase,
    make,
    refill,
    recheck,
    backToForm: () => setPhase({ kind: 'form' }),
    /** "Verstuurd?" answered at the done step, right where the sending happens (issue 21.3). */
    markSent: async (made: Made, sent: boolean) => void (sent ? await recordSent(made.reference, belgianToday()) : undefined),
    /** The register keeps that the draft was left with a warning standing (issue 14.4), never what it was. */
    leftWithWarning: (made: Made) => recordClosedWithWarning(made.reference),
  };
}
