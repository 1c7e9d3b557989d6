// @vitest-environment node
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPlainChromium } from '../browser/chromium';
import { fill, textAppears } from '../support/driver';
import { connectImap, readDrafts } from './roundcube/imap';
import { mailAddresses } from './roundcube/mime';
import { loadCompose, loginRoundcube, roundcubeSelectors as rc, saveDraft, waitForAttachment } from './roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';

// The real webmail: Roundcube 1.6 and Dovecot from Debian, on 127.0.0.1 (scripts/roundcube/start.sh). A draft saved
// through Roundcube's own compose form in Chromium must come back over IMAP exactly as it was typed and attached.
// Synthetic people and data only.

/** Deterministic bytes that are not text: every byte value occurs, and they are not valid UTF-8. */
function attachmentBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = i < 256 ? i : state >>> 24;
  }
  return bytes;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the Roundcube sandbox', () => {
  let server: RoundcubeServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  /** The attachment is uploaded from a file, as a worker picks it: here, in a folder of its own. */
  const folder = mkdtempSync(join(tmpdir(), 'va-roundcube-sandbox-'));

  const stamp = `${Date.now()}`;
  const recipient = 'jan.peeters@example.be';
  const subject = `Aanmelding Jan Peeters – één dossier ${stamp}`;
  // Longer than Roundcube's 72-character lines: it is stored as format=flowed and must read back as typed.
  const body =
    'Dag collega,\n\nIn bijlage vindt u de aanmelding van Jan Peeters, versleuteld, zoals afgesproken met het OCMW. ' +
    'Het wachtwoord volgt via een ander kanaal.\n\nMet vriendelijke groeten,\nAn Janssens\n';
  const filename = `aanmelding Jan Peeters – één ${stamp}.zip`;
  const bytes = attachmentBytes(70_001);

  beforeAll(async () => {
    // The first run installs Debian packages (about 40 s); afterwards this takes about a second.
    server = await startRoundcube({ reset: true });
    browser = await launchPlainChromium();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
  }, 16 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopRoundcube();
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  let savedUid = 0;

  it('starts from an empty Drafts folder after a reset', async (context) => {
    // start.sh skips the reset while another test process uses the sandbox.
    if (!server.wasReset) context.skip('no reset: another test process uses the sandbox');
    expect(await readDrafts(server)).toEqual([]);
  });

  it('saves a draft through the compose form: recipient, subject, body and attachment', async () => {
    await loginRoundcube(page, server);
    await loadCompose(page, server);
    // elastic builds the recipient widget after Roundcube's init; the body and file input must be usable.
    await page.waitForSelector(rc.toInput, { visible: true, timeout: 15_000 });
    await page.waitForSelector(rc.body, { visible: true, timeout: 15_000 });
    await page.waitForSelector(rc.fileInput, { timeout: 15_000 });

    await page.click(rc.toInput);
    await page.keyboard.type(recipient);
    await page.keyboard.press('Enter'); // the typed address becomes a recipient token
    await expect
      .poll(() => page.$$eval(rc.toTokens, (tokens) => tokens.map((token) => (token as HTMLElement).innerText)), { timeout: 5_000 })
      .toEqual([expect.stringContaining(recipient)]);
    await fill((await page.$(rc.subject)) as ElementHandle<HTMLInputElement>, subject);
    await fill((await page.$(rc.body)) as ElementHandle<HTMLTextAreaElement>, body);

    const file = join(folder, filename);
    writeFileSync(file, bytes);
    await ((await page.$(rc.fileInput)) as ElementHandle<HTMLInputElement>).uploadFile(file);
    await waitForAttachment(page, filename, { timeout: 20_000 });
    expect(await page.$$eval(rc.uploaded, (items) => items.map((item) => (item as HTMLElement).innerText))).toEqual([expect.stringContaining(filename)]);

    savedUid = await saveDraft(page, { timeout: 20_000 });
    await textAppears(page, `${rc.messages} div.confirmation`, 'Message saved to Drafts', { contains: true, timeout: 10_000 });
    expect(savedUid).toBeGreaterThan(0);

    const drafts = await readDrafts({ ...server, subject: stamp });
    expect(drafts.map((draft) => draft.uid)).toEqual([savedUid]);
    const draft = drafts[0]!;
    expect(mailAddresses(draft.headers.to ?? '')).toEqual([recipient]);
    expect(draft.headers.subject).toBe(subject);
    expect(draft.text.trimEnd()).toBe(body.trimEnd());
    expect(draft.html).toBeNull();
    expect(draft.attachments.map((attachment) => attachment.filename)).toEqual([filename]);
    const attachment = draft.attachments[0]!;
    expect(attachment.bytes.length).toBe(bytes.length);
    expect(sha256(attachment.bytes)).toBe(sha256(bytes));
    expect(Buffer.compare(attachment.bytes, bytes)).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('finds the draft with UID SEARCH by a non-ASCII subject (sent as an IMAP literal)', async () => {
    const client = await connectImap({ ...server, timeoutMs: 5_000 });
    try {
      const status = await client.mailboxOpen('Drafts', { readOnly: true });
      const all = await client.search({ all: true }, { uid: true });
      expect(all).toContain(savedUid);
      expect(all).toHaveLength(status.exists);
      expect(await client.search({ subject: `één dossier ${stamp}` }, { uid: true })).toEqual([savedUid]);
      expect(await client.search({ subject: `één dossier ${stamp}x` }, { uid: true })).toEqual([]);
      const raw = await client.fetchAll([savedUid], { uid: true, source: true }, { uid: true });
      expect(raw.map((message) => message.uid)).toEqual([savedUid]);
      expect(raw[0]!.source!.toString('utf8')).toMatch(new RegExp(`^Subject: .*\\r\\n`, 'mu'));
      await client.logout();
    } finally {
      client.close();
    }
  });
});
