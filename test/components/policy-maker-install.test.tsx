// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PolicyMakerSection } from '../../components/options/PolicyMakerSection';
import { captureDownloads } from '../support/downloads';

// Issue 21.12 in "Voor IT": the policy that installs the extension, an Edge id of its own, one line per download on
// where it goes, errors quoting the wrong value, the team list (21.11) and the note for the OCMW's IT.
const chromeId = 'abcdefghijklmnopabcdefghijklmnop';
const edgeId = 'ponmlkjihgfedcbaponmlkjihgfedcba';

describe('"Voor IT": installing the extension', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('Edge follows Chrome\'s id until given its own; a wrong id or address is named with the value, next to its field', async () => {
    const user = userEvent.setup();
    render(<PolicyMakerSection />);
    const chrome = screen.getByLabelText('Id van de extensie in Chrome') as HTMLInputElement;
    const edge = screen.getByLabelText('Id van de extensie in Edge') as HTMLInputElement;
    await user.type(chrome, 'abc');
    expect(edge.value).toBe('abc');
    await user.type(screen.getByLabelText('Installatie-URL voor Firefox (optioneel)'), 'http://intern.example/va.xpi');
    await user.click(screen.getByRole('button', { name: 'Maak beleid' }));
    expect(chrome.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('Dit is geen extensie-id: „abc”. Een id bestaat uit 32 letters a tot p.')).toHaveLength(2);
    expect(screen.getByText('Dit is geen https-adres: „http://intern.example/va.xpi”.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Verbeter eerst de velden met een fout: er is nog geen beleid gemaakt.');
    expect(screen.queryByRole('region', { name: 'Beleid' })).toBeNull();
    await user.clear(chrome);
    await user.type(chrome, chromeId);
    expect(edge.value).toBe(chromeId);
    await user.clear(edge);
    await user.type(edge, edgeId);
    await user.clear(chrome);
    await user.type(chrome, chromeId);
    expect(edge.value).toBe(edgeId);
  });

  it('makes the install policy for each browser, with where each file goes; the team list joins the recipients\' policy', async () => {
    const user = userEvent.setup();
    const files = captureDownloads();
    render(<PolicyMakerSection />);
    await user.type(screen.getByLabelText('Id van de extensie in Chrome'), chromeId);
    await user.clear(screen.getByLabelText('Id van de extensie in Edge'));
    await user.type(screen.getByLabelText('Id van de extensie in Edge'), edgeId);
    await user.type(screen.getByLabelText('Installatie-URL voor Firefox (optioneel)'), 'https://intern.example/veilig-aanmelden.xpi');
    await user.type(screen.getByLabelText('Teams van je organisatie (optioneel, één per regel)'), 'Team Kind en Gezin Dender{Enter}Kind en Gezin team Middenkempen');
    await user.click(screen.getByRole('button', { name: 'Maak beleid' }));
    const result = within(await screen.findByRole('region', { name: 'Beleid' }));
    expect(result.getByText('Beleid gemaakt met de lijst van teams, zonder ontvangers.')).toBeTruthy();
    const policy = JSON.parse(result.getByLabelText('Chrome en Edge op Linux (JSON)', { selector: 'pre' }).textContent ?? '') as {
      '3rdparty': { extensions: Record<string, { teams: string[] }> };
    };
    expect(policy['3rdparty'].extensions[edgeId]?.teams).toEqual(['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen']);
    const install = JSON.parse(result.getByLabelText('Chrome installeren op Linux en macOS (JSON)', { selector: 'pre' }).textContent ?? '') as unknown;
    expect(install).toEqual({ ExtensionSettings: { [chromeId]: { installation_mode: 'force_installed', update_url: 'https://clients2.google.com/service/update2/crx' } } });
    // One line under each download: where it goes and how to check.
    const item = (name: string) => result.getByRole('button', { name }).closest('li')?.textContent ?? '';
    expect(item('Chrome installeren op Linux en macOS (JSON)')).toMatch(/\/etc\/opt\/chrome\/policies\/managed\/.*com\.google\.Chrome.*chrome:\/\/policy/u);
    expect(item('Edge installeren op Windows (.reg)')).toContain(`ExtensionInstallForcelist: ${edgeId};https://edge.microsoft.com/extensionwebstorebase/v1/crx`);
    expect(item('Firefox (policies.json)')).toMatch(/distribution.*about:policies/u);
    expect(item('Chrome en Edge op Linux (JSON)')).toMatch(/\/etc\/chromium\/policies\/managed\/.*chrome:\/\/policy/u);
    expect(item('Chrome en Edge op macOS (JSON voor het configuratieprofiel)')).toContain(`com.microsoft.Edge.extensions.${edgeId}`);

    await user.click(result.getByRole('button', { name: 'Edge installeren op Linux en macOS (JSON)' }));
    await user.click(result.getByRole('button', { name: 'Firefox (policies.json)' }));
    expect(files.map((file) => file.name)).toEqual(['veilig-aanmelden-installeren-edge.json', 'policies.json']);
    expect(JSON.parse(await files[0]!.blob.text())).toEqual({ ExtensionSettings: { [edgeId]: { installation_mode: 'force_installed', update_url: 'https://edge.microsoft.com/extensionwebstorebase/v1/crx' } } });
    // Firefox reads one file: the install and the teams together.
    const firefox = JSON.parse(await files[1]!.blob.text()) as { policies: Record<string, Record<string, unknown>> };
    expect(firefox.policies.ExtensionSettings).toEqual({ 'veilig-aanmelden@opgroeien.be': { installation_mode: 'force_installed', install_url: 'https://intern.example/veilig-aanmelden.xpi' } });
    expect(firefox.policies['3rdparty']).toEqual({ Extensions: { 'veilig-aanmelden@opgroeien.be': { recipientIds: [], teams: ['Kind en Gezin – Dender', 'Kind en Gezin – Middenkempen'] } } });
  });

  it('without a table or teams: only the install, and a bad team line is named with its value', async () => {
    const user = userEvent.setup();
    render(<PolicyMakerSection />);
    await user.type(screen.getByLabelText('Id van de extensie in Chrome'), chromeId);
    await user.type(screen.getByLabelText('Team van de medewerkers die dit beleid krijgen (optioneel)'), 'Kind en Gezin');
    await user.click(screen.getByRole('button', { name: 'Maak beleid' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Team van de medewerkers: „Kind en Gezin” staat niet in de lijst van teams.');
    await user.clear(screen.getByLabelText('Team van de medewerkers die dit beleid krijgen (optioneel)'));
    await user.click(screen.getByRole('button', { name: 'Maak beleid' }));
    const result = within(await screen.findByRole('region', { name: 'Beleid' }));
    expect(result.queryByRole('button', { name: 'Chrome en Edge op Linux (JSON)' })).toBeNull();
    expect(result.getByRole('button', { name: 'Chrome installeren op Windows (.reg)' })).toBeTruthy();
    expect(result.getByText('Firefox: geef de installatie-URL hierboven om ook de extensie te laten installeren.')).toBeTruthy();
  });

  it('gives the OCMW\'s IT a paragraph to forward about the encrypted zip, with a copy button', async () => {
    const user = userEvent.setup();
    render(<PolicyMakerSection />);
    const text = screen.getByText(/^Aanmeldingen van Kind en Gezin komen bij jullie sociale dienst aan als een zip-bestand met een wachtwoord/u).textContent ?? '';
    expect(text).toMatch(/quarantaine/u);
    expect(text).toMatch(/Exchange Online/u);
    expect(text).toMatch(/Een bijlage is beveiligd met een wachtwoord/u);
    await user.click(screen.getByRole('button', { name: 'Kopieer de tekst voor de IT-dienst van het OCMW' }));
    expect(await navigator.clipboard.readText()).toBe(text);
  });
});
