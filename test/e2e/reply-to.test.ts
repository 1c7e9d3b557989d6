import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSidePanel, type ChromiumWithExtension } from '../browser/chromium';
import { chromeE2eBuild } from '../browser/extension';
import { chromiumOnRoundcube, clickPanelButton, fillReferral, makeDraft, waitForTargetLine } from './flow';
import { readDrafts } from './roundcube/imap';
import { mailAddresses } from './roundcube/mime';
import { saveDraft, waitForAttachment, waitForRoundcube } from './roundcube/page';
import { startRoundcube, stopRoundcube, type RoundcubeServer } from './roundcube/server';

// Issue 20.1 in a real browser: a Roundcube compose link whose To, subject and body are empty but whose Reply-To and
// Followup-To point elsewhere. Answers to the referral would go there. The panel must not fill that compose: the
// draft it makes, saved and read over IMAP, routes nothing anywhere but to the OCMW.

const elsewhere = 'antwoord.elders@example.org';

describe('a hostile compose link in Roundcube (Reply-To, Followup-To elsewhere), in Chromium (side panel)', () => {
  let server: RoundcubeServer;
  let chromium: ChromiumWithExtension;
  let page: Page;

  beforeAll(async () => {
    expect(existsSync(join(chromeE2eBuild, 'manifest.json')), 'build first: npm run build:e2e').toBe(true);
    server = await startRoundcube({ reset: true });
    // Roundcube asks before leaving a compose page: the user agrees.
    ({ chromium, page } = await chromiumOnRoundcube(server));
  }, 900_000);

  afterAll(async () => {
    await chromium?.close();
    await stopRoundcube();
  });

  it('makes the referral in a compose of its own: the saved draft has To exactly the OCMW and no Reply-To, Mail-Followup-To or Mail-Reply-To', async () => {
    const hostile = new URL('?_task=mail&_action=compose', server.url);
    hostile.searchParams.set('_replyto', elsewhere);
    hostile.searchParams.set('_followupto', elsewhere);
    await page.goto(hostile.href, { waitUntil: 'load', timeout: 15_000 });
    await waitForRoundcube(page, 'compose');
    const field = (name: string) => page.$eval(`[name="${name}"]`, (element) => (element as HTMLInputElement).value);
    // What the worker sees is an empty compose; the rows that route the answers stay folded away.
    expect(await field('_to')).toBe('');
    expect(await field('_subject')).toBe('');
    expect(await field('_replyto')).toContain(elsewhere);
    expect(await field('_followupto')).toContain(elsewhere);
    const hostileId = await field('_id');

    const panel = await openSidePanel(chromium.browser, () => clickPanelButton(page));
    await waitForTargetLine(panel, server);
    await fillReferral(panel);
    const reference = await makeDraft(panel);
    // Another compose page (another compose id), which routes nothing elsewhere.
    expect(await field('_id')).not.toBe(hostileId);
    expect(await field('_replyto')).toBe('');
    expect(await field('_followupto')).toBe('');
    await waitForAttachment(page, `aanmelding-${reference}.zip`);
    await saveDraft(page);

    const drafts = await readDrafts({ imapPort: server.imapPort, user: server.user, password: server.password, subject: reference });
    expect(drafts).toHaveLength(1);
    const { headers } = drafts[0]!;
    expect(mailAddresses(headers.to ?? '')).toEqual(['sociale.dienst@lille.be']);
    for (const name of ['reply-to', 'mail-followup-to', 'mail-reply-to', 'cc', 'bcc']) expect(headers[name], name).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain(elsewhere);
  }, 90_000);
});
