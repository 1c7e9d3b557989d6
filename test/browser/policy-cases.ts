// The policies both real-browser policy tests deploy (policy-chromium.test.ts, policy-firefox.test.ts): what IT would
// write with the policy maker, and one good entry beside one bad entry of each kind.

/** 26 base32 characters from a random source (130 bits), grouped as the policy maker writes them: a key the schema accepts. */
export const strongKey = 'WLPY-TW23-35CM-RJOD-G37I-DGKL-LN';

/** One row for OCMW Kortrijk (no mailbox in the bundled data), in the CSV the policy maker reads. */
export const kortrijkCsv =
  'nis;ontvanger;mailadres;in_werking;einde;telefoon;bron\n34022;Kortrijk;sociaal@kortrijk.example;01-01-2026;;056 27 00 00;protocol van 12-12-2025, Opgroeien IT\n';

/**
 * The extension's policy value with one good entry (Kortrijk, a new mailbox and a strong key) and one bad entry of
 * each kind: a number where text belongs (Tessenderlo-Ham), an unknown status (Antwerpen), a malformed key (gent),
 * an address that is not one (44021), a key made of words (Mechelen).
 */
export const mixedPolicy = {
  recipientIds: ['34022', '71071', '11002', 'gent', '44021', '12025'],
  '34022': { mailbox: 'nieuw@kortrijk.example', protocol: { inForceSince: '2026-01-01' }, source: 'Opgroeien IT', preSharedKey: strongKey },
  '71071': { mailbox: 42, protocol: { inForceSince: '2026-01-01' } },
  '11002': { mailbox: 'ocmw@antwerpen.example', protocol: { status: 'bogus', inForceSince: '2026-01-01' } },
  gent: { mailbox: 'ocmw@gent.example' },
  '44021': { mailbox: 'geen adres', protocol: { inForceSince: '2026-01-01' } },
  // A key made of words (issue 20 item 3): upper case, lower case and digits, yet a dictionary attack finds it.
  '12025': { mailbox: 'ocmw@mechelen.example', protocol: { inForceSince: '2026-01-01' }, preSharedKey: 'KortrijkSocialeDienst2026Protocol' },
};
