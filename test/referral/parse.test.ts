import { describe, expect, it } from 'vitest';
import { t } from '../../lib/i18n';
import { parseReferral } from '../../lib/referral';
import { nationalNumber, now, validInput, withField } from '../support/people';

function errorsOf(input: unknown, at = now): Record<string, string> {
  const result = parseReferral(input, { now: at });
  if (result.ok) throw new Error('expected the input to be refused');
  return result.errors;
}

function accepted(input: unknown) {
  const result = parseReferral(input, { now });
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  return result.referral;
}

describe('parseReferral: a valid referral', () => {
  it('accepts the example of RULES §4 and keeps its shape', () => {
    expect(accepted(validInput)).toEqual(validInput);
  });

  it('accepts a referral with only a phone, only an e-mail or only an address', () => {
    for (const drop of [['address', 'email'], ['address', 'phone'], ['phone', 'email']]) {
      const input = structuredClone(validInput) as { client: Record<string, unknown> };
      for (const key of drop) delete input.client[key];
      expect(Object.keys(accepted(input).client).sort()).toEqual(
        ['firstName', 'lastName', ...['address', 'phone', 'email'].filter((k) => !drop.includes(k))].sort(),
      );
    }
  });

  it('treats empty optional fields and a blank address as not given', () => {
    const client = accepted(withField('client', { ...validInput.client, phone: '', email: '  ' })).client;
    expect(client.phone).toBeUndefined();
    expect(client.email).toBeUndefined();
    const blank = { street: '', houseNumber: '', box: '', postcode: '', municipality: '' };
    expect(accepted(withField('client.address', blank)).client.address).toBeUndefined();
  });

  it('defaults a missing box to ""', () => {
    const { box: _box, ...address } = validInput.client.address;
    expect(accepted(withField('client.address', address)).client.address?.box).toBe('');
  });
});

describe('parseReferral: names', () => {
  it.each(["D'Hondt", 'Van den Broeck', 'Müller-Łukasik', 'Nguyễn', 'Çelik', 'Ørsted', 'de la Fontaine', 'Ó Súilleabháin', 'El Idrissi', 'St. Pierre', 'Zoë'])(
    'accepts %s',
    (name) => {
      expect(accepted(withField('client.lastName', name)).client.lastName).toBe(name);
    },
  );

  it('normalises to NFC, trims and folds white space and typographic apostrophes', () => {
    const decomposed = 'Nguye\u0302\u0303n'; // e + combining circumflex + combining tilde
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    expect(accepted(withField('client.lastName', decomposed)).client.lastName).toBe('Nguyễn');
    expect(accepted(withField('client.lastName', '  Van   den Broeck ')).client.lastName).toBe('Van den Broeck');
    expect(accepted(withField('client.lastName', 'D\u2019Hondt')).client.lastName).toBe("D'Hondt");
  });

  it.each([
    ['zero-width space', 'Pee\u200Bters'],
    ['zero-width joiner', 'Pee\u200Dters'],
    ['right-to-left override', '\u202EsreteeP'],
    ['bidi isolate', 'Pee\u2066ters'],
    ['bell control character', 'Pee\u0007ters'],
    ['newline', 'Pee\nters'],
    ['byte order mark', '\uFEFFPeeters'],
  ])('refuses a %s with a Dutch message', (_what, name) => {
    expect(errorsOf(withField('client.lastName', name))['client.lastName']).toBe(t('err_hiddenChars'));
  });

  it('refuses digits, markup and emoji in names', () => {
    for (const name of ['Jan2', '<b>Jan</b>', 'Jan 😀', 'Jan; DROP']) {
      expect(errorsOf(withField('client.firstName', name))['client.firstName']).toBe(t('err_nameChars'));
    }
    expect(errorsOf(withField('client.firstName', "'-."))['client.firstName']).toBe(t('err_nameNoLetter'));
  });

  it('limits length to 80 characters', () => {
    expect(accepted(withField('client.firstName', 'a'.repeat(80))).client.firstName).toHaveLength(80);
    expect(errorsOf(withField('client.firstName', 'a'.repeat(81)))['client.firstName']).toBe(t('err_tooLong', [80]));
    expect(errorsOf(withField('client.firstName', 'a'.repeat(10_000)))['client.firstName']).toBe(t('err_tooLong', [80]));
  });

  it('requires both first name and last name', () => {
    expect(errorsOf(withField('client.firstName', undefined))['client.firstName']).toBe('Vul de voornaam in.');
    expect(errorsOf(withField('client.lastName', ''))['client.lastName']).toBe('Vul de achternaam in.');
    expect(errorsOf(withField('client.lastName', '   '))['client.lastName']).toBe('Vul de achternaam in.');
  });
});

describe('parseReferral: contact details', () => {
  it.each([
    ['0470 12 34 56', '+32470123456'],
    ['0470/12.34.56', '+32470123456'],
    ['+32 470 12 34 56', '+32470123456'],
    ['0032470123456', '+32470123456'],
    ['011 12 34 56', '+3211123456'],
    ['+31 6 12345678', '+31612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
  ])('stores phone %s as %s', (typed, e164) => {
    expect(accepted(withField('client.phone', typed)).client.phone).toBe(e164);
  });

  it.each(['12345', '0470', 'bel me', '+32 470 12 34 56 78 90', '04701234567890'])('refuses phone %s', (phone) => {
    expect(errorsOf(withField('client.phone', phone))['client.phone']).toBe(t('err_phone'));
  });

  it('checks e-mail addresses and lowercases the domain only', () => {
    expect(accepted(withField('client.email', 'Jan.Peeters@Example.ORG')).client.email).toBe('Jan.Peeters@example.org');
    for (const email of ['jan', 'jan@', '@example.org', 'jan peeters@example.org', 'jan@example']) {
      expect(errorsOf(withField('client.email', email))['client.email']).toBe(t('err_email'));
    }
  });

  it('checks postcode, house number, box and municipality', () => {
    for (const postcode of ['227', '22750', 'abcd', '0275']) {
      expect(errorsOf(withField('client.address.postcode', postcode))['client.address.postcode']).toBe(t('err_postcode'));
    }
    for (const houseNumber of ['12', '12A', '12 bis', '12-14', '12/1', 'zn']) {
      expect(accepted(withField('client.address.houseNumber', houseNumber)).client.address?.houseNumber).toBe(houseNumber);
    }
    for (const houseNumber of ['twaalf', '12 bus 3', '-']) {
      expect(errorsOf(withField('client.address.houseNumber', houseNumber))['client.address.houseNumber']).toBe(t('err_houseNumber'));
    }
    expect(accepted(withField('client.address.box', '0.2')).client.address?.box).toBe('0.2');
    expect(errorsOf(withField('client.address.box', '#3'))['client.address.box']).toBe(t('err_box'));
    const brecht = { ...validInput.client.address, postcode: '2960', municipality: "sint-job-in-'t-goor" };
    expect(accepted(withField('client.address', brecht)).client.address?.municipality).toBe("Sint-Job-in-'t-Goor");
    expect(errorsOf(withField('client.address.municipality', 'Lille 2275'))['client.address.municipality']).toBe(t('err_municipalityChars'));
  });

  it('requires every part of an address that is given, except the box', () => {
    const errors = errorsOf(withField('client.address', { street: 'Kerkstraat', box: '', postcode: '2275' }));
    expect(errors['client.address.houseNumber']).toBe('Vul het huisnummer in.');
    expect(errors['client.address.municipality']).toBe('Vul de gemeente in.');
  });

  it('requires at least one way of contact, shown even when a name is missing too', () => {
    const errors = errorsOf({ client: { firstName: '', lastName: 'Peeters' }, consent: validInput.consent });
    expect(errors['client.contact']).toBe(t('err_contactRequired'));
    expect(errors['client.firstName']).toBe('Vul de voornaam in.');
  });
});

describe('parseReferral: data that must not travel', () => {
  const pre2000 = nationalNumber('850730', '033');
  const post2000 = nationalNumber('050101', '123', true);

  it.each([
    pre2000,
    post2000,
    `${pre2000.slice(0, 2)}.${pre2000.slice(2, 4)}.${pre2000.slice(4, 6)}-${pre2000.slice(6, 9)}.${pre2000.slice(9)}`,
    `${pre2000.slice(0, 6)} ${pre2000.slice(6, 9)} ${pre2000.slice(9)}`,
  ])('refuses national number %s in any field, saying why', (insz) => {
    const message = t('err_nationalNumber');
    expect(message).toMatch(/rijksregisternummer/u);
    expect(errorsOf(withField('client.firstName', `Jan ${insz}`))['client.firstName']).toBe(message);
    expect(errorsOf(withField('client.address.street', `Kerkstraat ${insz}`))['client.address.street']).toBe(message);
    expect(errorsOf(withField('client.phone', insz))['client.phone']).toBe(message);
    expect(errorsOf(withField('client.email', `jan${insz.replace(/\D/gu, '')}@example.org`))['client.email']).toBe(message);
  });

  it('does not mistake an 11-digit number with a wrong check for a national number', () => {
    const wrong = `${pre2000.slice(0, 9)}${String((Number(pre2000.slice(9)) % 97) + 1).padStart(2, '0')}`;
    expect(accepted(withField('client.address.street', `Kerkstraat ${wrong}`)).client.address?.street).toBe(`Kerkstraat ${wrong}`);
  });

  it.each(['12/03/1985', '12-3-85', '1985-03-12', '12.03.1985', '12 maart 1985', '3 mrt. 2019', '1er janvier 1990', '°1985', 'geb. 12'])(
    'refuses a date of birth "%s"',
    (date) => {
      expect(errorsOf(withField('client.lastName', `Peeters ${date}`))['client.lastName']).toBe(t('err_birthDate'));
      expect(errorsOf(withField('client.address.street', `Kerkstraat ${date}`))['client.address.street']).toBe(t('err_birthDate'));
    },
  );

  it('keeps street names that merely hold a day and month', () => {
    expect(accepted(withField('client.address.street', 'Elf-Novemberstraat')).client.address?.street).toBe('Elf-Novemberstraat');
    expect(accepted(withField('client.address.street', 'Rue du 11 Novembre')).client.address?.street).toBe('Rue du 11 Novembre');
  });

  it.each([
    ['nationalNumber', 'err_nationalNumber'],
    ['rijksregisternummer', 'err_nationalNumber'],
    ['birthDate', 'err_birthDate'],
    ['notes', 'err_unknownField'],
  ] as const)('refuses an unknown client key %s with its reason', (key, message) => {
    expect(errorsOf(withField(`client.${key}`, 'x'))[`client.${key}`]).toBe(t(message));
  });

  it('refuses unknown keys at every level', () => {
    expect(errorsOf(withField('client.address.country', 'BE'))['client.address.country']).toBe(t('err_unknownField'));
    expect(errorsOf(withField('consent.witness', 'x'))['consent.witness']).toBe(t('err_unknownField'));
    expect(errorsOf(withField('extra', 1))['extra']).toBe(t('err_unknownField'));
  });
});

describe('parseReferral: consent', () => {
  it('requires both confirmations', () => {
    expect(errorsOf(withField('consent.informed', false))['consent.informed']).toBe(t('err_informed'));
    expect(errorsOf(withField('consent.consented', 'true'))['consent.consented']).toBe(t('err_consented'));
    expect(errorsOf(withField('consent', undefined))['consent']).toBeDefined();
  });

  it('refuses a future or impossible date and accepts today in Belgian time', () => {
    expect(errorsOf(withField('consent.date', '2026-11-23'))['consent.date']).toBe(t('err_consentDateFuture'));
    expect(errorsOf(withField('consent.date', '2026-02-30'))['consent.date']).toBe(t('err_consentDate'));
    expect(errorsOf(withField('consent.date', '20-11-2026'))['consent.date']).toBe(t('err_consentDate'));
    expect(errorsOf(withField('consent.date', '1926-11-20'))['consent.date']).toBe(t('err_consentDateOld'));
    // 23:30 UTC on 22 November is already 23 November in Brussels: consent given "today" there is valid.
    const lateEvening = new Date('2026-11-22T23:30:00Z');
    expect(parseReferral(withField('consent.date', '2026-11-23'), { now: lateEvening }).ok).toBe(true);
    // And in summer time (UTC+2): 22:30 UTC on 30 June is 1 July in Brussels.
    expect(parseReferral(withField('consent.date', '2026-07-01'), { now: new Date('2026-06-30T22:30:00Z') }).ok).toBe(true);
    expect(parseReferral(withField('consent.date', '2026-07-01'), { now: new Date('2026-06-30T21:30:00Z') }).ok).toBe(false);
  });

  it('accepts only mondeling or schriftelijk', () => {
    expect(accepted(withField('consent.manner', 'schriftelijk')).consent.manner).toBe('schriftelijk');
    expect(errorsOf(withField('consent.manner', 'per sms'))['consent.manner']).toBe(t('err_consentManner'));
  });
});

describe('parseReferral: never a crash, always Dutch', () => {
  it.each([null, undefined, 42, 'Jan', [], {}, { client: null, consent: [] }, { client: { firstName: 1, lastName: {} } }])(
    'answers %j with field messages from the Dutch catalogue',
    (input) => {
      const errors = errorsOf(input);
      expect(Object.keys(errors).length).toBeGreaterThan(0);
      for (const message of Object.values(errors)) expect(message).toMatch(/^[A-Z][^{}]*[.!]$/u);
    },
  );

  it('can answer in French or English when asked', () => {
    const result = parseReferral(withField('client.firstName', ''), { now, locale: 'fr' });
    expect(result.ok === false && result.errors['client.firstName']).toBe('Veuillez indiquer le prénom.');
  });
});

describe('parseReferral: the address against the directory', () => {
  it('refuses Walloon, institutional and unknown postcodes with the reason', () => {
    expect(errorsOf(withField('client.address.postcode', '4000'))['client.address.postcode']).toBe(t('dir_outside', ['4000']));
    expect(errorsOf(withField('client.address.postcode', '1011'))['client.address.postcode']).toBe(t('err_postcodeInstitution', ['1011']));
    expect(errorsOf(withField('client.address.postcode', '1234'))['client.address.postcode']).toBe(t('dir_unknownPostcode', ['1234']));
  });

  it('accepts a deelgemeente or former municipality of the postcode, in the directory spelling', () => {
    const at = (postcode: string, municipality: string) =>
      accepted(withField('client.address', { ...validInput.client.address, postcode, municipality })).client.address?.municipality;
    expect(at('2275', 'GIERLE')).toBe('Gierle');
    expect(at('3945', 'Ham')).toBe('Ham');
    expect(at('1050', 'Ixelles')).toBe('Ixelles');
  });

  it('refuses a municipality that does not go with the postcode, listing the choices', () => {
    const errors = errorsOf(withField('client.address.municipality', 'Gent'));
    expect(errors['client.address.municipality']).toBe('Deze gemeente hoort niet bij postcode 2275. Kies uit: Lille, Gierle, Poederlee, Wechelderzande.');
  });
});

describe('parseReferral: every place in the directory', () => {
  it('accepts each postcode with each of its localities and its municipality names', async () => {
    const { bundledDirectory } = await import('../../lib/directory');
    const refused: string[] = [];
    for (const m of bundledDirectory.municipalities) {
      for (const locality of m.localities) {
        for (const name of [locality.name, m.nameNl, m.nameFr]) {
          const input = withField('client.address', { ...validInput.client.address, postcode: locality.postcode, municipality: name });
          if (!parseReferral(input, { now }).ok) refused.push(`${locality.postcode} ${name}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });
});
