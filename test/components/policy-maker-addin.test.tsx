// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAddinPlatform } from '../../addin/platform';
import { PolicyMakerSection } from '../../components/options/PolicyMakerSection';
import { loadLayers } from '../../lib/directory/storage';
import { loadTeamPolicy } from '../../lib/directory/team-names';
import { t } from '../../lib/i18n';
import { setPlatform } from '../../lib/platform';
import { extensionPlatform } from '../../lib/platform/extension';
import { captureDownloads } from '../support/downloads';

// Issue 22 items 4 and 7 in "Voor IT": the Outlook add-in's settings.json as a download beside the browsers' policy
// files, read back through the add-in's own platform; and the subsection on hosting and rolling out the add-in.

const header = 'nis;ontvanger;mailadres;in_werking;einde;telefoon;bron';

describe('"Voor IT": the Outlook add-in', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    setPlatform(extensionPlatform);
  });

  it('offers settings.json for the add-in, with where it goes, holding what the policy holds', async () => {
    const user = userEvent.setup();
    const files = captureDownloads();
    render(<PolicyMakerSection />);
    await user.click(screen.getByLabelText('Tabel (CSV of geplakt uit Excel)'));
    await user.paste(`${header}\n13019;OCMW Lille;sociale.dienst@lille.be;01-11-2025;;014 88 20 00;protocol\n`);
    await user.type(screen.getByLabelText('Teams van je organisatie (optioneel, één per regel)'), 'Team Kind en Gezin Dender');
    await user.type(screen.getByLabelText('Id van de extensie in Chrome'), 'abcdefghijklmnopabcdefghijklmnop');
    await user.click(screen.getByRole('button', { name: 'Maak beleid' }));
    const result = within(await screen.findByRole('region', { name: 'Beleid' }));
    const download = result.getByRole('button', { name: 'settings.json voor de Outlook-invoegtoepassing' });
    expect(download.closest('li')?.textContent).toMatch(/naast taskpane\.html, in dezelfde map op de HTTPS-server van de invoegtoepassing/u);
    await user.click(download);
    expect(files.map((file) => file.name)).toEqual(['settings.json']);
    const text = await files[0]!.blob.text();
    expect(files[0]!.blob.type).toBe('application/json');

    // The file as the task pane gets it: fetched beside taskpane.html, checked by the shared layers.
    setPlatform(createAddinPlatform({
      pageUrl: 'https://intranet.example.org/va/taskpane.html', openSettings: () => undefined, fetcher: async () => ({ ok: true, text: async () => text }),
    }));
    const layers = await loadLayers();
    expect(layers.managedProblems).toEqual([]);
    expect(layers.managed?.recipients).toEqual({
      '13019': { mailbox: 'sociale.dienst@lille.be', protocol: { inForceSince: '2025-11-01' }, phone: '014 88 20 00', source: 'protocol' },
    });
    expect(await loadTeamPolicy()).toEqual({ teams: ['Kind en Gezin – Dender'], referrerTeam: null });
  });

  it('offers no settings.json when IT made only the install policy', async () => {
    const user = userEvent.setup();
    render(<PolicyMakerSection />);
    await user.type(screen.getByLabelText('Id van de extensie in Chrome'), 'abcdefghijklmnopabcdefghijklmnop');
    await user.click(screen.getByRole('button', { name: 'Maak beleid' }));
    const result = within(await screen.findByRole('region', { name: 'Beleid' }));
    expect(result.queryByRole('button', { name: 'settings.json voor de Outlook-invoegtoepassing' })).toBeNull();
  });

  it('says where to host the add-in, how to roll it out and pilot it, and what it can see, in nl, en and fr', () => {
    render(<PolicyMakerSection />);
    const section = screen.getByRole('heading', { name: 'Outlook-invoegtoepassing' }).closest('section');
    if (!section) throw new Error('no section');
    const text = section.textContent ?? '';
    for (const part of [
      'VA_ADDIN_ORIGIN=https://… npm run build:addin', '.output/addin/', 'HTTPS-webserver van je organisatie',
      'Microsoft 365-beheercentrum → Geïntegreerde apps → Aangepaste apps uploaden → Office-invoegtoepassing', 'manifest.xml',
      'toe aan het team', 'tot 24 uur', '72 uur', 'Mijn invoegtoepassingen → Een aangepaste invoegtoepassing toevoegen → Uit bestand',
      'Test de koppeling', 'ReadWriteItem', 'Alleen de mail waarin', 'verstuurt niets', 'Microsoft Graph niet', 'settings.json',
    ]) {
      expect(text).toContain(part);
    }
    // The steps in order, as a list.
    expect(within(section).getAllByRole('listitem')).toHaveLength(4);
    expect(t('it_addinUpload', [], 'en')).toBe('Deploy: Microsoft 365 admin center → Integrated apps → Upload custom apps → Office Add-in → upload the file manifest.xml from that folder.');
    expect(t('it_addinHost', ['settings.json'], 'fr')).toContain('Placez settings.json (créé ci-dessus) à côté.');
    expect(t('it_addinSees', [], 'fr')).toContain('ReadWriteItem');
    for (const locale of ['en', 'fr'] as const) expect(t('it_addinSideload', [], locale)).toContain('manifest.xml');
  });
});
