import { referralDecision, type DirectoryIndex, type DirectoryMatch, type PostcodeLookup, type ReferralDecision } from '../../lib/directory';
import type { FormState } from '../../lib/session/form-schema';
import { recipientPostcode } from './form';

/** Who a referral goes to, as the client's postcode (and a correction's recipient) decide it. */
export type RecipientChoice = {
  /** The postcode's lookup; null until the worker typed four digits. */
  lookup: PostcodeLookup | null;
  /** The recipient with the localities of the postcode; undefined when the postcode finds none. */
  match: DirectoryMatch | undefined;
  /** The protocol gate's verdict for that recipient (RULES §11). */
  decision: ReferralDecision | null;
  /** No referral can go: no recipient, or the gate refuses it. */
  blocks: boolean;
  /** Several places under one postcode and none chosen yet: where the client lives is asked, never guessed. */
  placeMissing: boolean;
  /** A correction whose new address lies with another recipient than the referral it corrects (it still goes there). */
  moved: boolean;
};

/** The postcode's lookup: null for anything that is not four digits yet (nothing to say while the worker types). */
function lookupOf(directory: DirectoryIndex, postcode: string): PostcodeLookup | null {
  return /^\d{4}$/u.test(postcode) ? directory.lookupPostcode(postcode) : null;
}

/** The distinct place names one postcode covers. */
function placeNames(match: DirectoryMatch | undefined): string[] {
  return [...new Set(match?.localities.map((locality) => locality.name) ?? [])];
}

/**
 * The recipient of the referral (RULES F1, F3): the directory's entry for the client's postcode. A correction goes to
 * the recipient of the referral it corrects, whatever the new address says, and only at the directory's current
 * mailbox, under the same gate as a referral: never one stored in the register.
 */
export function chooseRecipient(
  directory: DirectoryIndex,
  client: FormState['client'],
  correcting: { recipientId: string } | null,
): RecipientChoice {
  const lookup = lookupOf(directory, recipientPostcode(client));
  const addressMatch = lookup?.status === 'found' ? lookup.matches[0] : undefined;
  const correctedRecipient = correcting ? directory.recipient(correcting.recipientId) : undefined;
  const match = correcting && correctedRecipient && addressMatch ? { ...addressMatch, recipient: correctedRecipient } : addressMatch;
  const decision = match ? referralDecision(match.recipient) : null;
  return {
    lookup,
    match,
    decision,
    blocks: !match || !decision || decision.verdict === 'refuse',
    placeMissing: placeNames(match).length > 1 && client.municipality === '',
    moved: correcting !== null && addressMatch !== undefined && addressMatch.recipient.id !== correcting.recipientId,
  };
}

/** The client as typed; a new postcode fills the place when it has exactly one, and otherwise asks (never a guess). */
export function withPlace(directory: DirectoryIndex, previous: FormState['client'], client: FormState['client']): FormState['client'] {
  if (client.postcode === previous.postcode) return client;
  const found = lookupOf(directory, client.postcode.trim());
  const names = placeNames(found?.status === 'found' ? found.matches[0] : undefined);
  return { ...client, municipality: names.length === 1 ? (names[0] ?? '') : '' };
}

type PasswordMode = FormState['passwordMode'];

/** What the password mode follows (issue 13.2): the recipient, and whether it has a pre-shared key. */
export function passwordModeKey(match: DirectoryMatch | undefined): string {
  return match?.recipient.preSharedKey ? `${match.recipient.id}:key` : (match?.recipient.id ?? '');
}

/**
 * The password mode for a new recipient (by its {@link passwordModeKey}): its pre-shared key when it has one, and
 * never a key it does not have; the worker's own typed password holds.
 */
export function passwordModeFor(key: string, current: PasswordMode): PasswordMode {
  if (key.endsWith(':key')) return current === 'typed' ? 'typed' : 'preshared';
  return current === 'preshared' ? 'generated' : current;
}
