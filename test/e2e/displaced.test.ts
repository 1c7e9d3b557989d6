import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSidePanel, type ChromiumWithExtension } from '../browser/chromium';
import { chromeE2eBuild } from '../browser/extension';
import { textAppears } from '../support/driver';
import { chromiumOnRoundcube, clickPanelButton, fillReferral, finishReferral, makeDraft, runPilotCheck, waitForTargetLine } from './flow';
import { connectImap, readDrafts } from './roundcube/imap';
import { mailAddresses } from './roundcube/mime';
import { composeState, waitForAttachment, waitForRoundcube } from './roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';

// Issue 21.10 in a real browser: Roundcube throws away the compose on screen when the tab leaves it (it asks first only
// when the page was touched, and autosaves every 5 minutes). The panel's draft needs a compose page of its own, so the
// worker's open reply, and an unsaved compose holding the previous referral's zip, must be in Drafts, saved before the
// tab left them, and without Roundcube's "leave this page?" question.

const stamp = Date.now().toString(36);
const subject = `Afspraak consultatiebureau ${stamp}`;
const messageId = `<displaced-${stamp}@example.org>`;
const typed = 'Dag, ik bel je morgen om 10 uur.';

describe('the webmail’s own work is never replaced without a word: Roundcube in Chromium (side panel)', () => {
  let server: RoundcubeServer;
  let chromium: ChromiumWithExtension;
  let page: Page;
  let panel: Page;
  /** Every dialog the Roundcube page raised (its "leave this page?" among them): accepted, as a hurried worker would. */
  const dialogs: string[] = [];
  let firstReference = '';
  let replyUrl = '';
  let secondRef = '';

  const imap = () => ({ imapPort: server.imapPort, user: server.user, password: server.password });
  const field = (name: string) => page.$eval(`[name="${name}"]`, (element) => (element as HTMLInputElement).value);

  beforeAll(async () => {
    expect(existsSync(join(chromeE2eBuild, 'manifest.json')), 'build first: npm run build:e2e').toBe(true);
    server = await startRoundcube({ reset: true });
    // A mail from a colleague in the inbox, to answer (synthetic, no client data).
    const client = await connectImap(imap());
    let uid = 0;
    try {
      const raw = [
        'From: Team Middenkempen <team.middenkempen@example.org>', `To: ${server.user} <${server.user}@127.0.0.1>`, `Subject: ${subject}`,
        `Date: ${new Date().toUTCString()}`, `Message-ID: ${messageId}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '',
        'Kan je dinsdag?', '',
      ].join('\r\n');
      const appended = await client.append('INBOX', Buffer.from(raw, 'utf8'), []);
      uid = appended ? appended.uid ?? 0 : 0;
    } finally {
      await client.logout().catch(() => undefined);
    }
    expect(uid).toBeGreaterThan(0);
    replyUrl = new URL(`?_task=mail&_action=compose&_reply_uid=${uid}&_mbox=INBOX`, server.url).href;

    ({ chromium, page } = await chromiumOnRoundcube(server, (text) => dialogs.push(text)));
  }, 900_000);

  afterAll(async () => {
    await chromium?.close();
    await stopRoundcube();
  });

  it('with a reply open and typed in, "Maak concept" saves the reply to Drafts before it opens a compose of its own', async () => {
    await page.goto(replyUrl, { waitUntil: 'load', timeout: 15_000 });
    await waitForRoundcube(page, 'compose');
    expect(await field('_subject')).toBe(`Re: ${subject}`);
    const replyId = await field('_id');
    // The worker has started the answer: a line typed at the top of the quoted mail.
    await page.click('textarea#composebody');
    await page.keyboard.down('Control');
    await page.keyboard.press('Home');
    await page.keyboard.up('Control');
    await page.keyboard.type(`${typed}\n`);
    expect(await readDrafts({ ...imap(), subject: stamp })).toEqual([]);

    panel = await openSidePanel(chromium.browser, () => clickPanelButton(page));
    await waitForTargetLine(panel, server);
    await fillReferral(panel);
    firstReference = await makeDraft(panel);
    expect(await field('_id')).not.toBe(replyId);
    await waitForAttachment(page, `aanmelding-${firstReference}.zip`);

    // The reply is in Drafts as the worker left it: their line, answering the colleague's mail.
    const replies = await readDrafts({ ...imap(), subject: stamp });
    expect(replies.map((draft) => draft.headers.subject)).toEqual([`Re: ${subject}`]);
    expect(replies[0]!.text).toContain(typed);
    expect(replies[0]!.headers['in-reply-to']).toBe(messageId);
    expect(mailAddresses(replies[0]!.headers.to ?? '')).toEqual(['team.middenkempen@example.org']);
    // Saved first, so Roundcube had nothing to ask about on leaving.
    expect(dialogs).toEqual([]);
  }, 90_000);

  it('an unsaved compose holding the previous referral’s zip is saved to Drafts before the next referral’s compose opens', async () => {
    expect(firstReference).not.toBe('');
    // The first referral's compose is on screen, its zip uploaded, never saved: not in Drafts.
    expect(await readDrafts({ ...imap(), subject: firstReference })).toEqual([]);
    const firstId = await field('_id');

    await finishReferral(panel);
    await textAppears(panel, 'h1', 'Toestemming');
    await fillReferral(panel);
    const secondReference = await makeDraft(panel);
    expect(secondReference).not.toBe(firstReference);
    expect(await field('_id')).not.toBe(firstId);
    await waitForAttachment(page, `aanmelding-${secondReference}.zip`);

    // Nothing of the first referral is lost: its draft, with its zip, To the OCMW, is in Drafts.
    const earlier = await readDrafts({ ...imap(), subject: firstReference });
    expect(earlier).toHaveLength(1);
    expect(earlier[0]!.headers.subject).toBe(`Aanmelding Kind en Gezin – ${firstReference}`);
    expect(mailAddresses(earlier[0]!.headers.to ?? '')).toEqual(['sociale.dienst@lille.be']);
    expect(earlier[0]!.attachments.map((attachment) => attachment.filename)).toEqual([`aanmelding-${firstReference}.zip`]);
    expect(earlier[0]!.attachments[0]!.bytes.length).toBeGreaterThan(100);
    // The second referral is only on screen, as any fresh draft: the worker saves or sends it.
    expect(await readDrafts({ ...imap(), subject: secondReference })).toEqual([]);
    expect(dialogs).toEqual([]);
    secondRef = secondReference;
  }, 90_000);

  it('the pilot check opens its compose the same way: the referral on screen is saved to Drafts first, and the check still passes', async () => {
    expect(secondRef).not.toBe('');
    const report = await runPilotCheck(chromium, server);
    for (const line of ['[x] een nieuwe mail openen', '[x] het adres invullen', '[x] het bestand toevoegen', '[x] de mail teruglezen']) expect(report).toContain(line);
    expect((await composeState(page)).to.replace(/[,\s]+$/u, '')).toBe('an.janssens@example.org');
    const second = await readDrafts({ ...imap(), subject: secondRef });
    expect(second.map((draft) => draft.attachments.map((attachment) => attachment.filename))).toEqual([[`aanmelding-${secondRef}.zip`]]);
    expect(dialogs).toEqual([]);
  }, 90_000);
});
