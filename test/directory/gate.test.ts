import { describe, expect, it } from 'vitest';
import { createDirectory, referralDecision, type Protocol, type Recipient } from '../../lib/directory';

// The protocol gate (RULES §11), over every status × date combination: only a known in-force date that is reached,
// with no end date reached, lets a referral through. No acknowledgement exists to override it.
const today = '2026-11-22';
const yesterday = '2026-11-21';
const tomorrow = '2026-11-23';

const lille = (() => {
  const lookup = createDirectory().lookupPostcode('2275');
  if (lookup.status !== 'found' || !lookup.matches[0]) throw new Error('no Lille');
  return lookup.matches[0].recipient;
})();
const withProtocol = (protocol: Protocol, mailbox: string | null = lille.mailbox): Recipient => ({ ...lille, mailbox, protocol });

const statuses = ['in_force', 'signed', 'ended', 'unknown'] as const;
const starts = { today, yesterday, tomorrow, unknown: null } as const;
const ends = { none: null, 'ended yesterday': yesterday, 'ended today': today, 'ending tomorrow': tomorrow } as const;

describe('the protocol gate', () => {
  for (const status of statuses) {
    for (const [startName, inForceSince] of Object.entries(starts)) {
      for (const [endName, endedOn] of Object.entries(ends)) {
        const allowed = status !== 'ended' && inForceSince !== null && inForceSince <= today && (endedOn === null || endedOn > today);
        it(`${status}, in force since ${startName}, ${endName}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const decision = referralDecision(withProtocol({ status, signedOn: null, inForceSince, endedOn }), today);
          expect(decision.verdict).toBe(allowed ? 'allow' : 'refuse');
          if (!allowed) {
            expect(decision.action).toBe('addDate');
            expect(decision.message).toMatch(/OCMW Lille/u);
          }
        });
      }
    }
  }

  it('says why, and what to do', () => {
    const signed = referralDecision(withProtocol({ status: 'signed', signedOn: null, inForceSince: null, endedOn: null }), today);
    expect(signed).toMatchObject({ verdict: 'refuse', reason: 'gate_signedNoDate' });
    expect(signed.message).toContain('voeg de ingangsdatum toe');
    expect(referralDecision(withProtocol({ status: 'unknown', signedOn: null, inForceSince: null, endedOn: null }), today).message).toContain(
      'voeg de ingangsdatum toe',
    );
    expect(referralDecision(withProtocol({ status: 'in_force', signedOn: null, inForceSince: tomorrow, endedOn: null }), today).message).toContain('23-11-2026');
    expect(referralDecision(withProtocol({ status: 'in_force', signedOn: null, inForceSince: '2025-01-01', endedOn: yesterday }), today).message).toContain('21-11-2026');
  });

  it('refuses without a mailbox, whatever the protocol, and offers to add one', () => {
    const decision = referralDecision(withProtocol({ status: 'in_force', signedOn: null, inForceSince: yesterday, endedOn: null }, null), today);
    expect(decision).toMatchObject({ verdict: 'refuse', reason: 'gate_noMailbox', action: 'addMailbox' });
  });

  it('Tessenderlo-Ham ("ondertekend, nog niet van kracht") and a self-added mailbox without a date are refused', () => {
    const directory = createDirectory({ user: { 'caw-brussel': { mailbox: 'a@caw.example', addedOn: today, inForceSince: null, endedOn: null, phone: null, source: null } } });
    for (const postcode of ['3980', '1050']) {
      const lookup = directory.lookupPostcode(postcode);
      if (lookup.status !== 'found' || !lookup.matches[0]) throw new Error(postcode);
      expect(referralDecision(lookup.matches[0].recipient, today)).toMatchObject({ verdict: 'refuse', action: 'addDate' });
    }
  });
});
