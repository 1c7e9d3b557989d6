import { useId } from 'react';
import { t } from '../../lib/i18n';
import type { FormState } from '../../lib/session/form-schema';
import { belgianToday } from '../../lib/time';

type Props = {
  consent: FormState['consent'];
  errors: Record<string, string>;
  onChange: (consent: FormState['consent']) => void;
};

/** Step 1: the referrer confirms the client was informed and consented, when and how (RULES §2.2). */
export function ConsentStep({ consent, errors, onChange }: Props) {
  const ids = { date: useId(), manner: useId() };
  // Informed, consented and manner are one choice: their messages are one message.
  const consentError = errors['consent.manner'] ?? errors['consent.informed'] ?? errors['consent.consented'] ? t('consent_required') : undefined;
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
      {/* One control confirms both facts and the manner (RULES §3 F1.3: its label states both): an explicit choice, no default. */}
      <fieldset className="field" aria-describedby={consentError ? `${ids.manner}-error` : undefined}>
        <legend>{t('consent_manner')}</legend>
        {(['mondeling', 'schriftelijk'] as const).map((manner) => (
          <label key={manner} className="radio">
            <input
              type="radio"
              name="manner"
              value={manner}
              checked={consent.manner === manner && consent.informed && consent.consented}
              aria-invalid={consentError ? true : undefined}
              onChange={() => onChange({ ...consent, informed: true, consented: true, manner })}
            />{' '}
            {t(`consent_both_${manner}`)}
          </label>
        ))}
        {consentError ? <p id={`${ids.manner}-error`} className="field-error">{consentError}</p> : null}
      </fieldset>
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
    </>
  );
}
