import type { FormState } from '../../lib/session/form-schema';
import { belgianToday } from '../../lib/time';

/** A blank form: consent dated today, nothing typed. */
export function emptyForm(corrects: string | null = null): FormState {
  return {
    step: 'consent',
    consent: { informed: false, consented: false, date: belgianToday(), manner: '' },
    client: {
      firstName: '', lastName: '', street: '', houseNumber: '', box: '', postcode: '', municipality: '', phone: '', email: '',
    },
    passwordMode: 'generated',
    corrects,
  };
}

/**
 * True when an address travels: the worker typed a street, number or box. The postcode and place alone do not make
 * one: they are asked always, because they choose the recipient (issue 14.5: one postcode field).
 */
export function hasAddress(client: FormState['client']): boolean {
  return [client.street, client.houseNumber, client.box].some((value) => value.trim() !== '');
}

/** The form as parseReferral's input (RULES §4: `client` + `consent`); postcode and place travel only with an address. */
export function referralInput(form: FormState): unknown {
  const { client } = form;
  return {
    client: {
      firstName: client.firstName,
      lastName: client.lastName,
      ...(hasAddress(client)
        ? { address: { street: client.street, houseNumber: client.houseNumber, box: client.box, postcode: client.postcode, municipality: client.municipality } }
        : {}),
      phone: client.phone,
      email: client.email,
    },
    consent: { ...form.consent, manner: form.consent.manner === '' ? undefined : form.consent.manner },
  };
}

/** The postcode that decides the recipient: where the client lives, whether or not the address travels. */
export function recipientPostcode(client: FormState['client']): string {
  return client.postcode.trim();
}

/** True when the worker entered anything: a restored blank form is not worth announcing. */
export function hasInput(form: FormState): boolean {
  const blank = emptyForm(form.corrects);
  return JSON.stringify({ ...form, step: blank.step }) !== JSON.stringify(blank);
}
