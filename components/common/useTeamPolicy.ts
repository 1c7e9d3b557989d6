import { useEffect, useState } from 'react';
import { knownTeams, type DirectoryIndex } from '../../lib/directory';
import { platform } from '../../lib/platform';
import { canonicalTeams, loadTeamPolicy, teamChoice, type TeamChoice, type TeamPolicy } from '../../lib/directory/team-names';

/**
 * What the team field offers (issue 21.11): the organisation's list or the worker's team when the policy sets them,
 * else the directory's teams in the one pattern. Follows a changed policy while the page is open.
 */
export function useTeamChoice(directory: DirectoryIndex): TeamChoice {
  const [policy, setPolicy] = useState<TeamPolicy>({ teams: null, referrerTeam: null });
  const [suggestions] = useState(() => canonicalTeams(knownTeams(directory)));
  useEffect(() => {
    let live = true;
    const load = () =>
      void loadTeamPolicy().then((loaded) => {
        if (live) setPolicy(loaded);
      });
    load();
    const stop = platform().onOrganisationSettingsChange(load);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return teamChoice(policy, suggestions);
}
