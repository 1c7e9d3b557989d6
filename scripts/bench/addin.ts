// The Outlook add-in's figures (issue 22.8), beside the extension's 2 and 4: the built task pane (.output/addin, a
// private copy) served on loopback under a folder, in Debian's headless Chromium at a task pane's size, with the typed
// fake of Office (test/addin/fake-office.ts) answering the page's request for Microsoft's CDN office.js, as
// test/browser/addin.test.ts serves it. Each run opens the task pane in a new browser context (no cache, empty
// storage, as at the first opening in a new mail), fills the referral as the e2e test does and makes the draft:
// - interactive: from the navigation's start (performance.timeOrigin) until the panel's heading is rendered and its
//   first field (the consent step's first choice) is enabled and visible;
// - draft: from the click on "Maak concept" until "Concept klaar" with the read-back's "Het concept is in orde".
// Both on the task pane's own clock. The fake answers each call on a later task (latencyMs 0): Outlook's own time per
// call is not in these figures; the calls the add-in makes are counted (details).
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'puppeteer-core';
import type { FakeOfficeOptions } from '../../test/addin/fake-office';
import { bundleFakeOffice, fakeOfficeScript, routeToFake, serveAddinBuild } from '../../test/addin/taskpane-server';
import { launchPlainChromium } from '../../test/browser/chromium';
import { fillReferral } from '../../test/e2e/flow';
import { button } from '../../test/support/driver';
import { figure, round, type Figure } from './stats';

/** An Outlook task pane's size in CSS pixels (Outlook on the web: about 350 wide). */
export const taskPaneSize = { width: 350, height: 700 };

/** Marks on the task pane's clock (ms since its navigation started): see the top of this file. */
type AddinMarks = { ready?: number; painted?: number; verified?: number; check?: number; clicked?: number };
type ProbeWindow = { __vaBenchAddin?: AddinMarks; __vaFake?: { calls: string[]; maxInFlight: number } };

// tsx compiles with esbuild's keepNames, so a function's text may call __name: give the page a stand-in.
const nameShim = 'globalThis.__name ??= (fn) => fn;';

/** Runs at document start in the task pane (added over CDP: the page's CSP does not apply to it). */
function addinProbe(): void {
  const marks: AddinMarks = {};
  (globalThis as ProbeWindow).__vaBenchAddin = marks;
  new MutationObserver(() => {
    const heading = document.querySelector('main.panel h1')?.textContent?.trim() ?? '';
    if (marks.ready === undefined) {
      const first = document.querySelector('main.panel input');
      if (!heading || !(first instanceof HTMLInputElement) || first.disabled || !first.checkVisibility()) return;
      marks.ready = performance.now();
      // After the next frame: rendered, and the main thread free to take the first input.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          marks.painted = performance.now();
        };
        channel.port2.postMessage(null);
      });
    }
    if (heading === 'Concept klaar' && marks.verified === undefined && [...document.querySelectorAll('p')].some((p) => p.textContent?.includes('Het concept is in orde'))) {
      marks.verified = performance.now();
    }
    if (heading === 'Controleer het concept') marks.check ??= performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener(
    'click',
    (event) => {
      const pressed = event.target instanceof Element ? event.target.closest('button') : null;
      if (pressed?.textContent?.trim() === 'Maak concept') marks.clicked = event.timeStamp;
    },
    true,
  );
}

type AddinRun = { interactiveMs: number; paintedMs: number; scriptsRunMs: number; draftMs: number; callsAtOpen: number; callsInDraft: number; draftCalls: Record<string, number>; maxInFlight: number };

/** One opening of the task pane in a fresh context, and one referral in it until the verified draft. */
async function addinRun(browser: Browser, url: string, officeScript: string, origin: string, refused: string[]): Promise<AddinRun> {
  const context = await browser.createBrowserContext();
  try {
    const page: Page = await context.newPage();
    await page.setViewport(taskPaneSize);
    await routeToFake(page, { origin }, officeScript, (blocked) => refused.push(blocked));
    await page.evaluateOnNewDocument(`${nameShim}\n(${addinProbe.toString()})();`);
    await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
    await page.waitForFunction(() => (globalThis as ProbeWindow).__vaBenchAddin?.painted !== undefined, { timeout: 15_000, polling: 20 });
    const open = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { marks: { ...(globalThis as ProbeWindow).__vaBenchAddin }, scriptsRun: navigation?.domContentLoadedEventEnd ?? Number.NaN, calls: (globalThis as ProbeWindow).__vaFake?.calls.length ?? 0 };
    });
    await fillReferral(page);
    const make = await button(page, 'Maak concept');
    const callsBefore = await page.evaluate(() => (globalThis as ProbeWindow).__vaFake?.calls.length ?? 0);
    await make.click();
    await page.waitForFunction(
      () => {
        const marks = (globalThis as ProbeWindow).__vaBenchAddin;
        return marks?.verified ?? marks?.check;
      },
      { timeout: 30_000, polling: 20 },
    );
    const done = await page.evaluate(() => ({ marks: { ...(globalThis as ProbeWindow).__vaBenchAddin }, calls: [...((globalThis as ProbeWindow).__vaFake?.calls ?? [])], maxInFlight: (globalThis as ProbeWindow).__vaFake?.maxInFlight ?? 0 }));
    const { ready, painted } = open.marks;
    const { verified, clicked } = done.marks;
    if (ready === undefined || painted === undefined) throw new Error('add-in: the task pane did not become interactive');
    if (verified === undefined || clicked === undefined) {
      const shown = await page.evaluate(() => document.querySelector('main')?.innerText.slice(0, 400) ?? '');
      throw new Error(`add-in: expected "Concept klaar" with the read-back verified, the task pane shows: ${JSON.stringify(shown)}`);
    }
    return {
      interactiveMs: ready,
      paintedMs: painted,
      scriptsRunMs: open.scriptsRun,
      draftMs: verified - clicked,
      callsAtOpen: open.calls,
      callsInDraft: done.calls.length - callsBefore,
      draftCalls: done.calls.slice(callsBefore).reduce<Record<string, number>>((counts, call) => ({ ...counts, [call]: (counts[call] ?? 0) + 1 }), {}),
      maxInFlight: done.maxInFlight,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** What the task pane loads of its own at start (its module script and stylesheet; office.js not counted), gzip -9. */
function taskPaneWeight(build: string): { files: { file: string; raw: number; gzip: number }[]; raw: number; gzip: number } {
  const html = readFileSync(join(build, 'taskpane.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.\/([^"]+\.(?:js|css))"/gu)].map((match) => {
    const data = readFileSync(join(build, match[1]!));
    return { file: match[1]!, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
  return { files, raw: files.reduce((sum, file) => sum + file.raw, 0), gzip: files.reduce((sum, file) => sum + file.gzip, 0) };
}

/** Newest modification time of the sources that go into the add-in build. */
function newestAddinSource(root: string): number {
  let newest = 0;
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const dir of ['addin', 'lib', 'components']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return newest;
}

const method = {
  open:
    'The built task pane (.output/addin, npm run build:addin) served from 127.0.0.1 under a folder, in Debian\'s headless Chromium at 350×700 CSS px; office.js answered by the typed fake of Office (test/addin/fake-office.ts, bundled; Office.onReady resolves at once), as test/browser/addin.test.ts does. Each run a new browser context (no cache, empty storage). t0 = the navigation\'s start (performance.timeOrigin), t1 = the panel\'s heading rendered and its first field (the consent step\'s first choice) enabled and visible; on the task pane\'s clock. One untimed warm-up run. A real Outlook adds the time it takes to open the pane and to load office.js from Microsoft\'s CDN.',
  draft:
    'The same task panes: the referral filled as the e2e test does (test/e2e/flow.ts fillReferral); t0 = the click on "Maak concept" (capture listener), t1 = "Concept klaar" with the read-back\'s "Het concept is in orde" (To, Cc, Bcc, subject, body, the one attachment as a file, not inline); on the task pane\'s clock. The fake answers each Office.js call on a later task (latencyMs 0): a real Outlook adds its own time per call, and the add-in makes its calls one at a time (callsInDraft, maxInFlight in details). One untimed warm-up run.',
};

/**
 * The two add-in figures, `runs` timed runs each (the same openings), after one warm-up. Throws when the build is
 * missing; `progress` says how far it is.
 */
export async function addinFigures(root: string, runs: number, progress: (text: string) => void): Promise<Figure[]> {
  const build = join(root, '.output', 'addin');
  if (!existsSync(join(build, 'taskpane.html'))) throw new Error('no .output/addin/taskpane.html: run npm run build:addin first');
  if (statSync(join(build, 'taskpane.html')).mtimeMs < newestAddinSource(root)) progress('warning: .output/addin is older than the newest source file; run npm run build:addin');
  // A private copy: a rebuild during the run changes nothing.
  const dir = mkdtempSync(join(tmpdir(), 'va-bench-addin-'));
  const copy = join(dir, 'addin');
  cpSync(build, copy, { recursive: true });
  const options: FakeOfficeOptions = { latencyMs: 0 };
  const officeScript = fakeOfficeScript(await bundleFakeOffice(root), options);
  const server = await serveAddinBuild(copy);
  const refused: string[] = [];
  let browser: Browser | null = null;
  try {
    browser = await launchPlainChromium();
    const results: AddinRun[] = [];
    for (let run = 0; run <= runs; run++) {
      progress(`add-in: task pane and draft ${run}/${runs}${run === 0 ? ' (warm-up)' : ''}`);
      results.push(await addinRun(browser, server.url, officeScript, server.origin, refused));
    }
    if (refused.length > 0) throw new Error(`add-in: the task pane asked for more than its own files and office.js: ${refused.slice(0, 3).join(' ')}`);
    const timed = results.slice(1);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const callsInDraft = [...new Set(timed.map((result) => result.callsInDraft))];
    return [
      figure(
        {
          id: 'addin-open',
          number: '2',
          name: 'Outlook add-in (fake Office): task pane interactive after opening',
          unit: 'ms',
          target: 1000,
          method: method.open,
          details: {
            viewport: taskPaneSize,
            paintedMedianMs: round(median(timed.map((result) => result.paintedMs)), 1),
            scriptsRunMedianMs: round(median(timed.map((result) => result.scriptsRunMs)), 1),
            firstRunUntimedMs: Math.round(results[0]!.interactiveMs),
            officeCallsAtOpen: [...new Set(timed.map((result) => result.callsAtOpen))],
            taskPaneLoads: taskPaneWeight(copy),
          },
        },
        timed.map((result) => result.interactiveMs),
        1,
      ),
      figure(
        {
          id: 'addin-draft',
          number: '4',
          name: 'Outlook add-in (fake Office): "Maak concept" until the read-back verified',
          unit: 'ms',
          target: 1000,
          method: method.draft,
          details: {
            fake: options,
            callsInDraft,
            callsByMethod: timed.at(-1)!.draftCalls,
            maxInFlight: Math.max(...timed.map((result) => result.maxInFlight)),
            firstRunUntimedMs: Math.round(results[0]!.draftMs),
            realOutlook: `add ${Math.min(...callsInDraft)}${callsInDraft.length > 1 ? `–${Math.max(...callsInDraft)}` : ''} × Office.js's own time per call (the calls go one at a time)`,
          },
        },
        timed.map((result) => result.draftMs),
        1,
      ),
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
