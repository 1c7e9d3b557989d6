import type { DraftRequestMessage, TabMessage } from '../messages';
import { tabLimits, tabPatterns } from '../message-rules';

/**
 * The content script's check of what the background asks (issue 15.1): the same rules as `tabMessageSchema` in
 * lib/messages.ts, written by hand so that zod stays out of the webmail page (about 6.7 KiB gzip less in every page
 * load). Both read their limits and patterns from lib/message-rules.ts. The guard is a map over every tab message
 * type (issue 23.3): a new type fails typecheck until it has its entry here. test/content/guard.test.ts holds the two
 * to the same answers over messages generated from the schema's own types and fields, and the same output: known
 * keys only, as zod returns them.
 */

type Fields = Record<string, unknown>;
type TabMessageType = TabMessage['type'];
type Guard = { readonly [K in TabMessageType]: (fields: Fields) => Extract<TabMessage, { type: K }> | null };

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isEmail = (value: unknown): value is string => typeof value === 'string' && tabPatterns.email.test(value);
const isOptionalFlag = (value: unknown): value is boolean | undefined => value === undefined || typeof value === 'boolean';
/** `{ key: value }` when the value is there, `{}` when not: zod leaves absent optional keys out. */
const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));

function draftRequest(value: unknown): DraftRequestMessage | null {
  if (!isFields(value)) return null;
  const { to, subject, body, fileName, zipBase64, afterNavigation } = value;
  if (!isEmail(to) || !isText(subject, tabLimits.subject) || !isText(body, tabLimits.body)) return null;
  if (fileName !== undefined && !(typeof fileName === 'string' && tabPatterns.zipName.test(fileName))) return null;
  if (zipBase64 !== undefined && !(isText(zipBase64, tabLimits.zipBase64) && tabPatterns.base64.test(zipBase64))) return null;
  if (!isOptionalFlag(afterNavigation)) return null;
  // The file name and the zip go together.
  if ((fileName === undefined) !== (zipBase64 === undefined)) return null;
  return { to, subject, body, ...optional('fileName', fileName), ...optional('zipBase64', zipBase64), ...optional('afterNavigation', afterNavigation) };
}

const guard = {
  'draft.make': ({ request }) => {
    const checked = draftRequest(request);
    return checked ? { type: 'draft.make', request: checked } : null;
  },
  'draft.read': () => ({ type: 'draft.read' }),
  'tab.describe': () => ({ type: 'tab.describe' }),
  'selfCheck.run': () => ({ type: 'selfCheck.run' }),
  'pilot.run': ({ to, afterNavigation }) => {
    if (!isEmail(to) || !isOptionalFlag(afterNavigation)) return null;
    return { type: 'pilot.run', to, ...optional('afterNavigation', afterNavigation) };
  },
} satisfies Guard;

const isTabMessageType = (type: unknown): type is TabMessageType => typeof type === 'string' && Object.hasOwn(guard, type);

/** The message as `tabMessageSchema.safeParse` would return it, or null where zod would refuse it. */
export function parseTabMessage(value: unknown): TabMessage | null {
  if (!isFields(value) || !isTabMessageType(value.type)) return null;
  const check: (fields: Fields) => TabMessage | null = guard[value.type];
  return check(value);
}
