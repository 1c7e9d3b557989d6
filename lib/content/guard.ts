import type { DraftRequestMessage, TabMessage } from '../messages';

/**
 * The content script's check of what the background asks (issue 15.1): the same rules as `tabMessageSchema` in
 * lib/messages.ts, written by hand so that zod stays out of the webmail page (about 6.7 KiB gzip less in every page
 * load). test/content/guard.test.ts holds the two to the same answers over generated valid and invalid messages,
 * and the same output: known keys only, as zod returns them.
 */

/** zod 4's e-mail pattern (zod/v4/core regexes.email), as z.email() applies it. */
const email = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/u;
const zipName = /^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u;
const base64 = /^[A-Za-z0-9+/]*={0,2}$/u;

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isEmail = (value: unknown): value is string => typeof value === 'string' && email.test(value);
const isOptionalFlag = (value: unknown): value is boolean | undefined => value === undefined || typeof value === 'boolean';

function draftRequest(value: unknown): DraftRequestMessage | null {
  if (!isFields(value)) return null;
  const { to, subject, body, fileName, zipBase64, afterNavigation } = value;
  if (!isEmail(to) || !isText(subject, 200) || !isText(body, 20_000)) return null;
  if (fileName !== undefined && !(typeof fileName === 'string' && zipName.test(fileName))) return null;
  if (zipBase64 !== undefined && !(isText(zipBase64, 2_000_000) && base64.test(zipBase64))) return null;
  if (!isOptionalFlag(afterNavigation)) return null;
  // The file name and the zip go together.
  if ((fileName === undefined) !== (zipBase64 === undefined)) return null;
  return {
    to,
    subject,
    body,
    ...(fileName !== undefined ? { fileName } : {}),
    ...(zipBase64 !== undefined ? { zipBase64 } : {}),
    ...(afterNavigation !== undefined ? { afterNavigation } : {}),
  };
}

/** The message as `tabMessageSchema.safeParse` would return it, or null where zod would refuse it. */
export function parseTabMessage(value: unknown): TabMessage | null {
  if (!isFields(value)) return null;
  switch (value.type) {
    case 'draft.make': {
      const request = draftRequest(value.request);
      return request ? { type: 'draft.make', request } : null;
    }
    case 'draft.read':
    case 'tab.describe':
    case 'selfCheck.run':
      return { type: value.type };
    case 'pilot.run': {
      const { to, afterNavigation } = value;
      if (!isEmail(to) || !isOptionalFlag(afterNavigation)) return null;
      return { type: 'pilot.run', to, ...(afterNavigation !== undefined ? { afterNavigation } : {}) };
    }
    default:
      return null;
  }
}
