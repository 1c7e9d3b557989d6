import { useEffect, useState, type RefObject } from 'react';
import { t } from '../../lib/i18n';
import type { FormState } from '../../lib/session/form-schema';
import type { RecipientChoice } from './recipient';

type Step = FormState['step'];

/**
 * Two steps (issue 14.6: five clicks from inbox to draft): consent, then the client with the recipient and the
 * password choice, whose default (a generated password, shown at the done step for the call) needs no click.
 */
export const stepOrder: readonly Step[] = ['consent', 'client'];
/** Each step's heading, as a locale key. */
export const stepTitle = { consent: 'consent_heading', client: 'client_heading' } as const;

/** The step a field's error belongs to, by the field's path ("consent.date", "client.address.postcode"). */
export function stepOfError(path: string): Step {
  return path.startsWith('consent') ? 'consent' : 'client';
}

/**
 * Which errors the wizard shows, and when: a field's once the worker left it, a step's all at once when she tried to
 * go on. "Volgende" on a step that is not ready moves the focus to the first field in `formRef` with a message, in view.
 */
export function useStepErrors(
  errors: Record<string, string>,
  recipient: Pick<RecipientChoice, 'lookup' | 'placeMissing'>,
  formRef: RefObject<HTMLFormElement | null>,
) {
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState<Set<Step>>(new Set());
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (focusTick === 0) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-blocking="true"]');
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [focusTick, formRef]);

  const { lookup, placeMissing } = recipient;
  const shown = (step: Step) => {
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

  return {
    shown,
    /** The step has errors of its own (the form's, not the recipient's). */
    hasErrors: (step: Step) => Object.keys(errors).some((path) => stepOfError(path) === step),
    /** The worker tried to go on from this step: its errors show. */
    submitted: (step: Step) => submitted.has(step),
    /** "Volgende" on this step; "Maak concept" (`all`) submits every step. */
    submit: (step: Step | 'all') => setSubmitted((current) => (step === 'all' ? new Set(stepOrder) : new Set(current).add(step))),
    leave: (path: string) => setTouched((current) => new Set(current).add(path)),
    focusFirst: () => setFocusTick((tick) => tick + 1),
  };
}
