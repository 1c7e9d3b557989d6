// The typical referral the pack figure uses (synthetic person), in the side panel and for 7-Zip alike: the panel
// packs it as "Maak concept" does (lib/panel/prepare.ts passes the recipient; no referrer set).
export const benchInput = {
  client: {
    firstName: 'Jan', lastName: 'Peeters', phone: '0470 12 34 56', email: 'jan.peeters@example.org',
    address: { street: 'Kerkstraat', houseNumber: '1', box: '', postcode: '2275', municipality: 'Lille' },
  },
  consent: { informed: true, consented: true, date: '2026-11-20', manner: 'mondeling' },
};

export const benchRecipient = { id: '13019', name: 'OCMW Lille', mailbox: 'sociale.dienst@lille.be' };

/** The consent date above is valid from this moment on. */
export const benchNow = new Date('2026-11-22T10:00:00Z');
