import { describe, expect, it } from 'vitest';
import { buildReferralFiles, parseReferral, type Referral } from '../../lib/referral';
import { now, validInput } from '../support/people';

// Issue 21 item 11: the file said "E-mailadres: niet opgegeven" for every worker who never gave one.
function referral(): Referral {
  const result = parseReferral(validInput, { now });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.referral;
}

const referrerText = (email: string) => {
  const { files } = buildReferralFiles(referral(), {
    now,
    referrer: { name: 'An Janssens', team: 'Kind en Gezin – Middenkempen', phone: '014 00 00 00', email },
  });
  const text = files['aanmelding.txt'] ?? '';
  return text.slice(text.indexOf('Aangemeld door'), text.indexOf('Toestemming van de cliënt'));
};

describe("the referrer's e-mail line in aanmelding.txt", () => {
  it('is left out when the worker gave no address, and shown when she did', () => {
    const without = referrerText('');
    expect(without).toContain('Naam: An Janssens\r\n');
    expect(without).not.toMatch(/E-mailadres/u);
    expect(without).not.toMatch(/niet opgegeven/u);
    expect(referrerText('an.janssens@example.org')).toContain('E-mailadres: an.janssens@example.org\r\n');
  });
});
