import type { ReadBack } from '../messages';
import { leakCheck, type LeakFinding } from '../referral/leak-check';
import type { Referral } from '../referral/schema';
import type { Referrer } from '../referral/document';

/** What is wrong with a draft as read back from the webmail, field by field (SPEC F1.7). */
export type DraftProblem =
  | { kind: 'to' | 'cc' | 'bcc'; found: string[] }
  | { kind: 'attachment'; found: string[] }
  | { kind: 'leak'; finding: LeakFinding };

/** What the draft must be: To exactly this mailbox; exactly this file attached (none for a notice); no client data. */
export type ExpectedDraft = {
  to: string;
  fileName: string | null;
  referral: Referral | null;
  /** The referrer, whose details the signature carries: a first name shared with the client is not a leak there. */
  referrer?: Referrer | null;
};

/**
 * The draft is accepted only when To is exactly the recipient's mailbox, Cc and Bcc are empty, the one attachment is
 * our zip (webmails may shorten its shown name: its stem must be there) and subject and body carry no client data.
 * An empty list means exactly right; a page that rewrote To after the fill is caught here.
 */
export function verifyDraft(draft: ReadBack, expected: ExpectedDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const to = draft.to.map((address) => address.toLowerCase());
  if (to.length !== 1 || to[0] !== expected.to.toLowerCase()) problems.push({ kind: 'to', found: draft.to });
  if (draft.cc.length > 0) problems.push({ kind: 'cc', found: draft.cc });
  if (draft.bcc.length > 0) problems.push({ kind: 'bcc', found: draft.bcc });
  const stem = expected.fileName?.replace(/\.zip$/u, '');
  const [only, ...others] = draft.attachments;
  const attachmentsRight = stem === undefined ? only === undefined : only !== undefined && others.length === 0 && only.includes(stem);
  if (!attachmentsRight) problems.push({ kind: 'attachment', found: draft.attachments });
  if (expected.referral) for (const finding of leakCheck(expected.referral, draft, { referrer: expected.referrer ?? null })) problems.push({ kind: 'leak', finding });
  return problems;
}
