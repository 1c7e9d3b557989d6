// Figures 4 (draft) and 7 (effort): the whole referral in the side panel, as the end-to-end test makes it
// (test/e2e/flow.ts: real clicks and typing, found by label), timed from the click on "Maak concept" to the read-back
// having verified the draft ("Concept klaar" with "Het concept is in orde"), or to the guided fallback.
// - Roundcube: the sandbox (scripts/roundcube/start.sh), from the mail list, so the compose navigation and the
//   upload count; run it under the sandbox's lock (flock /tmp/va-roundcube.lock npm run bench).
// - Gmail and Outlook: the behavioural fixtures at their webmail addresses, from the inbox (the adapter opens the
//   compose), every way to attach answered; and the same pages with every way switched off, until the fallback.
import type { Page } from 'puppeteer-core';
import { fillReferral, waitForTargetLine } from '../../test/e2e/flow';
import { loginRoundcube, waitForRoundcube } from '../../test/e2e/roundcube/page';
import { startRoundcube, stopRoundcube } from '../../test/e2e/roundcube/server';
import { button, textAppears } from '../../test/support/driver';
import { addRoundcubeOrigin, blankPanel, closePanel, newTab, panelFor, panelMarks, resetPanelMarks, type Bench } from './browser';
import { loadBehaviourPage, type BehaviourPage } from './pages';
import { failedFigure, figure, type Figure } from './stats';

type Outcome = 'verified' | 'fallback';
type DraftRun = { ms: number; effort: number; tier: string };

/**
 * One referral in the side panel of `page`'s window, which shows the webmail: fill, "Maak concept", until
 * `outcome`. The effort is the in-page button plus the panel's clicks (the panel probe counts them as the
 * end-to-end test does). Leaves the panel blank and closed.
 */
async function referral(bench: Bench, page: Page, outcome: Outcome, ready: (panel: Page) => Promise<unknown>): Promise<DraftRun> {
  await page.bringToFront();
  const panel = await panelFor(bench, page);
  try {
    await ready(panel);
    await resetPanelMarks(panel);
    await fillReferral(panel);
    await (await button(panel, 'Maak concept')).click();
    await panel.waitForFunction(
      () => {
        const marks = (globalThis as { __vaBench?: { verified?: number; fallback?: number; check?: number } }).__vaBench;
        return marks?.verified ?? marks?.fallback ?? marks?.check;
      },
      { timeout: 60_000, polling: 50 },
    );
    const marks = await panelMarks(panel);
    const end = outcome === 'verified' ? marks.verified : marks.fallback;
    const clicked = marks.clicks['Maak concept'];
    if (end === undefined || clicked === undefined) {
      const shown = await panel.evaluate(() => document.querySelector('main')?.innerText.slice(0, 400) ?? '');
      throw new Error(`expected ${outcome}, the panel shows: ${JSON.stringify(shown)}`);
    }
    const tier = await page.evaluate(() => (window as { __vaBenchFileEvents?: string[] }).__vaBenchFileEvents?.join(' → ') || 'no file reached the page').catch(() => '');
    await blankPanel(panel);
    return { ms: end - clicked, effort: 1 + marks.effort, tier };
  } finally {
    await closePanel(bench, panel);
  }
}

/** One run on a behaviour page in a new tab. */
async function fixtureRun(bench: Bench, fixture: BehaviourPage, outcome: Outcome): Promise<DraftRun> {
  const page = await newTab(bench);
  try {
    await loadBehaviourPage(page, fixture);
    await page.waitForSelector('veilig-aanmelden', { timeout: 15_000 });
    return await referral(bench, page, outcome, (panel) => textAppears(panel, 'p.target', 'Concept in: ', { contains: true, timeout: 10_000 }));
  } finally {
    await page.close();
  }
}

const names = { gmail: 'Gmail', outlook: 'Outlook' } as const;
const fixtureMethod =
  'test/fixtures behaviour (the adapter tests\' Gmail/Outlook played in a real page: compose button, recipient chips or pills, drop zones, uploads a few ms long), the fixture page served at the webmail\'s own address by request interception, so the manifest\'s content script runs; from the inbox. The side panel filled as the e2e test does; t0 = the click on "Maak concept" (capture listener in the panel), t1 = the panel shows "Concept klaar" with the read-back\'s "Het concept is in orde" (To, Cc, Bcc, the one attachment, leak check). Both on the panel\'s clock.';

/** Figure 4 on the Gmail and Outlook fixtures: the draft when every way to attach works, and the fallback when none does. */
export async function fixtureDrafts(
  bench: Bench,
  page: (webmail: 'gmail' | 'outlook', options: Record<string, boolean>) => BehaviourPage,
  runs: number,
  progress: (text: string) => void,
): Promise<{ figures: Figure[]; effort: Record<string, number[]> }> {
  const figures: Figure[] = [];
  const effort: Record<string, number[]> = {};
  const none = { gmail: { zone: false, input: false }, outlook: { drop: false, paste: false } } as const;
  for (const webmail of ['gmail', 'outlook'] as const) {
    const base = { number: '4', unit: 'ms' as const, method: fixtureMethod };
    const draft = { ...base, id: `draft-${webmail}`, name: `Draft on the ${names[webmail]} fixture, the tier that succeeds`, target: 500 };
    const fallback = {
      ...base,
      id: `fallback-${webmail}`,
      name: `Fallback on the ${names[webmail]} fixture: every attach tier fails, until the guided fallback shows`,
      target: 10_000,
      method: `${fixtureMethod} Here every way to attach is switched off (${JSON.stringify(none[webmail])}, as test/webmail/contract.test.ts does), and t1 = the panel shows "Het concept kon niet helemaal gemaakt worden". Each tier waits up to tierMs (8 s, lib/webmail/types.ts) for the attachment before the next.`,
    };
    try {
      progress(`draft on the ${names[webmail]} fixture: 1 + ${runs} runs`);
      const results: DraftRun[] = [];
      for (let run = 0; run <= runs; run++) results.push(await fixtureRun(bench, page(webmail, {}), 'verified'));
      effort[webmail] = results.map((result) => result.effort);
      const timed = results.slice(1);
      figures.push(figure({ ...draft, details: { tiers: [...new Set(timed.map((result) => result.tier))], firstRunUntimedMs: Math.round(results[0]!.ms) } }, timed.map((result) => result.ms), 1));
    } catch (error) {
      figures.push(failedFigure(draft, error));
    }
    try {
      progress(`fallback on the ${names[webmail]} fixture: ${runs} runs`);
      const results: DraftRun[] = [];
      for (let run = 0; run < runs; run++) results.push(await fixtureRun(bench, page(webmail, none[webmail]), 'fallback'));
      figures.push(figure({ ...fallback, details: { tiersTried: [...new Set(results.map((result) => result.tier))] } }, results.map((result) => result.ms), 0));
    } catch (error) {
      figures.push(failedFigure(fallback, error));
    }
  }
  return { figures, effort };
}

export const effortBase = {
  id: 'effort',
  number: '7',
  name: 'Effort: clicks from the inbox to a ready draft (typing not counted)',
  unit: 'clicks',
  target: 5,
  method:
    'Counted by running the real flow (test/e2e/flow.ts fillReferral, then "Maak concept"), as test/e2e/referral-chromium.test.ts counts: the in-page button, plus every trusted click in the side panel outside a text field and every choice in a list (a capture listener in the panel, added before its first script). For 2275 Gierle: the button, the consent choice, Volgende, the place (2275 names four), Maak concept.',
} as const;

/** Figure 4 on the Roundcube sandbox, and figure 7 counted on the way. */
export async function roundcubeDrafts(bench: Bench, runs: number, progress: (text: string) => void): Promise<{ draft: Figure; effort: Figure }> {
  progress('roundcube: starting the sandbox (scripts/roundcube/start.sh)');
  const server = await startRoundcube({});
  try {
    await addRoundcubeOrigin(bench, new URL(server.url).origin);
    const page = await newTab(bench);
    try {
      await loginRoundcube(page, server);
      const results: DraftRun[] = [];
      // Run 0 warms up (the first draft after launch) and is not timed; every run counts its clicks.
      for (let run = 0; run <= runs; run++) {
        progress(`roundcube: draft ${run}/${runs}${run === 0 ? ' (warm-up)' : ''}`);
        if (run > 0) {
          // Back to the mail list; Roundcube's "leave this page?" for the unsaved compose is answered yes.
          await page.goto(server.url, { waitUntil: 'load', timeout: 15_000 });
          await waitForRoundcube(page, 'mail');
        }
        await page.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
        results.push(await referral(bench, page, 'verified', (panel) => waitForTargetLine(panel, server)));
        if (new URL(page.url()).searchParams.get('_action') !== 'compose') throw new Error('the draft is not in a compose page');
      }
      const timed = results.slice(1);
      const draft = figure(
        {
          id: 'draft-roundcube',
          number: '4',
          name: 'Draft on the Roundcube sandbox: "Maak concept" until the read-back verified, with the compose navigation and the upload',
          unit: 'ms',
          target: 1500,
          method:
            'Real Roundcube 1.6 + Dovecot on loopback (PHP\'s built-in server). Each run starts in the mail list: a real click on our button opens the side panel, which is filled as the e2e test does; t0 = the click on "Maak concept" (panel), t1 = the panel shows "Concept klaar" with "Het concept is in orde". In between: the zip packed, the tab sent to a new compose page and loaded, To, subject and body filled, the zip uploaded through the file input, the compose read back. One untimed warm-up run first.',
          details: { sandbox: server.url, firstRunUntimedMs: Math.round(results[0]!.ms) },
        },
        timed.map((result) => result.ms),
        1,
      );
      const counts = results.map((result) => result.effort);
      const effort = figure({ ...effortBase, method: `${effortBase.method} On the Roundcube sandbox, from the mail list; every run counted.` }, counts, 0);
      return { draft, effort };
    } finally {
      await page.close();
    }
  } finally {
    progress('roundcube: releasing the sandbox (scripts/roundcube/stop.sh)');
    await stopRoundcube();
  }
}
