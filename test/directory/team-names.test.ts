import { describe, expect, it } from 'vitest';
import { createDirectory, knownTeams, parsePolicy, problemLine } from '../../lib/directory';
import { knownRecipientIds } from '../../lib/directory/storage';
import { canonicalTeamName, canonicalTeams, matchTeam, parseTeamPolicy, teamChoice, teamToStore } from '../../lib/directory/team-names';

// Issue 21.11: the directory named 4 teams 4 ways, so the evaluation's Team column would not merge.
describe('team names: one pattern, "Kind en Gezin – <team>"', () => {
  it.each([
    ['Team Kind en Gezin Dender', 'Kind en Gezin – Dender'],
    ['Kind en Gezin team Middenkempen', 'Kind en Gezin – Middenkempen'],
    ['lokaal team Kind en Gezin Zuiderkempen', 'Kind en Gezin – Zuiderkempen'],
    ['Kind en Gezin West-Limburg', 'Kind en Gezin – West-Limburg'],
    ['Kind en Gezin - Dender', 'Kind en Gezin – Dender'],
    ['kind & gezin: dender', 'Kind en Gezin – Dender'],
    ['team dender', 'Kind en Gezin – Dender'],
    ['Dender', 'Kind en Gezin – Dender'],
    ['  Kind en Gezin –  Regio   Dender ', 'Kind en Gezin – Regio Dender'],
    ['Kind en Gezin – Dender', 'Kind en Gezin – Dender'],
  ])('%s → %s', (typed, canonical) => {
    expect(canonicalTeamName(typed)).toBe(canonical);
    // Idempotent: the pattern written once more stays itself.
    expect(canonicalTeamName(canonical)).toBe(canonical);
  });

  it('refuses what holds no team name, or one too long', () => {
    expect(canonicalTeamName('Kind en Gezin')).toBeNull();
    expect(canonicalTeamName('Team Kind en Gezin – ')).toBeNull();
    expect(canonicalTeamName('')).toBeNull();
    expect(canonicalTeamName('x'.repeat(120))).toBeNull();
  });

  it("offers the directory's four teams written one way", () => {
    const teams = canonicalTeams(knownTeams(createDirectory()));
    expect(knownTeams(createDirectory())).toHaveLength(4);
    expect(teams).toEqual(['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen', 'Kind en Gezin – West-Limburg', 'Kind en Gezin – Zuiderkempen']);
    expect(matchTeam('team middenkempen', teams)).toBe('Kind en Gezin – Middenkempen');
    expect(matchTeam('', teams)).toBe('');
  });
});

describe('the team list by policy', () => {
  const teams = ['Kind en Gezin – Dender', 'Team Kind en Gezin Middenkempen', 'Kind en Gezin – Dender'];

  it('reads teams and referrerTeam in the one pattern, without duplicates', () => {
    expect(parseTeamPolicy({ teams, referrerTeam: 'kind en gezin team middenkempen' })).toEqual({
      policy: { teams: ['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen'], referrerTeam: 'Kind en Gezin – Middenkempen' },
      problems: [],
    });
    expect(parseTeamPolicy({})).toEqual({ policy: { teams: null, referrerTeam: null }, problems: [] });
  });

  it('ignores and names a bad list, or a worker team outside the list', () => {
    expect(parseTeamPolicy({ teams: 'Kind en Gezin – Dender' }).problems).toEqual([{ field: 'teams', message: expect.stringMatching(/^teams moet een lijst van teamnamen zijn/u) }]);
    expect(parseTeamPolicy({ teams: ['Kind en Gezin – Dender', 42] }).policy.teams).toBeNull();
    const outside = parseTeamPolicy({ teams: ['Kind en Gezin – Dender'], referrerTeam: 'Kind en Gezin – Meetjesland' });
    expect(outside.policy).toEqual({ teams: ['Kind en Gezin – Dender'], referrerTeam: null });
    expect(outside.problems).toEqual([{ field: 'referrerTeam', message: 'referrerTeam „Kind en Gezin – Meetjesland” staat niet in teams. Wordt genegeerd.' }]);
  });

  it('sits beside the recipients in the policy: never read as a recipient, its problems named', () => {
    const parsed = parsePolicy(
      { recipientIds: ['13019'], '13019': { mailbox: 'sociale.dienst@lille.be', protocol: { inForceSince: '2025-11-01' } }, teams, referrerTeam: 7 },
      knownRecipientIds,
    );
    expect(Object.keys(parsed.config.recipients ?? {})).toEqual(['13019']);
    expect(parsed.config.teams).toEqual(['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen']);
    expect(parsed.config.referrerTeam).toBeUndefined();
    expect(parsed.problems.map((problem) => problemLine(problem, undefined))).toEqual([expect.stringMatching(/^Beleid, referrerTeam: referrerTeam moet een teamnaam zijn/u)]);
  });

  it('the team field offers exactly the list, or the fixed team, and stores only those', () => {
    const list = teamChoice({ teams: ['Kind en Gezin – Dender'], referrerTeam: null }, ['Kind en Gezin – Middenkempen']);
    expect(list).toEqual({ kind: 'list', teams: ['Kind en Gezin – Dender'] });
    expect(teamToStore(list, 'Kind en Gezin – Dender')).toBe('Kind en Gezin – Dender');
    expect(teamToStore(list, 'Team Middenkempen')).toBe('');
    const fixed = teamChoice({ teams: ['Kind en Gezin – Dender'], referrerTeam: 'Kind en Gezin – Dender' }, []);
    expect(teamToStore(fixed, 'iets anders')).toBe('Kind en Gezin – Dender');
    expect(teamToStore(teamChoice({ teams: null, referrerTeam: null }, []), 'Team Kind en Gezin Dender')).toBe('Kind en Gezin – Dender');
  });
});
