// Figures 2 (open) and 6 (memory), on the static Roundcube compose page served from loopback.
import { buttonCentre, clockSkew, closePanel, heapAfterGc, newTab, openByClick, openByToolbar, preparePage, type Bench, type OpenTiming } from './browser';
import { figure, round, summarize, type Figure } from './stats';

const mib = 1024 * 1024;
const target = 150;

/**
 * Per run a new browser window with the compose page: the first open there by a click on our button, then
 * `cycles - 1` more click opens, each closed again (the side panel's own window.close()), the page's JS heap after
 * full GCs before the first open and after the last close; then `toolbarOpens` opens by the toolbar icon. Per run
 * also a second new window whose first open is by the toolbar icon.
 */
export async function openAndMemory(bench: Bench, url: string, runs: number, cycles: number, toolbarOpens = 5): Promise<Figure[]> {
  const click = { first: [] as number[], later: [] as number[] };
  const toolbar = { first: [] as number[], later: [] as number[] };
  const parts: Record<'painted' | 'navigationStart' | 'documentStart' | 'scriptsRun', number[]> = { painted: [], navigationStart: [], documentStart: [], scriptsRun: [] };
  const growth: number[] = [];
  const growthAfterFirst: number[] = [];
  let skewPage: { low: number; high: number } | null = null;
  let skewNode: { low: number; high: number } | null = null;
  const note = (timing: OpenTiming) => {
    parts.painted.push(timing.paintedMs);
    parts.navigationStart.push(timing.navigationStartMs);
    parts.documentStart.push(timing.documentStartMs);
    parts.scriptsRun.push(timing.scriptsRunMs);
  };
  for (let run = 0; run < runs; run++) {
    const page = await newTab(bench, 'window');
    try {
      await preparePage(page, url);
      const at = await buttonCentre(page);
      const cdp = await page.createCDPSession();
      const before = await heapAfterGc(cdp);
      let afterFirst = before;
      for (let cycle = 0; cycle < cycles; cycle++) {
        const timing = await openByClick(bench, page, at);
        if (run === 0 && cycle === 1) skewPage = await clockSkew(timing.panel, page);
        (cycle === 0 ? click.first : click.later).push(timing.openMs);
        note(timing);
        await closePanel(bench, timing.panel);
        if (cycle === 0) afterFirst = await heapAfterGc(cdp);
      }
      const after = await heapAfterGc(cdp);
      growth.push((after - before) / mib);
      growthAfterFirst.push((after - afterFirst) / mib);
      await cdp.detach();
      for (let open = 0; open < toolbarOpens; open++) {
        const timing = await openByToolbar(bench, page);
        if (run === 0 && open === 0) skewNode = await clockSkew(timing.panel, 'node');
        toolbar.later.push(timing.openMs);
        await closePanel(bench, timing.panel);
      }
    } finally {
      await page.close();
    }
    const other = await newTab(bench, 'window');
    try {
      await preparePage(other, url);
      const timing = await openByToolbar(bench, other);
      toolbar.first.push(timing.openMs);
      await closePanel(bench, timing.panel);
    } finally {
      await other.close();
    }
  }
  const clickMethod =
    'Static Roundcube compose page on loopback, e2e build. A CDP mouse click on the centre of the <veilig-aanmelden> host (a trusted click, so the background may open the side panel); t0 = that click event\'s timeStamp in the page (capture listener on window); t1 = in the side panel, the MutationObserver callback that first sees a heading and the first field (the consent choice) enabled and visible. The probe is added to the side panel before its first script runs (Page.addScriptToEvaluateOnNewDocument on the new target, which puppeteer holds until it has attached). Both as performance.timeOrigin + now, one wall clock across processes (skew bound in details). Closed with the panel\'s window.close() between opens.';
  const toolbarMethod =
    "CDP Extensions.triggerAction (puppeteer's page.triggerExtensionAction: what a click on the toolbar icon does; the extension's action opens the side panel); t0 = Node's clock just before the command is sent (so the CDP command's way to the browser counts too), t1 as for the click.";
  return [
    figure(
      {
        id: 'open-click-first',
        number: '2',
        name: 'Open by the in-page button, first open in a window: click until the side panel takes input',
        unit: 'ms',
        target,
        method: `${clickMethod} The first open in each run's new window.`,
      },
      click.first,
      1,
    ),
    figure(
      {
        id: 'open-click',
        number: '2',
        name: 'Open by the in-page button, later opens in the same window',
        unit: 'ms',
        target,
        method: `${clickMethod} Opens 2 to ${cycles} of every run.`,
        details: {
          opensPerRun: cycles,
          // Where the time goes, each from the click, over all click opens: the side panel's navigation starts, its
          // document starts, its module scripts have run (DOMContentLoaded end), it is ready, painted.
          untilNavigationStarts: summarize(parts.navigationStart, 1),
          untilDocumentStarts: summarize(parts.documentStart, 1),
          untilScriptsHaveRun: summarize(parts.scriptsRun, 1),
          untilNextFramePainted: summarize(parts.painted, 1),
          clockSkewPanelVsPageMs: skewPage ? { low: round(skewPage.low, 2), high: round(skewPage.high, 2) } : null,
        },
      },
      click.later,
      1,
    ),
    figure(
      { id: 'open-toolbar-first', number: '2', name: 'Open by the toolbar icon, first open in a window', unit: 'ms', target, method: `${toolbarMethod} The first open in a new window per run.` },
      toolbar.first,
      1,
    ),
    figure(
      {
        id: 'open-toolbar',
        number: '2',
        name: 'Open by the toolbar icon, later opens in the same window',
        unit: 'ms',
        target,
        method: `${toolbarMethod} ${toolbarOpens} per run, after the click opens.`,
        details: { clockSkewPanelVsNodeMs: skewNode ? { low: round(skewNode.low, 2), high: round(skewNode.high, 2) } : null },
      },
      toolbar.later,
      1,
    ),
    figure(
      {
        id: 'memory',
        number: '6',
        name: `Memory: JS heap growth of the webmail page over ${cycles} side-panel open/close cycles`,
        unit: 'KiB',
        target: 1024,
        method:
          "Per run a new window: CDP HeapProfiler.collectGarbage ×3, then Runtime.getHeapUsage().usedSize of the page's renderer (page and content-script worlds; the side panel is a process of its own), before the first open and after the last close; median of the runs.",
        details: { growthMiBPerRun: growth.map((value) => round(value, 3)), growthAfterFirstCycleMiB: growthAfterFirst.map((value) => round(value, 3)) },
      },
      growth.map((value) => value * 1024),
      1,
    ),
  ];
}
