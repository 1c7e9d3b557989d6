import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { displayDate, layerEntrySchema } from '../../lib/directory';
import { saveUserAddition } from '../../lib/directory/storage';
import { t } from '../../lib/i18n';
import { parseDate } from '../../lib/directory/policy-maker';
import { Field } from './Field';

type Props = {
  recipientId: string;
  recipientName: string;
  /** What is known already (the mailbox the recipient has, a date given before). */
  initial?: { mailbox?: string | null; inForceSince?: string | null; endedOn?: string | null; phone?: string | null; source?: string | null };
  /** In the panel the date is required (the point is to refer now); in the options page it may follow later. */
  requireDate: boolean;
  /** Called once the addition is stored (the open pages update by themselves). */
  onSaved: (message: string) => void;
  onCancel?: () => void;
  /** Opened by a click (the panel's recipient box, the lookup card): the focus goes to its first field to fill. */
  focusOnOpen?: boolean;
};

type Values = { mailbox: string; inForceSince: string; endedOn: string; phone: string; source: string };
const fieldSchema = { mailbox: z.email(), phone: layerEntrySchema.shape.phone };

/**
 * "Mailadres en protocol toevoegen": the mailbox as the OCMW gave it, the protocol's in-force date (and, when known,
 * its end date and its source), and the social service's phone number for the password call. Stored as the
 * worker's own addition; the protocol gate then judges it like any other source.
 */
export function AddMailbox({ recipientId, recipientName, initial, requireDate, onSaved, onCancel, focusOnOpen = false }: Props) {
  const [values, setValues] = useState<Values>({
    mailbox: initial?.mailbox ?? '',
    inForceSince: initial?.inForceSince ? displayDate(initial.inForceSince) : '',
    endedOn: initial?.endedOn ? displayDate(initial.endedOn) : '',
    phone: initial?.phone ?? '',
    source: initial?.source ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [failed, setFailed] = useState(false);
  const set = (key: keyof Values) => (value: string) => setValues({ ...values, [key]: value });
  // Opened by a click: the form comes into view with the focus on its first field still to fill (issue 21.4).
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusOnOpen) return;
    const inputs = [...(group.current?.querySelectorAll('input') ?? [])];
    const first = inputs.find((input) => input.value === '') ?? inputs[0];
    first?.focus();
    group.current?.scrollIntoView({ block: 'nearest' });
  }, [focusOnOpen]);

  async function submit() {
    const next: typeof errors = {};
    const mailbox = values.mailbox.trim();
    if (!fieldSchema.mailbox.safeParse(mailbox).success) next.mailbox = t('err_email');
    const start = values.inForceSince.trim() === '' ? null : parseDate(values.inForceSince.trim());
    if (values.inForceSince.trim() === '' && requireDate) next.inForceSince = t('add_dateRequired');
    else if (values.inForceSince.trim() !== '' && !start) next.inForceSince = t('add_badDate');
    const end = values.endedOn.trim() === '' ? null : parseDate(values.endedOn.trim());
    if (values.endedOn.trim() !== '' && !end) next.endedOn = t('add_badDate');
    else if (start && end && end <= start) next.endedOn = t('add_endBeforeStart');
    if (values.phone.trim() !== '' && !fieldSchema.phone.safeParse(values.phone.trim()).success) next.phone = t('err_phone');
    if (values.source.trim().length > 200) next.source = t('add_sourceTooLong');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      await saveUserAddition(recipientId, { mailbox, inForceSince: start, endedOn: end, phone: values.phone, source: values.source });
      setFailed(false);
      onSaved(t('opt_saved', [recipientName, mailbox]));
    } catch {
      setFailed(true);
    }
  }

  // A <form> of its own would nest inside the wizard's form: a group with its own submit button instead.
  return (
    <div role="group" aria-label={t('add_title', [recipientName])} className="add-mailbox" ref={group}>
      <p className="muted">{t('add_intro')}</p>
      <Field label={t('opt_mailboxLabel')} type="email" autoComplete="off" value={values.mailbox} error={errors.mailbox} onValue={set('mailbox')} />
      <Field
        label={t('add_inForceSince')}
        hint={t('add_dateHint')}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={values.inForceSince}
        error={errors.inForceSince}
        onValue={set('inForceSince')}
        required={requireDate}
      />
      <Field label={t('add_endedOn')} hint={t('add_optional')} type="text" inputMode="numeric" autoComplete="off" value={values.endedOn} error={errors.endedOn} onValue={set('endedOn')} />
      <Field label={t('add_phone')} hint={t('add_phoneHint')} type="tel" autoComplete="off" value={values.phone} error={errors.phone} onValue={set('phone')} />
      <Field label={t('add_source')} hint={t('add_sourceHint', [recipientName])} type="text" autoComplete="off" value={values.source} error={errors.source} onValue={set('source')} />
      <p>
        <button type="button" onClick={() => void submit()}>
          {t('add_save')}
        </button>{' '}
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('add_cancel')}
          </button>
        ) : null}
      </p>
      {failed ? <p className="field-error" role="alert">{t('opt_saveFailed')}</p> : null}
    </div>
  );
}
