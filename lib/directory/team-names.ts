import { platform } from '../platform';
import { z } from 'zod';
import { t, type Locale } from '../i18n';

/**
 * Team names (issue 21.11): the directory named four teams four ways ("Team Kind en Gezin Dender", "Kind en Gezin
 * team Middenkempen", "lokaal team Kind en Gezin Zuiderkempen", "Kind en Gezin West-Limburg"), so the evaluation's
 * Team column would not merge. One pattern everywhere: "Kind en Gezin – <team>", an en dash with a space either side
 * and the team's own name (region or municipality) starting with a capital: "Kind en Gezin – Dender",
 * "Kind en Gezin – Regio Dender". Where IT sets a team list by policy (`teams`, and optionally the worker's own
 * `referrerTeam`), the options page and the panel's "Aan de slag" offer exactly those names.
 */
export const teamPrefix = 'Kind en Gezin';
export const teamNameMaxLength = 120;

// "Team Kind en Gezin", "lokaal team Kind & Gezin", "K&G", followed by "team", a dash or a colon.
const organisation = /^(?:(?:lokaal|lokale|regionaal)\s+)?(?:regio)?(?:team\s+)?(?:kind\s*(?:en|&|\+)\s*gezin|k\s*&\s*g)(?![\p{L}\p{N}])\s*(?:[-–—:|,/]\s*)?(?:(?:lokaal\s+)?team(?![\p{L}\p{N}])\s*)?(?:[-–—:]\s*)?/iu;
const teamWord = /^(?:(?:lokaal|lokale)\s+)?team\s+/iu;

/**
 * The one written form of a team name, from any of the ways people write it ("team dender", "Kind en Gezin team
 * Middenkempen", "Kind en Gezin - Dender"): "Kind en Gezin – Dender". Null when no team name is left, or it is too long.
 */
export function canonicalTeamName(input: string): string | null {
  const text = input.normalize('NFC').replace(/\s+/gu, ' ').trim();
  let rest = text.replace(organisation, '');
  if (rest === text) rest = text.replace(teamWord, '');
  rest = rest.replace(/^[-–—:\s]+|[-–—:\s]+$/gu, '');
  if (rest === '') return null;
  const name = `${teamPrefix} – ${rest.charAt(0).toLocaleUpperCase('nl')}${rest.slice(1)}`;
  return name.length <= teamNameMaxLength ? name : null;
}

const teamKey = (name: string) => (canonicalTeamName(name) ?? name).toLocaleLowerCase('nl');

/**
 * The team as the worker will have it stored: the offered name it matches in any spelling, else its canonical form
 * (else, text without a team name in it, as typed).
 */
export function matchTeam(typed: string, offered: readonly string[]): string {
  const trimmed = typed.trim();
  if (trimmed === '') return '';
  return offered.find((name) => teamKey(name) === teamKey(trimmed)) ?? canonicalTeamName(trimmed) ?? trimmed;
}

/** The teams the directory's protocols name, each in the one pattern, without duplicates, sorted. */
export function canonicalTeams(names: readonly (string | null | undefined)[]): string[] {
  const canonical = names.flatMap((name) => (name ? [canonicalTeamName(name)] : [])).filter((name): name is string => name !== null);
  return [...new Set(canonical)].sort((a, b) => a.localeCompare(b, 'nl'));
}

const teamNameSchema = z.string().trim().min(1).max(teamNameMaxLength);

/** The policy's team keys, beside the recipients: `teams` (the list) and `referrerTeam` (this worker's team). */
export const teamPolicyKeys = ['teams', 'referrerTeam'] as const;

export type TeamPolicy = { teams: string[] | null; referrerTeam: string | null };
export type TeamPolicyProblem = { field: (typeof teamPolicyKeys)[number]; message: string };

/**
 * Reads `teams` and `referrerTeam` from the policy value (anything at all): each name put in the one pattern,
 * duplicates dropped. A bad value is ignored and named; a `referrerTeam` outside the list is refused (the list wins).
 */
export function parseTeamPolicy(raw: unknown, locale: Locale = 'nl'): { policy: TeamPolicy; problems: TeamPolicyProblem[] } {
  const value = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const problems: TeamPolicyProblem[] = [];
  let teams: string[] | null = null;
  if (value.teams !== undefined) {
    const parsed = z.array(teamNameSchema).min(1).safeParse(value.teams);
    const names = parsed.success ? parsed.data.map(canonicalTeamName) : [];
    if (!parsed.success || names.some((name) => name === null)) problems.push({ field: 'teams', message: t('team_policyBadList', [], locale) });
    else teams = [...new Set(names as string[])];
  }
  let referrerTeam: string | null = null;
  if (value.referrerTeam !== undefined) {
    const parsed = teamNameSchema.safeParse(value.referrerTeam);
    const name = parsed.success ? canonicalTeamName(parsed.data) : null;
    if (name === null) problems.push({ field: 'referrerTeam', message: t('team_policyBadTeam', [], locale) });
    else if (teams && !teams.includes(name)) problems.push({ field: 'referrerTeam', message: t('team_policyNotInList', [name], locale) });
    else referrerTeam = name;
  }
  return { policy: { teams, referrerTeam }, problems };
}

/**
 * What the team field offers: the worker's team fixed by policy; else exactly the policy's list; else the
 * directory's teams as suggestions, any other name typed.
 */
export type TeamChoice = { kind: 'fixed'; team: string } | { kind: 'list'; teams: string[] } | { kind: 'free'; suggestions: string[] };

export function teamChoice(policy: TeamPolicy, suggestions: readonly string[]): TeamChoice {
  if (policy.referrerTeam) return { kind: 'fixed', team: policy.referrerTeam };
  if (policy.teams) return { kind: 'list', teams: policy.teams };
  return { kind: 'free', suggestions: [...suggestions] };
}

/** The team to store for what the worker typed or chose, under that choice. */
export function teamToStore(choice: TeamChoice, typed: string): string {
  if (choice.kind === 'fixed') return choice.team;
  if (choice.kind === 'list') return choice.teams.includes(typed) ? typed : '';
  return matchTeam(typed, choice.suggestions);
}

/** The team part of the organisation's settings, as the shell hands them over; none is no team policy. */
export async function loadTeamPolicy(): Promise<TeamPolicy> {
  return parseTeamPolicy(await platform().organisationSettings(teamPolicyKeys)).policy;
}
