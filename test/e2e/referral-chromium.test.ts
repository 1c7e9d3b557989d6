import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeE2eBuild, launchWithExtension, type LoadedExtension } from '../browser/extension';
import { expectReferralDraft } from './drafts';
import { client, fillReferral, panelFrame, shownPassword } from './panel-flow';
import { readDrafts } from './roundcube/imap';
import { loginRoundcube } from './roundcube/login';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';

// The whole referral on a real webmail: Roundcube + Dovecot on loopback, Debian's Chromium, the built extension.
describe('a referral in Roundcube, in Chromium', () => {
  let server: RoundcubeServer;
  let extension: LoadedExtension;
  let page: Page;
  let referred = { reference: '', firstUid: 0 };
  const consoleLines: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'va-e2e-'));

  beforeAll(async () => {
    server = await startRoundcube({ reset: true });
    extension = await launchWithExtension(chromeE2eBuild);
    // The user adds the Roundcube address in the options page; the e2e build already holds the loopback host.
    const options = await extension.context.newPage();
    await options.goto(`chrome-extension://${extension.id}/options.html`);
    await options.getByLabel('Adres van je Roundcube').fill(new URL(server.url).origin);
    await options.getByRole('button', { name: 'Voeg toe' }).click();
    await options.getByText(/^Toegevoegd: /u).waitFor();
    await options.close();
    page = await extension.context.newPage();
    // Everything the webmail page could observe: window messages (of any origin) and console output.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __seenMessages: string[] }).__seenMessages = seen;
      window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data ?? null)), true);
    });
    page.on('console', (message) => consoleLines.push(message.text()));
    extension.context.on('console', (message) => consoleLines.push(message.text()));
    await loginRoundcube(page, server);
  }, 900_000);

  afterAll(async () => {
    await extension?.close();
    await stopRoundcube();
    rmSync(work, { recursive: true, force: true });
  });

  it('goes from the button to a saved draft with the encrypted zip that 7-Zip opens with the shown password', async () => {
    // In the mail list: the button takes the user to a compose page, where the panel opens by itself.
    await page.locator('veilig-aanmelden').click();
    await page.waitForURL(/_action=compose/u);
    const panel = await panelFrame(page);
    await fillReferral(panel);
    const password = await shownPassword(panel);
    await panel.getByRole('button', { name: 'Maak concept' }).click();
    await panel.getByRole('heading', { name: 'Concept klaar' }).waitFor({ timeout: 30_000 });
    expect(await panel.getByText('Onderwerp en tekst van de mail bevatten geen gegevens van de cliënt.').count()).toBe(1);
    const reference = (await panel.locator('dd.mailbox').first().textContent()) ?? '';
    expect(reference).toMatch(/^KG-[2-9A-Z]{4}-[2-9A-Z]{4}$/u);

    // The webmail page holds the draft, and nothing of the client.
    expect(await page.locator('textarea#_to').inputValue()).toContain('sociale.dienst@lille.be');
    expect(await page.locator('#compose-subject').inputValue()).toBe(`Aanmelding Kind en Gezin – ${reference}`);
    await page.locator(`#attachment-list li[id^="rcmfile"]:has-text("aanmelding-${reference}.zip")`).waitFor();
    const html = await page.content();
    for (const value of [client.lastName, 'Testpersoon', client.email, client.street, '470 12 34 56', '470123456']) expect(html).not.toContain(value);

    // The user saves the draft (the extension never sends); then read it back over IMAP.
    await page.locator('#toolbar-menu a.save.draft').click();
    await expect.poll(() => page.locator('input[name="_draft_saveid"]').inputValue(), { timeout: 15_000 }).not.toBe('');
    const draft = await expectReferralDraft(server, reference, password, work);
    referred = { reference, firstUid: draft.uid };
  }, 120_000);

  it('leaves no client data where the page, storage or a console could see it', async () => {
    const seenByPage = await page.evaluate(() => (window as unknown as { __seenMessages: string[] }).__seenMessages.join('\n'));
    const worker = extension.context.serviceWorkers()[0];
    if (!worker) throw new Error('no service worker');
    const stored = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: Record<'local' | 'sync' | 'session', { get(keys: null): Promise<unknown> }> } }).chrome.storage;
      return JSON.stringify([await api.local.get(null), await api.sync.get(null), await api.session.get(null)]);
    });
    expect(stored).toContain(referred.reference); // the register is there, without client data
    for (const value of [client.lastName, 'Testpersoon', 'Zoë', client.email, client.street, '470123456', '470 12 34 56']) {
      expect(seenByPage).not.toContain(value);
      expect(stored).not.toContain(value);
      expect(consoleLines.join('\n')).not.toContain(value);
    }
  });

  it('ignores a forged window.postMessage from the webmail page: nothing attached, nothing answered', async () => {
    await page.goto(`${server.url}?_task=mail&_action=compose`);
    await page.locator('veilig-aanmelden').waitFor();
    const answered = await page.evaluate(async () => {
      const replies: unknown[] = [];
      window.addEventListener('message', (event) => replies.push(event.data));
      const request = { to: 'attacker@example.org', subject: 's', body: 'b', fileName: 'aanmelding-KG-2222-2222.zip', zipBase64: 'UEsDBA==' };
      for (const message of [{ type: 'tab.makeDraft', request }, { type: 'draft.make', request }, { type: 'tab.selfCheck' }, { type: 'form.load' }]) {
        window.postMessage(message, '*');
      }
      // Proving that nothing happens needs a bounded wait: half a second is ample for a draft that takes ~100 ms.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return replies.length;
    });
    expect(answered).toBe(4); // only the page's own four messages: no answer from the extension
    expect(await page.locator('textarea#_to').inputValue()).toBe('');
    expect(await page.locator('#attachment-list li').count()).toBe(0);
  });

  it('falls back when the page changed: says which step, offers the file, loses nothing typed', async () => {
    await page.goto(`${server.url}?_task=mail&_action=compose`);
    await page.locator('veilig-aanmelden').waitFor();
    // Simulate a Roundcube update that renamed the upload field.
    await page.evaluate(() => document.querySelector('#uploadformInput')?.remove());
    await page.locator('veilig-aanmelden').click();
    const panel = await panelFrame(page);
    await fillReferral(panel);
    await panel.getByRole('button', { name: 'Maak concept' }).click();
    await panel.getByText(/Deze stap lukte niet: het bestand toevoegen\./u).waitFor({ timeout: 30_000 });
    const download = panel.getByRole('link', { name: 'Download het versleutelde bestand' });
    expect(await download.getAttribute('download')).toMatch(/^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u);
    await panel.getByRole('button', { name: 'Probeer opnieuw' }).click();
    await panel.getByRole('button', { name: 'Terug' }).click();
    expect(await panel.getByLabel('Achternaam').inputValue()).toBe(client.lastName);
    expect(await panel.getByLabel('Telefoonnummer').inputValue()).toBe(client.phone);
  }, 120_000);

  it('withdraws that referral from the register: a second draft to the same mailbox, same reference, no client data', async () => {
    expect(referred.reference, 'the referral test must run first').not.toBe('');
    await page.goto(`${server.url}?_task=mail&_action=compose`);
    await page.locator('veilig-aanmelden').click();
    const panel = await panelFrame(page);
    await panel.getByRole('button', { name: 'Intrekking of verbetering' }).click();
    await panel.getByText(referred.reference).first().waitFor();
    await panel.getByRole('button', { name: `Trek in: ${referred.reference}` }).click();
    await panel.getByRole('button', { name: 'Maak concept van de intrekking' }).click();
    await panel.getByRole('heading', { name: 'Intrekking klaar' }).waitFor({ timeout: 30_000 });
    await page.locator('#toolbar-menu a.save.draft').click();
    await expect.poll(() => page.locator('input[name="_draft_saveid"]').inputValue(), { timeout: 15_000 }).not.toBe('');

    const drafts = await readDrafts(server);
    const referral = drafts.find((message) => message.uid === referred.firstUid);
    const withdrawal = drafts.find((message) => message.headers.subject === `Intrekking toestemming – ${referred.reference}`);
    if (!referral || !withdrawal) throw new Error('both drafts must be in Drafts');
    expect(withdrawal.headers.to).toBe(referral.headers.to);
    expect(withdrawal.text).toContain(referred.reference);
    expect(withdrawal.text).toContain('wissen');
    expect(withdrawal.attachments).toEqual([]);
    for (const value of ['Zoë', 'Testpersoon', client.email, client.street, '470', '2275', 'Gierle']) {
      expect(withdrawal.headers.subject + withdrawal.text).not.toContain(value);
    }
    // The register in the extension notes the withdrawal, still without client data.
    const options = await extension.context.newPage();
    await options.goto(`chrome-extension://${extension.id}/options.html`);
    await options.getByText('1 aanmeldingen in het register.').waitFor();
    await options.close();
  }, 120_000);
});
