// Figures 2, 3 (in Chromium), 4 (static page) and 6, on the captured Roundcube compose page served from loopback.
import type { Page } from 'playwright-core';
import { buttonCentre, clockSkew, closePanel, heapAfterGc, openPanel, pageMarks, panelMarks, preparePage, type Bench } from './browser';
import { ClickCounter, fillAndMakeDraft } from './flow';
import { packInFrame } from './pack-browser';
import { figure, round, summarize, type Figure } from './stats';

const mib = 1024 * 1024;

/**
 * Figures 2 and 6 from the same cycles: per run a fresh tab, its JS heap after full GCs, `cycles` times open (timed)
 * and close, the heap again. Clicks are plain CDP mouse events, so the driver leaves nothing in the page's heap.
 */
export async function openAndMemory(bench: Bench, url: string, runs: number, cycles: number): Promise<{ open: Figure; openFirst: Figure; memory: Figure }> {
  const opens: number[] = [];
  const painted: number[] = [];
  const firstInTab: number[] = [];
  const documentStart: number[] = [];
  const navigationStart: number[] = [];
  const scriptsRun: number[] = [];
  const growth: number[] = [];
  const growthAfterFirst: number[] = [];
  let skew: { low: number; high: number } | null = null;
  for (let run = 0; run < runs; run++) {
    const page = await bench.context.newPage();
    try {
      await preparePage(page, url);
      const at = await buttonCentre(page);
      const cdp = await bench.context.newCDPSession(page);
      const before = await heapAfterGc(cdp);
      let afterFirst = before;
      for (let cycle = 0; cycle < cycles; cycle++) {
        const timing = await openPanel(page, at);
        if (run === 0 && cycle === 1) skew = await clockSkew(page, timing.frame);
        opens.push(timing.openMs);
        painted.push(timing.paintedMs);
        documentStart.push(timing.documentStartMs);
        navigationStart.push(timing.navigationStartMs);
        scriptsRun.push(timing.scriptsRunMs);
        if (cycle === 0) firstInTab.push(timing.openMs);
        await closePanel(page, timing.frame);
        if (cycle === 0) afterFirst = await heapAfterGc(cdp);
      }
      const after = await heapAfterGc(cdp);
      growth.push((after - before) / mib);
      growthAfterFirst.push((after - afterFirst) / mib);
      await cdp.detach();
    } finally {
      await page.close();
    }
  }
  const open = figure(
    {
      id: 'open',
      name: 'Open: click on "Aanmelden bij OCMW" until the panel takes input',
      unit: 'ms',
      target: 150,
      method:
        'Static Roundcube compose page on loopback, e2e build. A CDP mouse click on the centre of the <veilig-aanmelden> host; t0 = that click event\'s timeStamp in the page (capture listener on window); t1 = in the panel iframe, the MutationObserver callback that first sees its h1 rendered and its first checkbox enabled (probe added at document start). Both as performance.timeOrigin + now (one wall clock across processes; skew bound in details). All opens of all runs. Includes the moment Playwright, like DevTools, holds each new out-of-process frame until it has attached to it.',
      details: {
        runs,
        opensPerRun: cycles,
        untilNextFramePainted: summarize(painted, 1),
        // Where the time goes, each from the click: the iframe's navigation starts; its document starts (commit);
        // its module scripts have run (DOMContentLoaded end); then storage reads and React's first render until ready.
        untilPanelNavigationStarts: summarize(navigationStart, 1),
        untilPanelDocumentStarts: summarize(documentStart, 1),
        untilPanelScriptsHaveRun: summarize(scriptsRun, 1),
        clockSkewBoundMs: skew ? { low: round(skew.low, 2), high: round(skew.high, 2) } : null,
      },
    },
    opens,
    1,
  );
  const openFirst = figure(
    {
      id: 'open-first',
      name: 'Open, first time in a tab: click until the panel takes input',
      unit: 'ms',
      target: 150,
      method: 'As "Open", the first open of each run only: a fresh tab, the panel not yet opened in it (the extension itself already warm).',
    },
    firstInTab,
    1,
  );
  const memory = figure(
    {
      id: 'memory',
      name: `Memory: JS heap growth of the webmail page over ${cycles} open/close cycles`,
      unit: 'KiB',
      target: 1024,
      method:
        'Per run a fresh tab: CDP HeapProfiler.collectGarbage ×3, then Runtime.getHeapUsage().usedSize of the page\'s renderer (page and content-script worlds; the panel iframe is another process and gone once closed), before the first open and after the last close; median of the runs.',
      details: { growthMiBPerRun: growth.map((value) => round(value, 3)), growthAfterFirstCycleMiB: growthAfterFirst.map((value) => round(value, 3)) },
    },
    growth.map((value) => value * 1024),
    1,
  );
  return { open, openFirst, memory };
}

export type AttachRun = { openMs: number; attachMs: number; requestMs: number; fileMs: number; doneMs: number | null; clicks: ClickCounter };

/** One referral from an open compose page: open the panel, fill it, "Maak concept", until the page lists the zip. */
export async function attachRun(page: Page, timeoutMs: number): Promise<AttachRun> {
  const clicks = new ClickCounter();
  const { frame, openMs } = await openPanel(page);
  clicks.add('button: Aanmelden bij OCMW (in the webmail)');
  await fillAndMakeDraft(frame, clicks);
  await page.waitForFunction(() => (window as { __vaBenchPage?: { attached?: number } }).__vaBenchPage?.attached !== undefined, undefined, { timeout: timeoutMs });
  await frame.waitForFunction(() => (globalThis as { __vaBench?: { done?: number } }).__vaBench?.done !== undefined, undefined, { timeout: timeoutMs }).catch(() => undefined);
  const [inPage, inPanel] = await Promise.all([pageMarks(page), panelMarks(frame)]);
  const clicked = inPanel.clicks['Maak concept'];
  if (clicked === undefined || inPage.attached === undefined || inPage.to === undefined || inPage.fileChange === undefined) throw new Error('attach: a mark is missing');
  if (inPanel.doneHeading && inPanel.doneHeading !== 'Concept klaar') throw new Error(`attach: the panel says "${inPanel.doneHeading}"`);
  return {
    openMs,
    attachMs: inPage.attached - clicked,
    requestMs: inPage.to - clicked,
    fileMs: inPage.fileChange - clicked,
    doneMs: inPanel.done === undefined ? null : inPanel.done - clicked,
    clicks,
  };
}

/** Figure 4 on the static page, and figure 3 twice in Chromium: "Maak concept" until the request reaches the page, and packReferral alone in the panel. */
export async function attachStaticAndPack(
  bench: Bench,
  url: string,
  runs: number,
  packCode: string,
): Promise<{ attach: Figure; packInPanel: Figure; clicks: ClickCounter }> {
  const results: AttachRun[] = [];
  // One unmeasured run first: the panel's code and the content script's draft path warm up.
  for (let run = 0; run <= runs; run++) {
    const page = await bench.context.newPage();
    try {
      await preparePage(page, url);
      const result = await attachRun(page, 15_000);
      if (run > 0) results.push(result);
    } finally {
      await page.close();
    }
  }
  const page = await bench.context.newPage();
  let packTimes: number[];
  try {
    await preparePage(page, url);
    const { frame } = await openPanel(page);
    packTimes = await packInFrame(frame, packCode, runs * 20, 20);
  } finally {
    await page.close();
  }
  const attach = figure(
    {
      id: 'attach-static',
      name: '"Maak concept" until the compose lists the attachment (static page, no upload)',
      unit: 'ms',
      target: 300,
      method:
        'Static Roundcube compose page; its served copy adds a page script that lists a file put into the upload field at once (as Roundcube does after its upload). t0 = the click on "Maak concept" (panel, capture listener); t1 = a MutationObserver in the page sees #attachment-list hold li[id^=rcmfile] with the zip\'s name. One warm-up run, then the runs.',
      details: {
        untilToFieldSet: summarize(results.map((result) => result.requestMs), 1),
        untilFileInputChange: summarize(results.map((result) => result.fileMs), 1),
        untilPanelSaysConceptKlaar: summarize(results.flatMap((result) => (result.doneMs === null ? [] : [result.doneMs])), 1),
      },
    },
    results.map((result) => result.attachMs),
    1,
  );
  const packInPanel = figure(
    {
      id: 'pack-panel',
      name: 'Pack in Chromium: packReferral inside the panel page',
      unit: 'ms',
      target: 20,
      method:
        'lib/referral bundled by Vite (as the panel is) and evaluated in the open panel iframe over CDP; packReferral of the typical referral timed with performance.now() on the panel\'s main thread: 20 warm-up runs, then 20 per run. Also, from the static attach runs: the click on "Maak concept" until the content script sets the To field in the page (pack, base64, panel → background → content script), an upper bound.',
      details: { clickUntilRequestInPage: summarize(results.map((result) => result.requestMs), 1) },
    },
    packTimes,
    2,
  );
  return { attach, packInPanel, clicks: results[0]?.clicks ?? new ClickCounter() };
}

/** Counted clicks of one flow, for figure 7. */
export function effortFigure(clicks: ClickCounter, where: string): Figure {
  const all = clicks.clicks.length;
  const conditional = clicks.clicks.filter((click) => click.note).length;
  return {
    id: 'effort',
    name: 'Effort: clicks from the inbox to a ready draft (typing the client data not counted)',
    unit: 'clicks',
    median: all,
    p95: all,
    min: all - conditional,
    max: all,
    runs: 1,
    target: 4,
    pass: all <= 4,
    method: `Counted in the scripted flow (${where}), the same steps as test/e2e/panel-flow.ts: every click, check, radio, choice in a list and button press. min leaves out the clicks that depend on the client's address.`,
    details: { clicks: clicks.clicks },
  };
}
