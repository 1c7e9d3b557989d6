import { afterEach, describe, expect, it } from 'vitest';
import { createAddinPlatform } from '../../addin/platform';
import { extensionPlatform } from '../../lib/platform/extension';
import { setPlatform } from '../../lib/platform';
import { generateKey } from '../../lib/directory/key-strength';
import { addinSettings, addinSettingsFileName, makePolicyTableChecked, parseTeamList } from '../../lib/directory/policy-maker';
import { loadLayers } from '../../lib/directory/storage';
import { loadTeamPolicy } from '../../lib/directory/team-names';

// Issue 22 item 4: the policy maker's settings.json for the Outlook add-in, read back the way the task pane reads it:
// fetched beside taskpane.html by the add-in's platform, then checked by the shared loadLayers and loadTeamPolicy.

const page = 'https://intranet.example.org/veilig-aanmelden/taskpane.html';
const header = 'nis;ontvanger;mailadres;in_werking;einde;telefoon;bron;sleutel';

/** The add-in's platform serving `body` as settings.json, with every URL asked for. */
function serve(body: string) {
  const asked: string[] = [];
  const platform = createAddinPlatform({
    pageUrl: page,
    openSettings: () => undefined,
    fetcher: async (url) => {
      asked.push(url);
      return { ok: true, text: async () => body };
    },
  });
  setPlatform(platform);
  return asked;
}

afterEach(() => setPlatform(extensionPlatform));

describe('"Voor IT": settings.json for the Outlook add-in', () => {
  it('gives the add-in exactly the recipients (mailboxes, dates, phones, keys) and teams of the policy', async () => {
    const lilleKey = generateKey();
    const kortrijkKey = generateKey();
    const table = await makePolicyTableChecked([
      header,
      `13019;OCMW Lille;sociale.dienst@lille.be;01-11-2025;;014 88 20 00;protocol;${lilleKey}`,
      `34022;Kortrijk;sociaal@kortrijk.example;01-01-2026;31-12-2027;;Opgroeien IT;${kortrijkKey}`,
    ].join('\r\n'));
    const teams = parseTeamList('Team Kind en Gezin Dender\nKind en Gezin team Middenkempen', 'team dender');
    if (!table.ok || !teams.ok) throw new Error('the test table should be valid');
    const config = { ...table.table.config, ...teams.teams };

    const asked = serve(addinSettings(config));
    const layers = await loadLayers();
    expect(asked).toEqual([`https://intranet.example.org/veilig-aanmelden/${addinSettingsFileName}`]);
    expect(layers.managedProblems).toEqual([]);
    expect(layers.managed?.recipients).toEqual(config.recipients);
    expect(layers.managed?.recipients?.['13019']).toEqual({
      mailbox: 'sociale.dienst@lille.be', protocol: { inForceSince: '2025-11-01' }, phone: '014 88 20 00', source: 'protocol', preSharedKey: lilleKey,
    });
    expect(layers.managed?.recipients?.['34022']?.protocol).toEqual({ inForceSince: '2026-01-01', endedOn: '2027-12-31' });
    expect(layers.managed?.recipients?.['34022']?.preSharedKey).toBe(kortrijkKey);
    expect(await loadTeamPolicy()).toEqual({ teams: ['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen'], referrerTeam: 'Kind en Gezin – Dender' });
  });

  it('is plain JSON of one object, without the browsers\' wrapping, so nothing in it is lost to the add-in', () => {
    const text = addinSettings({ recipients: { '13019': { mailbox: 'sociale.dienst@lille.be' } } });
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ recipientIds: ['13019'], '13019': { mailbox: 'sociale.dienst@lille.be' } });
  });

  it('a team list alone reaches the add-in too', async () => {
    const teams = parseTeamList('Kind en Gezin – Regio Dender', '');
    if (!teams.ok) throw new Error('the team list should be valid');
    serve(addinSettings(teams.teams));
    expect(await loadTeamPolicy()).toEqual({ teams: ['Kind en Gezin – Regio Dender'], referrerTeam: null });
    expect((await loadLayers()).managed?.recipients).toEqual({});
  });
});
