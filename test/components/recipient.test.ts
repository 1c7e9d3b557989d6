import { describe, expect, it } from 'vitest';
import { emptyForm } from '../../components/panel/form';
import { chooseRecipient, passwordModeFor, passwordModeKey, withPlace } from '../../components/panel/recipient';
import { createDirectory } from '../../lib/directory';
import type { FormState } from '../../lib/session/form-schema';

// The recipient derivation of the referral wizard (issue 23.1), as a pure function: the postcode chooses the
// recipient, a correction keeps the corrected referral's, and the place is asked where a postcode has several.

const inForce = { status: 'in_force', inForceSince: '2025-01-01' } as const;
const directory = createDirectory({
  managed: {
    recipients: {
      '13019': { mailbox: 'sociale.dienst@lille.be', protocol: inForce, preSharedKey: 'K7XM-4RP7-TZ2C-H6VD-QN3W-J5LF-GB' },
      '13011': { mailbox: 'sociale.dienst@herentals.example', protocol: inForce },
    },
  },
});
const client = (change: Partial<FormState['client']>): FormState['client'] => ({ ...emptyForm().client, ...change });
const lille = client({ firstName: 'Jan', lastName: 'Peeters', postcode: '2275', municipality: 'Lille' });

describe('chooseRecipient', () => {
  it('takes the recipient of the postcode, with the gate its verdict', () => {
    const choice = chooseRecipient(directory, lille, null);
    expect(choice.lookup?.status).toBe('found');
    expect(choice.match?.recipient).toMatchObject({ id: '13019', mailbox: 'sociale.dienst@lille.be' });
    expect(choice.decision?.verdict).toBe('allow');
    expect(choice).toMatchObject({ blocks: false, placeMissing: false, moved: false });
  });

  it('looks nothing up before four digits, and blocks (trimmed: " 2275 " is Lille)', () => {
    expect(chooseRecipient(directory, client({ postcode: '227' }), null)).toMatchObject({ lookup: null, match: undefined, decision: null, blocks: true });
    expect(chooseRecipient(directory, client({ postcode: ' 2275 ', municipality: 'Lille' }), null).match?.recipient.id).toBe('13019');
  });

  it('says an unknown postcode through its lookup, and blocks', () => {
    const choice = chooseRecipient(directory, client({ postcode: '9999' }), null);
    expect(choice.lookup?.status).toBe('unknown');
    expect(choice).toMatchObject({ match: undefined, blocks: true });
  });

  it('blocks where the gate refuses: a recipient without a mailbox', () => {
    const choice = chooseRecipient(directory, client({ postcode: '2300', municipality: 'Turnhout' }), null);
    expect(choice.match?.recipient.id).toBe('13040');
    expect(choice.decision).toMatchObject({ verdict: 'refuse', reason: 'gate_noMailbox' });
    expect(choice.blocks).toBe(true);
  });

  it('asks the place where one postcode has several, until one is chosen', () => {
    expect(chooseRecipient(directory, client({ postcode: '2200' }), null).placeMissing).toBe(true);
    expect(chooseRecipient(directory, client({ postcode: '2200', municipality: 'Morkhoven' }), null).placeMissing).toBe(false);
    expect(chooseRecipient(directory, client({ postcode: '2300' }), null).placeMissing).toBe(false);
  });

  it('sends a correction to the recipient of the referral it corrects, and says when the new address lies elsewhere', () => {
    const moved = chooseRecipient(directory, client({ postcode: '2200', municipality: 'Herentals' }), { recipientId: '13019' });
    expect(moved.match?.recipient).toMatchObject({ id: '13019', mailbox: 'sociale.dienst@lille.be' });
    // The localities stay the address's: where the client lives now.
    expect(moved.match?.localities.map((locality) => locality.name)).toContain('Herentals');
    expect(moved.moved).toBe(true);
    expect(chooseRecipient(directory, lille, { recipientId: '13019' }).moved).toBe(false);
  });

  it('a correction whose recipient the directory no longer knows goes by the address', () => {
    const choice = chooseRecipient(directory, lille, { recipientId: 'gone' });
    expect(choice.match?.recipient.id).toBe('13019');
    expect(choice.moved).toBe(true);
  });
});

describe('withPlace', () => {
  it('fills the place of a new postcode that has exactly one, and asks otherwise', () => {
    const before = client({ postcode: '2275', municipality: 'Lille' });
    expect(withPlace(directory, before, { ...before, postcode: '2300' }).municipality).toBe('Turnhout');
    expect(withPlace(directory, before, { ...before, postcode: '2200' }).municipality).toBe('');
    expect(withPlace(directory, before, { ...before, postcode: '22' }).municipality).toBe('');
    expect(withPlace(directory, before, { ...before, postcode: '9999' }).municipality).toBe('');
  });

  it('leaves the client as typed while the postcode stays', () => {
    const before = client({ postcode: '2200', municipality: '' });
    const typed = { ...before, municipality: 'Noorderwijk', firstName: 'Jan' };
    expect(withPlace(directory, before, typed)).toBe(typed);
  });
});

describe('the password mode follows the recipient', () => {
  const lilleMatch = chooseRecipient(directory, lille, null).match;
  const herentalsMatch = chooseRecipient(directory, client({ postcode: '2200' }), null).match;

  it('keys on the recipient and on whether it has a pre-shared key', () => {
    expect(passwordModeKey(lilleMatch)).toBe('13019:key');
    expect(passwordModeKey(herentalsMatch)).toBe('13011');
    expect(passwordModeKey(undefined)).toBe('');
  });

  it("takes a recipient's key, never one it does not have, and keeps a typed password", () => {
    expect(passwordModeFor('13019:key', 'generated')).toBe('preshared');
    expect(passwordModeFor('13019:key', 'preshared')).toBe('preshared');
    expect(passwordModeFor('13019:key', 'typed')).toBe('typed');
    expect(passwordModeFor('13011', 'preshared')).toBe('generated');
    expect(passwordModeFor('13011', 'typed')).toBe('typed');
    expect(passwordModeFor('', 'generated')).toBe('generated');
  });
});
