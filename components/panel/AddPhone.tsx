import { useEffect, useRef, useState } from 'react';
import { userPhoneSchema } from '../../lib/directory/layers';
import { saveUserPhone } from '../../lib/directory/storage';
import { t } from '../../lib/i18n';
import { Field } from './Field';

/** `saved`: the number was stored (false for "Terug"). */
type Props = { recipientId: string; recipientName: string; onDone: (saved: boolean) => void };

/**
 * "Telefoonnummer toevoegen" during the password call (issue 21.5): one field, stored as that recipient's phone number
 * only (never a copy of its mailbox), while the password stays in view above it. The field takes the focus.
 */
export function AddPhone({ recipientId, recipientName, onDone }: Props) {
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | undefined>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  async function save() {
    if (!userPhoneSchema.shape.phone.safeParse(phone.trim()).success) {
      setError(t('err_phone'));
      return;
    }
    await saveUserPhone(recipientId, phone);
    onDone(true);
  }
  return (
    <form
      ref={form}
      className="add-phone"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Field label={t('addPhone_label', [recipientName])} type="tel" autoComplete="off" value={phone} error={error} onValue={setPhone} />
      <p>
        <button type="submit">{t('addPhone_save')}</button>{' '}
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          {t('panel_back')}
        </button>
      </p>
    </form>
  );
}

/**
 * Where the focus goes once the field closes (issue 21.13): to the line with the number to ring once it is saved (it
 * shows as soon as the directory has it), back to the button that opened the field otherwise; never the page body.
 */
export function usePhoneFocus(phone: string | null) {
  const [focus, setFocus] = useState<'phone' | 'add' | null>(null);
  const phoneRef = useRef<HTMLParagraphElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target = focus === 'phone' ? phoneRef.current : focus === 'add' ? addRef.current : null;
    if (!target) return;
    target.focus();
    setFocus(null);
  }, [focus, phone]);
  return { phoneRef, addRef, closed: (saved: boolean) => setFocus(saved ? 'phone' : 'add') };
}
