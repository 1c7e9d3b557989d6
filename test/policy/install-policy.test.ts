import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../lib/directory';
import {
  checkInstallInput, chromeWebStoreUpdateUrl, edgeAddonsUpdateUrl, firefoxInstallPolicies, forcelistEntry, installPolicyJson, installReg,
  type InstallInput, type InstallPlan,
} from '../../lib/directory/install-policy';
import { chromeLinuxPolicy, firefoxPolicies, makePolicyTable, parseTeamList, policyObject, regFileBytes, windowsReg } from '../../lib/directory/policy-maker';
import { knownRecipientIds } from '../../lib/directory/storage';

// Issue 21.12: "Voor IT" also makes the policy that installs the extension itself, beside the recipients' policy.
const chromeId = 'abcdefghijklmnopabcdefghijklmnop';
const edgeId = 'ponmlkjihgfedcbaponmlkjihgfedcba';
const input: InstallInput = { chromeId, edgeId, updateUrl: '', firefoxInstallUrl: 'https://addons.mozilla.org/firefox/downloads/latest/veilig-aanmelden/latest.xpi' };

function plan(given: Partial<InstallInput> = {}): InstallPlan {
  const checked = checkInstallInput({ ...input, ...given });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.plan;
}

/** The values of a .reg file as regedit reads them: UTF-16LE with a BOM, one key, "name"="value" lines. */
function regValues(bytes: Uint8Array): { key: string; values: Record<string, string> } {
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
  const lines = new TextDecoder('utf-16le').decode(bytes.slice(2)).split('\r\n');
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
  const values = Object.fromEntries(
    lines.slice(3).filter(Boolean).map((line) => {
      const match = /^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$/u.exec(line);
      if (!match) throw new Error(line);
      const unescape = (value: string) => value.replace(/\\(.)/gu, '$1');
      return [unescape(match[1] ?? ''), unescape(match[2] ?? '')];
    }),
  );
  return { key: lines[2] ?? '', values };
}

describe('the install policy', () => {
  it('refuses a bad id or address, quoting the value, field by field', () => {
    const checked = checkInstallInput({ chromeId: 'abc', edgeId: ` ${chromeId.toUpperCase()} `, updateUrl: 'http://intern.example/crx', firefoxInstallUrl: 'niet een adres' });
    expect(checked).toEqual({
      ok: false,
      problems: [
        { field: 'chromeId', message: 'Dit is geen extensie-id: „abc”. Een id bestaat uit 32 letters a tot p.' },
        { field: 'edgeId', message: `Dit is geen extensie-id: „${chromeId.toUpperCase()}”. Een id bestaat uit 32 letters a tot p.` },
        { field: 'updateUrl', message: 'Dit is geen https-adres: „http://intern.example/crx”.' },
        { field: 'firefoxInstallUrl', message: 'Dit is geen https-adres: „niet een adres”.' },
      ],
    });
    expect(checkInstallInput({ ...input, chromeId: 'qrstuvwxyzqrstuvwxyzqrstuvwxyzqr' }, 'en')).toMatchObject({ ok: false, problems: [{ message: 'This is not an extension id: “qrstuvwxyzqrstuvwxyzqrstuvwxyzqr”. An id is 32 letters a to p.' }] });
  });

  it("Chrome and Edge: ExtensionSettings, force-installed, each from its own store under its own id", () => {
    const made = plan();
    expect(JSON.parse(installPolicyJson(made, 'chrome'))).toEqual({ ExtensionSettings: { [chromeId]: { installation_mode: 'force_installed', update_url: chromeWebStoreUpdateUrl } } });
    expect(JSON.parse(installPolicyJson(made, 'edge'))).toEqual({ ExtensionSettings: { [edgeId]: { installation_mode: 'force_installed', update_url: edgeAddonsUpdateUrl } } });
    expect(forcelistEntry(made, 'chrome')).toBe(`${chromeId};https://clients2.google.com/service/update2/crx`);
    expect(forcelistEntry(made, 'edge')).toBe(`${edgeId};https://edge.microsoft.com/extensionwebstorebase/v1/crx`);
    // A self-hosted update manifest serves both.
    const own = plan({ updateUrl: 'https://intern.example/veilig-aanmelden/update.xml' });
    expect(JSON.parse(installPolicyJson(own, 'edge')).ExtensionSettings[edgeId].update_url).toBe('https://intern.example/veilig-aanmelden/update.xml');
  });

  it('Windows: a .reg per browser, ExtensionSettings as a JSON string under the browser\'s policy key', () => {
    for (const [browserName, root, id, url] of [['chrome', 'Google\\Chrome', chromeId, chromeWebStoreUpdateUrl], ['edge', 'Microsoft\\Edge', edgeId, edgeAddonsUpdateUrl]] as const) {
      const { key, values } = regValues(regFileBytes(installReg(plan(), browserName)));
      expect(key).toBe(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${root}]`);
      expect(Object.keys(values)).toEqual(['ExtensionSettings']);
      expect(JSON.parse(values.ExtensionSettings ?? '')).toEqual({ [id]: { installation_mode: 'force_installed', update_url: url } });
    }
  });

  it('Firefox: ExtensionSettings with install_url, in the one policies.json beside the recipients', () => {
    const made = plan();
    expect(JSON.parse(firefoxInstallPolicies(made) ?? '')).toEqual({
      policies: { ExtensionSettings: { 'veilig-aanmelden@opgroeien.be': { installation_mode: 'force_installed', install_url: input.firefoxInstallUrl } } },
    });
    expect(firefoxInstallPolicies(plan({ firefoxInstallUrl: '' }))).toBeNull();
    const table = makePolicyTable('nis;ontvanger;mailadres;in_werking;einde;telefoon;bron\n13019;OCMW Lille;sociale.dienst@lille.be;01-11-2025;;;protocol\n');
    if (!table.ok) throw new Error(JSON.stringify(table.problems));
    const both = JSON.parse(firefoxPolicies(table.table.config, undefined, made.firefoxInstallUrl)) as { policies: Record<string, unknown> };
    expect(Object.keys(both.policies).sort()).toEqual(['3rdparty', 'ExtensionSettings']);
    // Without an install URL the file is exactly what it was.
    expect(firefoxPolicies(table.table.config)).toBe(firefoxPolicies(table.table.config, undefined, null));
    expect(Object.keys(JSON.parse(firefoxPolicies(table.table.config)).policies)).toEqual(['3rdparty']);
  });
});

describe("the team list in the recipients' policy", () => {
  it('writes every name in the one pattern, refuses a line with the value quoted, and the extension reads it back', () => {
    expect(parseTeamList('Team Kind en Gezin Dender\n\nKind en Gezin team Middenkempen\nkind en gezin dender\n', 'middenkempen')).toEqual({
      ok: true,
      teams: { teams: ['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen'], referrerTeam: 'Kind en Gezin – Middenkempen' },
    });
    expect(parseTeamList('Kind en Gezin – Dender\nKind en Gezin', 'Meetjesland')).toEqual({
      ok: false,
      problems: ['Teams, regel 2: „Kind en Gezin” is geen teamnaam. Schrijf bijvoorbeeld Kind en Gezin – Dender.', 'Team van de medewerkers: „Meetjesland” staat niet in de lijst van teams.'],
    });
    const config = { recipients: {}, teams: ['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen'], referrerTeam: 'Kind en Gezin – Dender' };
    expect(parsePolicy(policyObject(config), knownRecipientIds)).toEqual({ config, problems: [], entries: 0 });
    // Linux: the one file holds the policy under Chrome's and Edge's ids.
    const linux = JSON.parse(chromeLinuxPolicy(config, chromeId, edgeId)) as { '3rdparty': { extensions: Record<string, unknown> } };
    expect(Object.keys(linux['3rdparty'].extensions)).toEqual([chromeId, edgeId]);
    // Windows: the list as JSON text, the worker's team as plain text (a string policy).
    const { values } = regValues(regFileBytes(windowsReg(config, edgeId, 'edge')));
    expect(JSON.parse(values.teams ?? '')).toEqual(config.teams);
    expect(values.referrerTeam).toBe('Kind en Gezin – Dender');
  });
});
