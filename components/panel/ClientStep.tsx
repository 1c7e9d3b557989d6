import { useId, type KeyboardEvent } from 'react';
import type { Locality } from '../../lib/directory';
import { t, type MessageKey } from '../../lib/i18n';
import { splitHouseNumber } from '../../lib/referral/fields';
import type { FormState } from '../../lib/session/form-schema';
import { Field } from './Field';

type Client = FormState['client'];
type Props = {
  client: Client;
  /** Messages per field path ("client.address.street"), shown for fields the user has left or after Next. */
  errors: Record<string, string>;
  localities: Locality[];
  onChange: (client: Client) => void;
  onLeave: (path: string) => void;
};

const labels = {
  firstName: 'label_firstName', lastName: 'label_lastName', street: 'label_street', houseNumber: 'label_houseNumber', box: 'label_box',
  postcode: 'label_postcode', municipality: 'label_municipality', phone: 'label_phone', email: 'label_email',
} as const satisfies Record<string, MessageKey>;

const paths: Record<keyof Client, string> = {
  firstName: 'client.firstName', lastName: 'client.lastName', street: 'client.address.street', houseNumber: 'client.address.houseNumber',
  box: 'client.address.box', postcode: 'client.address.postcode', municipality: 'client.address.municipality', phone: 'client.phone',
  email: 'client.email',
};

/**
 * Step 2: the permitted fields only, checked as typed. One postcode, where the client lives: it chooses the
 * recipient, and travels with the address when there is one; a postcode with several places asks which one (the
 * client's own place stays in the address, the recipient is still the municipality's OCMW).
 */
export function ClientStep({ client, errors, localities, onChange, onLeave }: Props) {
  const municipalityId = useId();
  const postcodeErrorId = useId();
  const field = (key: keyof Client, extra: { autoComplete?: string; inputMode?: 'numeric' | 'tel' | 'email'; type?: string; onBlur?: () => void } = {}) => (
    <Field
      label={t(labels[key])}
      value={client[key]}
      error={errors[paths[key]]}
      onValue={(value) => onChange({ ...client, [key]: value })}
      onBlur={() => onLeave(paths[key])}
      autoComplete="off"
      spellCheck={false}
      {...extra}
    />
  );
  const choices = [...new Set(localities.map((locality) => locality.name))];
  /** "1 bus 2", "1/2", "1 b2": number and box apart, as the file and the OCMW want them. */
  const leaveHouseNumber = () => {
    const split = client.box.trim() === '' ? splitHouseNumber(client.houseNumber) : null;
    if (split) onChange({ ...client, ...split });
    onLeave(paths.houseNumber);
  };
  const postcodeError = errors[paths.postcode];
  return (
    // Enter moves on to the next field, as in a paper form; only the button makes the draft (issue 21.7).
    <div className="client-fields" onKeyDown={nextFieldOnEnter}>
      <p className="muted intro">{t('client_intro')}</p>
      <div className="row even">
        {field('firstName')}
        {field('lastName')}
      </div>
      {/* Where the client lives: it chooses the recipient. Grouped for a screen reader; on screen the row says it. */}
      <fieldset className="plain">
        <legend className="sr-only">{t('client_placeLegend')}</legend>
        <div className="row place">
          {/* Its message goes under the whole row: an outside postcode's explanation needs the panel's width (issue 21.9). */}
          <Field
            label={t(labels.postcode)}
            value={client.postcode}
            onValue={(value) => onChange({ ...client, postcode: value })}
            onBlur={() => onLeave(paths.postcode)}
            autoComplete="off"
            spellCheck={false}
            inputMode="numeric"
            aria-invalid={postcodeError ? true : undefined}
            aria-describedby={postcodeError ? postcodeErrorId : undefined}
          />
          {choices.length > 1 ? (
            <div className="field">
              <label htmlFor={municipalityId}>{t('client_place')}</label>
              <select
                id={municipalityId}
                value={client.municipality}
                onChange={(event) => onChange({ ...client, municipality: event.target.value })}
                onBlur={() => onLeave(paths.municipality)}
                aria-invalid={errors[paths.municipality] ? true : undefined}
                aria-describedby={errors[paths.municipality] ? `${municipalityId}-error` : undefined}
              >
                <option value="">{t('client_chooseLocality')}</option>
                {choices.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
              {errors[paths.municipality] ? <p id={`${municipalityId}-error`} className="field-error">{errors[paths.municipality]}</p> : null}
            </div>
          ) : null}
        </div>
        {postcodeError ? (
          <p id={postcodeErrorId} className="field-error">
            {postcodeError}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('client_contactLegend')}</legend>
        {errors['client.contact'] ? <p className="field-error" role="alert">{errors['client.contact']}</p> : null}
        {field('phone', { inputMode: 'tel', type: 'tel' })}
        {field('email', { inputMode: 'email', type: 'email' })}
        <fieldset className="plain">
          <legend className="sr-only">{t('client_addressLegend')}</legend>
          {/* Street, number and box on one row: the whole client fits a 1366×768 screen's side panel (issue 14.6). */}
          <div className="row address">
            {field('street')}
            {field('houseNumber', { onBlur: leaveHouseNumber })}
            {field('box')}
          </div>
        </fieldset>
      </fieldset>
    </div>
  );
}

/** Enter in a field focuses the next field, and after the last one the step's button; it never submits the form. */
function nextFieldOnEnter(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
  event.preventDefault();
  const fields = [...event.currentTarget.querySelectorAll<HTMLElement>('input, select')];
  const next = fields[fields.indexOf(event.target) + 1] ?? event.currentTarget.closest('form')?.querySelector<HTMLElement>('button[type="submit"]');
  next?.focus();
}
