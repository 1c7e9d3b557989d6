import type { ReadBack } from '../messages';
import { leakCheck, type LeakFinding } from '../referral/leak-check';
import type { Referral } from '../referral/schema';
import type { Referrer } from '../referral/document';

/** What is wrong with a draft as read back from the webmail, field by field (RULES F1.7). */
export type DraftProblem =
  | { kind: 'to' | 'cc' | 'bcc'; found: string[] }
  /** Answers would go elsewhere: Reply-To or Followup-To holds more than the sending address itself (issue 20.1). */
  | { kind: 'replyTo' | 'followupTo'; found: string[] }
  /** The sending identity is not the expected one ('' where the webmail shows none). */
  | { kind: 'from'; found: string; expected: string }
  /** The subject is not the one made (an emptied subject after a reload: issue 20.7). */
  | { kind: 'subject'; found: string; expected: string }
  /** The body does not hold the cover text as made (not shown: it is the body the worker sees in the webmail). */
  | { kind: 'body' }
  | { kind: 'attachment'; found: string[] }
  | { kind: 'leak'; finding: LeakFinding };

/** What the draft must be: To exactly this mailbox; exactly this file attached (none for a notice); no client data. */
export type ExpectedDraft = {
  to: string;
  /**
   * The sending identity's address the draft must have (compared case-insensitively with the read-back `from`), or
   * null for no expectation: a webmail that shows no choice of sender, or an identity the panel does not know.
   */
  from: string | null;
  /** The subject as made (with the reference): the draft's subject must be exactly this, but for spaces. */
  subject: string;
  /** The cover text as made: the draft's body must hold it (a signature or a quoted thread may be around it). */
  body: string;
  fileName: string | null;
  referral: Referral | null;
  /** The referrer, whose details the signature carries: a first name shared with the client is not a leak there. */
  referrer?: Referrer | null;
};

/**
 * A text as compared with the one made: webmails change line breaks and spaces (an HTML editor turns paragraphs into
 * blocks, a blank line into an empty one, a space into a no-break one) and may add invisible format characters, so
 * all of those go; every letter, digit and punctuation mark stays, in order.
 */
const comparable = (text: string) => text.normalize('NFC').replace(/[\s\p{Cf}]+/gu, '');

// What a webmail may show after our file's name, and nothing else: a size ("(4 KB)", "1,2 kB", "3 Ko", Gmail's
// "(1 K)", Outlook's "1 KB" run on to the name) or a copy number "(1)". A unit is at most a two-letter size unit
// (or "bytes"/"octets"): a suffix cannot carry a word of the client's.
const sizeUnit = String.raw`(?:[KkMmG]?[Bbo]|[KkM]|bytes|octets)`;
const shownSuffix = String.raw`\s*(?:\(\s*\d{1,3}\s*\)|\(?\s*\d{1,4}(?:[.,]\d{1,2})?\s*${sizeUnit}?\s*\)?)?`;
// A second download of the zip, attached by hand from the downloads folder: "… (1).zip" (Chromium), "…(1).zip" (Firefox).
const copyNumber = String.raw`(?: ?\(\d{1,3}\))?`;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The name as a webmail shows our file: exactly the name made, with only what {@link shownSuffix} allows after it. */
function isOurFile(shown: string, fileName: string): boolean {
  const stem = fileName.replace(/\.zip$/u, '');
  const extension = fileName.slice(stem.length);
  return new RegExp(`^${escaped(stem)}${copyNumber}${escaped(extension)}${shownSuffix}$`, 'u').test(shown.trim());
}

/** Addresses other than the sending one: a Reply-To or Followup-To naming exactly the sender routes nothing elsewhere. */
const elsewhere = (addresses: readonly string[], from: string) => addresses.some((address) => from === '' || address.trim().toLowerCase() !== from);

/**
 * The draft is accepted only when To is exactly the recipient's mailbox, Cc and Bcc are empty, answers go nowhere
 * else (Reply-To, Followup-To), the sender is the expected identity, subject and cover text are the ones made, the one
 * attachment is our zip as made, and subject, body and attachment names carry no client data.
 * An empty list means exactly right; a page that rewrote To after the fill, or a compose emptied by a reload, is caught here.
 */
export function verifyDraft(draft: ReadBack, expected: ExpectedDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const to = draft.to.map((address) => address.toLowerCase());
  if (to.length !== 1 || to[0] !== expected.to.toLowerCase()) problems.push({ kind: 'to', found: draft.to });
  if (draft.cc.length > 0) problems.push({ kind: 'cc', found: draft.cc });
  if (draft.bcc.length > 0) problems.push({ kind: 'bcc', found: draft.bcc });
  const from = draft.from.trim().toLowerCase();
  if (elsewhere(draft.replyTo, from)) problems.push({ kind: 'replyTo', found: draft.replyTo });
  if (elsewhere(draft.followupTo, from)) problems.push({ kind: 'followupTo', found: draft.followupTo });
  if (expected.from !== null && from !== expected.from.trim().toLowerCase()) problems.push({ kind: 'from', found: draft.from, expected: expected.from });
  if (comparable(draft.subject) !== comparable(expected.subject)) problems.push({ kind: 'subject', found: draft.subject, expected: expected.subject });
  if (!comparable(draft.body).includes(comparable(expected.body))) problems.push({ kind: 'body' });
  const [only, ...others] = draft.attachments;
  const attachmentsRight =
    expected.fileName === null ? only === undefined : only !== undefined && others.length === 0 && isOurFile(only, expected.fileName);
  if (!attachmentsRight) problems.push({ kind: 'attachment', found: draft.attachments });
  if (expected.referral) for (const finding of leakCheck(expected.referral, draft, { referrer: expected.referrer ?? null })) problems.push({ kind: 'leak', finding });
  return problems;
}
