// The typical referral every pack figure uses (synthetic person), in Node and in the browser alike.
export const benchInput = {
  client: {
    firstName: 'Jan', lastName: 'Peeters', phone: '0470 12 34 56', email: 'jan.peeters@example.org',
    address: { street: 'Kerkstraat', houseNumber: '1', box: '', postcode: '2275', municipality: 'Lille' },
  },
  consent: { informed: true, consented: true, date: '2026-11-20', manner: 'mondeling' },
};

/** The consent date above is valid from this moment on. */
export const benchNow = new Date('2026-11-22T10:00:00Z');
