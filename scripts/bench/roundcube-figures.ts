// Figures 4 (with Roundcube's upload) and 7, on the real Roundcube + Dovecot sandbox on loopback
// (scripts/roundcube/start.sh through test/e2e/roundcube/server.ts; stopped again afterwards: stop.sh leaves it
// running while another test process holds a lease on it).
import { panelFrame } from '../../test/e2e/panel-flow';
import { loginRoundcube, openCompose } from '../../test/e2e/roundcube/login';
import { startRoundcube, stopRoundcube } from '../../test/e2e/roundcube/server';
import { addRoundcubeOrigin, installPageProbe, pageMarks, panelMarks, type Bench } from './browser';
import { ClickCounter, fillAndMakeDraft } from './flow';
import { attachRun, effortFigure } from './panel-figures';
import { figure, summarize, type Figure } from './stats';

const uploadTimeoutMs = 30_000;

export async function roundcubeFigures(bench: Bench, runs: number, progress: (text: string) => void): Promise<{ attach: Figure; effort: Figure }> {
  progress('roundcube: starting the sandbox (scripts/roundcube/start.sh)');
  const server = await startRoundcube({});
  try {
    await addRoundcubeOrigin(bench, new URL(server.url).origin);

    // From the inbox, as a user starts: our button in the mail list goes to a compose page, where the panel opens
    // by itself. This run counts the clicks (figure 7) and warms up; it is not timed.
    progress('roundcube: the flow from the inbox (clicks counted)');
    const inbox = await bench.context.newPage();
    const clicks = new ClickCounter();
    try {
      await loginRoundcube(inbox, server);
      await inbox.locator('veilig-aanmelden').first().click();
      clicks.add('button: Aanmelden bij OCMW (in the mail list; the compose page opens with the panel in it)');
      await inbox.waitForURL(/_action=compose/u);
      await inbox.waitForLoadState('load');
      await installPageProbe(inbox);
      const panel = await panelFrame(inbox);
      await fillAndMakeDraft(panel, clicks);
      await inbox.waitForFunction(() => (window as { __vaBenchPage?: { attached?: number } }).__vaBenchPage?.attached !== undefined, undefined, {
        timeout: uploadTimeoutMs,
      });
      const done = await panelMarks(panel);
      if ((await pageMarks(inbox)).attached === undefined || done.clicks['Maak concept'] === undefined) throw new Error('roundcube: the draft from the inbox was not made');
    } finally {
      await inbox.close();
    }

    const results = [];
    for (let run = 0; run < runs; run++) {
      progress(`roundcube: attach run ${run + 1}/${runs}`);
      const page = await bench.context.newPage();
      try {
        await openCompose(page, server);
        await page.locator('veilig-aanmelden').first().waitFor();
        await installPageProbe(page);
        results.push(await attachRun(page, uploadTimeoutMs));
      } finally {
        // Unsaved drafts: closing the tab without beforeunload leaves nothing in the mailbox.
        await page.close();
      }
    }
    const attach = figure(
      {
        id: 'attach-roundcube',
        name: '"Maak concept" until the compose lists the attachment (Roundcube sandbox, with its upload)',
        unit: 'ms',
        target: 1500,
        method:
          'Real Roundcube 1.6 + Dovecot on loopback (PHP built-in server). Per run a new compose page, the panel opened with our button and filled; t0 = the click on "Maak concept" (panel), t1 = a MutationObserver in the page sees Roundcube list the uploaded zip as li[id^=rcmfile] (no longer uploading). One untimed run from the inbox first.',
        details: {
          untilToFieldSet: summarize(results.map((result) => result.requestMs), 1),
          untilFileInputChange: summarize(results.map((result) => result.fileMs), 1),
          untilPanelSaysConceptKlaar: summarize(results.flatMap((result) => (result.doneMs === null ? [] : [result.doneMs])), 1),
          openOnRoundcube: summarize(results.map((result) => result.openMs), 1),
          sandbox: server.url,
        },
      },
      results.map((result) => result.attachMs),
      1,
    );
    return { attach, effort: effortFigure(clicks, 'Roundcube sandbox, from the mail list to the draft with the zip attached') };
  } finally {
    progress('roundcube: releasing the sandbox (scripts/roundcube/stop.sh)');
    await stopRoundcube();
  }
}
