import { t, type MessageKey } from '../../lib/i18n';
import type { Displaced } from '../../lib/messages';

/** The line for each compose, by what became of it; an earlier referral's zip is named above what the mail was. */
const lines: Record<Displaced['kind'] | 'ourZip', Record<Displaced['savedAs'], MessageKey>> = {
  reply: { draft: 'displaced_reply_draft', kept: 'displaced_reply_kept', unknown: 'displaced_reply_unknown' },
  forward: { draft: 'displaced_forward_draft', kept: 'displaced_forward_kept', unknown: 'displaced_forward_unknown' },
  draft: { draft: 'displaced_draft_draft', kept: 'displaced_draft_kept', unknown: 'displaced_draft_unknown' },
  ourZip: { draft: 'displaced_ourZip_draft', kept: 'displaced_ourZip_kept', unknown: 'displaced_ourZip_unknown' },
};

/**
 * What became of the mail the webmail showed when the draft needed a compose of its own (issue 21.10), in one line:
 * "Je open antwoord is gesloten en eerst bewaard in Concepten." Nothing when nothing of anyone's was on screen.
 */
export function DisplacedNotice({ displaced }: { displaced: Displaced | null | undefined }) {
  if (!displaced) return null;
  const line = lines[displaced.heldOurZip ? 'ourZip' : displaced.kind][displaced.savedAs];
  return (
    <p className="notice displaced" role="status">
      {t(line)}
    </p>
  );
}
