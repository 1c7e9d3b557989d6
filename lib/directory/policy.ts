import { z } from 'zod';
import { t, type Locale, type MessageKey } from '../i18n';
import { isStrongKey, loadKeyEstimator, looksLikeGeneratedKey, needsKeyEstimator, type KeyEstimator } from './key-strength';
import { managedRecipientSchema, recipientIdSchema, type ManagedConfig, type ManagedRecipient } from './layers';
import { parseTeamPolicy, teamPolicyKeys } from './team-names';

/**
 * The enterprise policy, judged entry by entry (issue 12.6). Chrome's own schema check is deliberately loose
 * (public/managed_schema.json: strings and objects, no enums, no patterns), because one error there makes Chrome
 * drop the whole policy silently. Here each recipient is checked with zod: a bad entry is ignored alone and named,
 * the others apply.
 */
export type PolicyProblem = {
  /** The recipient key as IT wrote it ("13019", "caw-brussel", or whatever was there). */
  recipient: string;
  /** The field in error ("mailbox", "protocol.status"…; "" for the key or the entry as a whole). */
  field: string;
  /** Why, in the user's language. */
  message: string;
};

export type ParsedPolicy = { config: ManagedConfig; problems: PolicyProblem[]; entries: number };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reason for one zod issue on a managed entry, as a message key. */
export function issueReason(field: string, issue: z.core.$ZodIssue): MessageKey {
  const leaf = field.split('.').pop() ?? '';
  if (issue.code === 'unrecognized_keys') return 'policy_errUnknownField';
  if (issue.code === 'invalid_type') return issue.expected === 'object' ? 'policy_errObject' : 'policy_errText';
  if (leaf === 'preSharedKey') return issue.message === 'key-form' ? 'policy_errKeyForm' : 'policy_errWeakKey';
  if (leaf === 'status') return 'policy_errStatus';
  if (['signedOn', 'inForceSince', 'endedOn'].includes(leaf)) return 'policy_errDate';
  if (['mailbox', 'securityContact', 'privacyContact'].includes(leaf)) return 'policy_errEmail';
  if (leaf === 'phone') return 'policy_errPhone';
  if (issue.code === 'too_big') return 'policy_errTooLong';
  return 'policy_errInvalid';
}

/**
 * The managed entry's schema with its pre-shared key judged (issue 20 item 3): the generated form, or with the
 * estimator at hand a key of 10^38 guesses; the generator's characters written another way get their own message.
 */
function entrySchema(estimate: KeyEstimator | undefined) {
  const preSharedKey = z.string().check((context) => {
    const key = context.value;
    if (isStrongKey(key, estimate)) return;
    context.issues.push({ code: 'custom', input: key, message: looksLikeGeneratedKey(key) ? 'key-form' : 'weak-key' });
  });
  return managedRecipientSchema.extend({ preSharedKey: preSharedKey.optional() });
}

/** The pre-shared keys a policy value holds, in either form, to know whether judging them needs the estimator. */
function keysOf(raw: unknown): unknown[] {
  if (!isObject(raw)) return [];
  const values = Object.entries(raw).flatMap(([key, value]) => (key === 'recipients' && isObject(value) ? Object.values(value) : [value]));
  return values.map((value) => (isObject(value) ? value.preSharedKey : undefined));
}

/**
 * Checks one recipient entry; the problems name its fields. A pre-shared key not of the generated form passes only
 * with `estimate` (zxcvbn, see loadKeyEstimator): without it such a key is refused as weak.
 */
export function checkManagedEntry(
  key: string,
  value: unknown,
  knownIds: ReadonlySet<string>,
  locale: Locale = 'nl',
  estimate?: KeyEstimator,
): { entry: ManagedRecipient | null; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  if (!recipientIdSchema.safeParse(key).success) problems.push({ recipient: key, field: '', message: t('policy_errKey', [key], locale) });
  else if (!knownIds.has(key)) problems.push({ recipient: key, field: '', message: t('policy_errUnknownRecipient', [key], locale) });
  const parsed = entrySchema(estimate).safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [''];
      for (const extra of keys) {
        const field = [...issue.path.map(String), ...(extra ? [extra] : [])].join('.');
        // One message per field, even when it breaks two rules (too short and not a phone number).
        if (problems.some((problem) => problem.field === field)) continue;
        problems.push({ recipient: key, field, message: t(issueReason(field, issue), [], locale) });
      }
    }
  } else if (parsed.data.protocol?.inForceSince && parsed.data.protocol.endedOn && parsed.data.protocol.endedOn < parsed.data.protocol.inForceSince) {
    problems.push({ recipient: key, field: 'protocol.endedOn', message: t('policy_errEndBeforeStart', [], locale) });
  }
  return { entry: problems.length === 0 && parsed.success ? parsed.data : null, problems };
}

/**
 * The policy as Chrome or Firefox handed it over (anything at all), reduced to its valid entries and named problems.
 * One top-level key per recipient (what the policy maker writes), plus `recipientIds`, the keys IT meant to set:
 * a key listed there but absent was dropped by Chrome (a field of the wrong type, or a key that is no recipient).
 * The earlier form `{"recipients": {…}}` is read too.
 */
export function parsePolicy(raw: unknown, knownIds: ReadonlySet<string>, locale: Locale = 'nl', estimate?: KeyEstimator): ParsedPolicy {
  if (raw === undefined || raw === null || (isObject(raw) && Object.keys(raw).length === 0)) return { config: {}, problems: [], entries: 0 };
  if (!isObject(raw)) return { config: {}, problems: [{ recipient: '', field: '', message: t('policy_errObject', [], locale) }], entries: 0 };
  const problems: PolicyProblem[] = [];
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'recipientIds' || (teamPolicyKeys as readonly string[]).includes(key)) continue;
    if (key === 'recipients') {
      if (isObject(value)) entries.push(...Object.entries(value));
      else problems.push({ recipient: '', field: 'recipients', message: t('policy_errObject', [], locale) });
      continue;
    }
    entries.push([key, value]);
  }
  const listed = raw.recipientIds;
  if (listed !== undefined) {
    if (!Array.isArray(listed) || !listed.every((id) => typeof id === 'string')) {
      problems.push({ recipient: '', field: 'recipientIds', message: t('policy_errIdList', [], locale) });
    } else {
      const present = new Set(entries.map(([key]) => key));
      for (const id of listed) {
        if (present.has(id)) continue;
        const message = recipientIdSchema.safeParse(id).success && knownIds.has(id) ? t('policy_errDropped', [], locale) : t('policy_errKeyDropped', [id], locale);
        problems.push({ recipient: id, field: '', message });
      }
    }
  }
  const good: Record<string, ManagedRecipient> = {};
  for (const [key, value] of entries) {
    const checked = checkManagedEntry(key, value, knownIds, locale, estimate);
    problems.push(...checked.problems);
    if (checked.entry) good[key] = checked.entry;
  }
  // The team list and the worker's team (issue 21.11), beside the recipients.
  const teams = parseTeamPolicy(raw, locale);
  problems.push(...teams.problems.map((problem) => ({ recipient: '', field: problem.field, message: problem.message })));
  const config: ManagedConfig = { recipients: good };
  if (teams.policy.teams) config.teams = teams.policy.teams;
  if (teams.policy.referrerTeam) config.referrerTeam = teams.policy.referrerTeam;
  return { config, problems, entries: entries.length };
}

/** parsePolicy, with zxcvbn loaded first when a key is not of the generated form (the usual policy never loads it). */
export async function parsePolicyChecked(raw: unknown, knownIds: ReadonlySet<string>, locale: Locale = 'nl'): Promise<ParsedPolicy> {
  const estimate = needsKeyEstimator(keysOf(raw)) ? await loadKeyEstimator() : undefined;
  return parsePolicy(raw, knownIds, locale, estimate);
}

/** "OCMW Lille (13019), mailbox: geen geldig mailadres." — one line per problem, for the options page. */
export function problemLine(problem: PolicyProblem, recipientName: string | undefined, locale: Locale = 'nl'): string {
  const who = recipientName ? `${recipientName} (${problem.recipient})` : problem.recipient || t('policy_wholePolicy', [], locale);
  return problem.field ? `${who}, ${problem.field}: ${problem.message}` : `${who}: ${problem.message}`;
}
