// Debian's Chromium, headless, with the built extension, and the probes the browser figures read: marks taken in the
// webmail page (its main world) and in the panel page (an extension page in an out-of-process iframe), both as
// performance.timeOrigin + performance.now(), i.e. milliseconds on the same wall clock in both processes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page } from 'playwright-core';
import { panelFrame } from '../../test/e2e/panel-flow';

export type Bench = { context: BrowserContext; id: string; chromium: string; close: () => Promise<void> };

/**
 * Marks in the panel page. `ready`: its h1 is rendered and its first checkbox enabled; `painted`: the frame after
 * that; `done`: the h1 says the draft is ready (or that a step failed); `clicks`: per button label, the last click.
 */
export type PanelMarks = { start: number; ready?: number; painted?: number; done?: number; doneHeading?: string; clicks: Record<string, number> };
/** Marks in the webmail page: the click on our button, the draft's To set, the file handed over, the attachment listed. */
export type PageMarks = { openClick?: number; to?: number; fileChange?: number; attached?: number };

type PanelWindow = { __vaBench?: PanelMarks };
type PageWindow = { __vaBenchPage?: PageMarks };

// tsx compiles with esbuild's keepNames, so a function's text may call __name: give every world a stand-in.
const nameShim = 'globalThis.__name ??= (fn) => fn;';

/** Runs at document start in every frame; acts in the panel page only. */
function panelProbe(): void {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/panel.html')) return;
  const now = () => performance.timeOrigin + performance.now();
  const marks: PanelMarks = { start: now(), clicks: {} };
  (globalThis as PanelWindow).__vaBench = marks;
  const observer = new MutationObserver(() => {
    const heading = document.querySelector('h1');
    const text = heading?.textContent ?? '';
    if (marks.ready === undefined) {
      const box = document.querySelector('input[type="checkbox"]');
      if (!text || !(box instanceof HTMLInputElement) || box.disabled) return;
      marks.ready = now();
      // After the next frame: rendered, and the main thread free to take the first input.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          marks.painted = now();
        };
        channel.port2.postMessage(null);
      });
    }
    if (marks.done === undefined && (text === 'Concept klaar' || text === 'Het concept kon niet helemaal gemaakt worden')) {
      marks.done = now();
      marks.doneHeading = text;
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button?.textContent) marks.clicks[button.textContent.trim()] = performance.timeOrigin + event.timeStamp;
    },
    true,
  );
}

/** Installed in the webmail page's main world once it has loaded. */
function pageProbe(): void {
  const now = () => performance.timeOrigin + performance.now();
  const marks: PageMarks = {};
  (window as PageWindow).__vaBenchPage = marks;
  // Capture on window runs before the button's own listener inside the closed shadow root (the host is the target).
  window.addEventListener(
    'click',
    (event) => {
      if (event.target instanceof Element && event.target.localName === 'veilig-aanmelden') marks.openClick = performance.timeOrigin + event.timeStamp;
    },
    true,
  );
  document.addEventListener('input', (event) => {
    if (event.target instanceof Element && event.target.id === '_to') marks.to ??= now();
  }, true);
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'file') marks.fileChange ??= now();
  }, true);
  const list = document.querySelector('#attachment-list');
  if (list) {
    new MutationObserver(() => {
      if (marks.attached !== undefined) return;
      const done = [...list.querySelectorAll('li[id^="rcmfile"]')].some((item) => item.textContent?.includes('aanmelding-') && !item.classList.contains('uploading'));
      if (done) marks.attached = now();
    }).observe(list, { childList: true, subtree: true, characterData: true, attributes: true });
  }
}

export async function launchBench(build: string): Promise<Bench> {
  if (!existsSync('/usr/bin/chromium')) throw new Error("Debian's Chromium is missing: apt-get install chromium (npm test installs it when run as root)");
  const profile = mkdtempSync(join(tmpdir(), 'va-bench-'));
  // The same browser as test/browser/extension.ts: Debian's Chromium, a Flemish user's locale, a fresh profile.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'nl-BE',
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${build}`, `--load-extension=${build}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=nl-BE',
      // performance.memory with precise figures (figure 6 reads the heap over CDP as well).
      '--enable-precise-memory-info',
    ],
  });
  try {
    await context.addInitScript({ content: `${nameShim}\n(${panelProbe.toString()})();` });
    const page = await context.newPage();
    await page.goto('chrome://extensions');
    const id = await page.evaluate(async () => {
      const all = await (globalThis as unknown as { chrome: { management: { getAll(): Promise<{ id: string }[]> } } }).chrome.management.getAll();
      return all[0]?.id ?? '';
    });
    const cdp = await context.newCDPSession(page);
    const version = (await cdp.send('Browser.getVersion')).product;
    await cdp.detach();
    await page.close();
    if (!id) throw new Error('the extension did not load in Chromium');
    return {
      context,
      id,
      chromium: version,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The user adds a Roundcube address in the options page (the e2e build holds the loopback host: no prompt). */
export async function addRoundcubeOrigin(bench: Bench, origin: string): Promise<void> {
  const options = await bench.context.newPage();
  await options.goto(`chrome-extension://${bench.id}/options.html`);
  await options.getByLabel('Adres van je Roundcube').fill(origin);
  await options.getByRole('button', { name: 'Voeg toe' }).click();
  await options.getByText(/^Toegevoegd: /u).waitFor();
  await options.close();
}

/** A webmail page with the probes, once our button is in it. */
export async function preparePage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('veilig-aanmelden').first().waitFor({ timeout: 15_000 });
  await installPageProbe(page);
}

/** The webmail page's probes, in a page that has loaded (see pageProbe). */
export async function installPageProbe(page: Page): Promise<void> {
  await page.evaluate(`${nameShim}\n(${pageProbe.toString()})();`);
}

export const pageMarks = (page: Page): Promise<PageMarks> => page.evaluate(() => ({ ...(window as PageWindow).__vaBenchPage }));
export const resetPageMarks = (page: Page): Promise<void> =>
  page.evaluate(() => {
    const marks = (window as PageWindow).__vaBenchPage;
    if (marks) for (const key of Object.keys(marks)) delete marks[key as keyof PageMarks];
  });
export const panelMarks = (frame: Frame): Promise<PanelMarks> => frame.evaluate(() => JSON.parse(JSON.stringify((globalThis as PanelWindow).__vaBench ?? null)) as PanelMarks);

/** Milliseconds after the click: the panel's navigation starts, its document starts, its scripts have run (DOMContentLoaded), it is ready, painted. */
export type OpenTiming = { frame: Frame; openMs: number; paintedMs: number; documentStartMs: number; navigationStartMs: number; scriptsRunMs: number };

/** The centre of our button's host element, scrolled into view (the host of a closed shadow root: click its centre). */
export async function buttonCentre(page: Page): Promise<{ x: number; y: number }> {
  const host = page.locator('veilig-aanmelden').first();
  await host.scrollIntoViewIfNeeded();
  const box = await host.boundingBox();
  if (!box) throw new Error('the button "Aanmelden bij OCMW" is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Clicks the centre of the button's host element and waits until the panel can take its first input. The click is
 * a plain CDP mouse event (no script injected into the page), so repeated cycles leave nothing of the driver's own
 * in the page's heap.
 */
export async function openPanel(page: Page, at?: { x: number; y: number }): Promise<OpenTiming> {
  await resetPageMarks(page);
  const { x, y } = at ?? (await buttonCentre(page));
  await page.mouse.click(x, y);
  const frame = await panelFrame(page);
  await frame.waitForFunction(() => (globalThis as PanelWindow).__vaBench?.painted !== undefined, undefined, { timeout: 20_000 });
  const [marks, pageSide, navigation] = await Promise.all([
    panelMarks(frame),
    pageMarks(page),
    frame.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { origin: performance.timeOrigin, scriptsRun: entry?.domContentLoadedEventEnd ?? Number.NaN };
    }),
  ]);
  const click = pageSide.openClick;
  if (click === undefined || marks.ready === undefined || marks.painted === undefined) throw new Error('open: a mark is missing');
  return {
    frame,
    openMs: marks.ready - click,
    paintedMs: marks.painted - click,
    documentStartMs: marks.start - click,
    navigationStartMs: navigation.origin - click,
    scriptsRunMs: navigation.origin + navigation.scriptsRun - click,
  };
}

/** Closes the panel with its own close button (panel → background → content script) and waits until it is gone. */
export async function closePanel(page: Page, frame: Frame): Promise<void> {
  const detached = page.waitForEvent('framedetached', { predicate: (gone) => gone === frame, timeout: 15_000 });
  // Clicked from inside the panel, after this evaluation returns: the frame goes away with the click.
  await frame.locator('button.close').waitFor();
  await frame.evaluate(() => void setTimeout(() => document.querySelector<HTMLButtonElement>('button.close')?.click(), 0));
  // The content script removes the panel's host with the iframe in it: the frame's detach is the host's removal.
  await detached;
}

/** Used JS heap of the page's renderer (main world and the content script's isolated world), after full GCs. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Bounds of the offset between the panel's and the page's clocks, from back-to-back reads (ms). */
export async function clockSkew(page: Page, frame: Frame, samples = 5): Promise<{ low: number; high: number }> {
  const read = () => performance.timeOrigin + performance.now();
  let low = -Infinity;
  let high = Infinity;
  for (let i = 0; i < samples; i++) {
    const a = await page.evaluate(read);
    const b = await frame.evaluate(read);
    const c = await page.evaluate(read);
    // b = a + d1 + skew and c = b + d2 - skew with d1, d2 ≥ 0: skew ∈ [b - c, b - a].
    low = Math.max(low, b - c);
    high = Math.min(high, b - a);
  }
  return { low, high };
}
