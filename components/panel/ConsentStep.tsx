import { useId } from 'react';
import { t } from '../../lib/i18n';
import type { FormState } from '../../lib/session/form-state';
import { belgianToday } from '../../lib/time';

type Props = {
  consent: FormState['consent'];
  errors: Record<string, string>;
  onChange: (consent: FormState['consent']) => void;
};

/** Step 1: the referrer confirms the client was informed and consented, when and how (SPEC §2.2). */
export function ConsentStep({ consent, errors, onChange }: Props) {
  const ids = { informed: useId(), consented: useId(), date: useId(), manner: useId() };
  const error = (key: string, id: string) => (errors[key] ? <p id={`${id}-error`} className="field-error">{errors[key]}</p> : null);
  const described = (key: string, id: string) => (errors[key] ? `${id}-error` : undefined);
  return (
    <>
      <p>{t('consent_intro')}</p>
      <p>
        {/* An extension page of its own, in a new tab: printable, and in English or French when needed. */}
        <a href="info.html" target="_blank" rel="noopener">
          {t('consent_infoPrint')}
        </a>
      </p>
      <div className="field check">
        <input
          id={ids.informed}
          type="checkbox"
          checked={consent.informed}
          onChange={(event) => onChange({ ...consent, informed: event.target.checked })}
          aria-describedby={described('consent.informed', ids.informed)}
        />
        <label htmlFor={ids.informed}>{t('consent_informed')}</label>
        {error('consent.informed', ids.informed)}
      </div>
      <div className="field check">
        <input
          id={ids.consented}
          type="checkbox"
          checked={consent.consented}
          onChange={(event) => onChange({ ...consent, consented: event.target.checked })}
          aria-describedby={described('consent.consented', ids.consented)}
        />
        <label htmlFor={ids.consented}>{t('consent_consented')}</label>
        {error('consent.consented', ids.consented)}
      </div>
      <div className="field">
        <label htmlFor={ids.date}>{t('consent_date')}</label>
        <input
          id={ids.date}
          type="date"
          max={belgianToday()}
          value={consent.date}
          onChange={(event) => onChange({ ...consent, date: event.target.value })}
          aria-invalid={errors['consent.date'] ? true : undefined}
          aria-describedby={described('consent.date', ids.date)}
        />
        {error('consent.date', ids.date)}
      </div>
      <fieldset className="field" aria-describedby={described('consent.manner', ids.manner)}>
        <legend>{t('consent_manner')}</legend>
        {(['mondeling', 'schriftelijk'] as const).map((manner) => (
          <label key={manner} className="radio">
            <input
              type="radio"
              name="manner"
              value={manner}
              checked={consent.manner === manner}
              onChange={() => onChange({ ...consent, manner })}
            />{' '}
            {t(`consent_${manner}`)}
          </label>
        ))}
        {error('consent.manner', ids.manner)}
      </fieldset>
    </>
  );
}
