import { toBase64 } from '../messages';

/** RFC 2047 encoded-word for a header with non-ASCII text (the subject's en dash). */
function encodedWord(text: string): string {
  return /^[\x20-\x7e]*$/u.test(text) ? text : `=?UTF-8?B?${toBase64(new TextEncoder().encode(text))}?=`;
}

/** Base64 in lines of 76 characters, as MIME wants it. */
function base64Lines(bytes: Uint8Array): string {
  return (toBase64(bytes).match(/.{1,76}/gu) ?? []).join('\r\n');
}

/**
 * The referral as an unsent message for classic Outlook on Windows: `X-Unsent: 1` makes it open as a draft ready to
 * send, with To, subject, the cover text and the encrypted zip attached (the last fallback when no webmail adapter
 * can do it). Only what the draft holds anyway: the mailbox, the non-personal texts and the ciphertext.
 */
export function unsentEml(draft: { to: string; subject: string; body: string; fileName: string; bytes: Uint8Array }, boundary = `va-${crypto.randomUUID()}`): string {
  const text = draft.body.replace(/\r?\n/gu, '\r\n');
  return [
    'X-Unsent: 1',
    `To: ${draft.to}`,
    `Subject: ${encodedWord(draft.subject)}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(new TextEncoder().encode(text)),
    `--${boundary}`,
    `Content-Type: application/zip; name="${draft.fileName}"`,
    `Content-Disposition: attachment; filename="${draft.fileName}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(draft.bytes),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
