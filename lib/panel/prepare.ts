import type { Recipient } from '../directory';
import { toBase64, type DraftRequestMessage } from '../messages';
import { correctionMailText, referralMailText, type PasswordKind } from '../templates/cover';
import type { Referrer } from '../referral/document';
import { packReferral, type PackedReferral } from '../referral/pack';
import type { Referral } from '../referral/schema';

export type PreparedDraft = { packed: PackedReferral; request: DraftRequestMessage };

/**
 * Everything the webmail gets for a referral: the encrypted zip and the non-personal mail text. Runs in the
 * panel (an extension page): the plaintext referral and the password never leave it.
 */
export async function prepareReferralDraft(
  referral: Referral,
  password: string,
  recipient: Pick<Recipient, 'id' | 'name' | 'mailbox'>,
  options: { corrects?: string | null; referrer?: Referrer | null; now?: Date; passwordKind?: PasswordKind } = {},
): Promise<PreparedDraft> {
  if (!recipient.mailbox) throw new Error('recipient without mailbox');
  const packed = await packReferral(referral, password, {
    recipient: { id: recipient.id, name: recipient.name, mailbox: recipient.mailbox },
    corrects: options.corrects ?? null,
    referrer: options.referrer ?? null,
    ...(options.now ? { now: options.now } : {}),
  });
  const referrer = options.referrer ?? null;
  const { subject, body } = options.corrects
    ? correctionMailText(packed.reference, options.corrects, referrer, 'nl', options.passwordKind)
    : referralMailText(packed.reference, referrer, 'nl', options.passwordKind);
  return {
    packed,
    request: { to: recipient.mailbox, subject, body, fileName: packed.fileName, zipBase64: toBase64(packed.bytes) },
  };
}
