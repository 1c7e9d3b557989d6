import { useId } from 'react';
import type { Locality } from '../../lib/directory';
import { t, type MessageKey } from '../../lib/i18n';
import type { FormState } from '../../lib/session/form-state';
import { Field } from './Field';
import { hasAddress } from './form';

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
  email: 'client.email', residencePostcode: 'client.residencePostcode',
};

/** Step 2: the permitted fields only, checked as typed; the postcode picks the municipality and the recipient. */
export function ClientStep({ client, errors, localities, onChange, onLeave }: Props) {
  const municipalityId = useId();
  const field = (key: Exclude<keyof Client, 'residencePostcode'>, extra: { autoComplete?: string; inputMode?: 'numeric' | 'tel' | 'email'; type?: string } = {}) => (
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
  return (
    <>
      <p>{t('client_intro')}</p>
      {field('firstName')}
      {field('lastName')}
      <fieldset>
        <legend>{t('client_contactLegend')}</legend>
        {errors['client.contact'] ? <p className="field-error" role="alert">{errors['client.contact']}</p> : null}
        {field('phone', { inputMode: 'tel', type: 'tel' })}
        {field('email', { inputMode: 'email', type: 'email' })}
        <fieldset>
          <legend>{t('client_addressLegend')}</legend>
          {field('street')}
          <div className="row">
            {field('houseNumber')}
            {field('box')}
          </div>
          {field('postcode', { inputMode: 'numeric' })}
          {choices.length > 1 ? (
            <div className="field">
              <label htmlFor={municipalityId}>{t('label_municipality')}</label>
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
          ) : (
            field('municipality')
          )}
        </fieldset>
        {!hasAddress(client) ? (
          <Field
            label={t('client_residence')}
            value={client.residencePostcode}
            error={errors[paths.residencePostcode]}
            inputMode="numeric"
            autoComplete="off"
            onValue={(value) => onChange({ ...client, residencePostcode: value })}
            onBlur={() => onLeave(paths.residencePostcode)}
          />
        ) : null}
      </fieldset>
    </>
  );
}
