// Debian's Chromium with the extension, driven by puppeteer-core as the end-to-end tests drive it
// (test/browser/chromium.ts), and the probes the browser figures read: marks taken in the side panel's page and in
// the webmail page, both as performance.timeOrigin + performance.now(), i.e. milliseconds on one wall clock across
// processes (the bounds of the skew are measured, see clockSkew).
import { CDPSessionEvent, type CDPSession, type Extension, type Page } from 'puppeteer-core';
import { closeSidePanel, launchChromiumWithExtension, openSidePanel, type ChromiumWithExtension } from '../../test/browser/chromium';
import { addRoundcubeInOptions, clickPanelButton, finishReferral } from '../../test/e2e/flow';
import { button, textAppears } from '../../test/support/driver';

export type Bench = ChromiumWithExtension & { product: string; extension: Extension };

/**
 * Marks in the side panel. `ready`: a heading is rendered and the first field (the consent step's first choice)
 * enabled and visible; `painted`: the frame after that; `verified`: "Concept klaar" with the read-back's "Het
 * concept is in orde"; `fallback`: the guided fallback's heading; `check`: the read-back found a problem; `clicks`:
 * per button text, the last click; `effort`: the user's clicks as the end-to-end test counts them (trusted clicks
 * outside text fields, and each choice in a list).
 */
export type PanelMarks = {
  start: number;
  ready?: number;
  painted?: number;
  verified?: number;
  fallback?: number;
  check?: number;
  clicks: Record<string, number>;
  effort: number;
};

type PanelWindow = { __vaBench?: PanelMarks };
type PageWindow = { __vaBenchPage?: { openClick?: number } };

// tsx compiles with esbuild's keepNames, so a function's text may call __name: give the page a stand-in.
const nameShim = 'globalThis.__name ??= (fn) => fn;';

/** Runs at document start in every new page; acts in the side panel only. */
function panelProbe(): void {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/sidepanel.html')) return;
  const now = () => performance.timeOrigin + performance.now();
  const marks: PanelMarks = { start: now(), clicks: {}, effort: 0 };
  (globalThis as PanelWindow).__vaBench = marks;
  const typing = 'input[type="text"], input[type="tel"], input[type="email"], input[type="date"], input:not([type]), textarea';
  new MutationObserver(() => {
    const heading = document.querySelector('h1')?.textContent?.trim() ?? '';
    if (marks.ready === undefined) {
      const first = document.querySelector('main.panel input');
      if (!heading || !(first instanceof HTMLInputElement) || first.disabled || !first.checkVisibility()) return;
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
    if (heading === 'Concept klaar' && marks.verified === undefined && [...document.querySelectorAll('p')].some((p) => p.textContent?.includes('Het concept is in orde'))) {
      marks.verified = now();
    }
    if (heading === 'Het concept kon niet helemaal gemaakt worden') marks.fallback ??= now();
    if (heading === 'Controleer het concept') marks.check ??= now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener(
    'click',
    (event) => {
      const pressed = event.target instanceof Element ? event.target.closest('button') : null;
      if (pressed?.textContent) marks.clicks[pressed.textContent.trim()] = performance.timeOrigin + event.timeStamp;
      if (event.isTrusted && !(event.target instanceof Element && event.target.closest(typing))) marks.effort += 1;
    },
    true,
  );
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) marks.effort += 1;
  }, true);
}

/** Installed in the webmail page's main world once it has loaded: the click on our button's host. */
function pageProbe(): void {
  const marks: { openClick?: number } = {};
  (window as PageWindow).__vaBenchPage = marks;
  // Capture on window runs before the button's own listener inside the closed shadow root (the host is the target).
  window.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.localName === 'veilig-aanmelden') marks.openClick = performance.timeOrigin + event.timeStamp;
  }, true);
}

/**
 * Adds the panel probe to every page Chromium opens from now on, before its first script runs. Puppeteer holds
 * each new target until it has attached (waitForDebuggerOnStart); the connection announces the new session
 * before puppeteer sends Runtime.runIfWaitingForDebugger, so this command is on the wire first.
 */
async function injectPanelProbe(chromium: ChromiumWithExtension): Promise<void> {
  const connection = (await chromium.browser.target().createCDPSession()).connection();
  if (!connection) throw new Error('no CDP connection');
  const source = `${nameShim}\n(${panelProbe.toString()})();`;
  connection.on(CDPSessionEvent.SessionAttached, (session: CDPSession) => {
    // Workers and tab targets have no Page domain: their refusal is expected.
    session.send('Page.addScriptToEvaluateOnNewDocument', { source, runImmediately: true }).catch(() => undefined);
  });
}

export async function launchBench(build: string): Promise<Bench> {
  const chromium = await launchChromiumWithExtension(build);
  try {
    await injectPanelProbe(chromium);
    const extension = (await chromium.browser.extensions()).get(chromium.id);
    if (!extension) throw new Error('the extension is not listed');
    return { ...chromium, product: await chromium.browser.version(), extension };
  } catch (error) {
    await chromium.close();
    throw error;
  }
}

/** The user adds a Roundcube address in the options page (the e2e build holds the loopback host: no prompt). */
export async function addRoundcubeOrigin(bench: Bench, origin: string): Promise<void> {
  const options = await bench.open('options.html');
  const { status, rejections } = await addRoundcubeInOptions(options, origin);
  await options.close();
  if (!status.startsWith('Toegevoegd')) throw new Error(`adding ${origin}: ${status} ${rejections.join(' ')}`);
}

const viewport = { width: 1280, height: 800 };

/** A new tab (or window) of the webmail size, with Roundcube's leave-page question answered yes. */
export async function newTab(bench: Bench, type: 'tab' | 'window' = 'tab'): Promise<Page> {
  const page = await bench.browser.newPage(type === 'window' ? { type: 'window' } : undefined);
  await page.setViewport(viewport);
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** Loads a webmail page, waits for our button in it, and adds the page probe. */
export async function preparePage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  await page.waitForSelector('veilig-aanmelden', { timeout: 15_000 });
  await installPageProbe(page);
}

async function installPageProbe(page: Page): Promise<void> {
  await page.evaluate(`${nameShim}\n(${pageProbe.toString()})();`);
}

export const panelMarks = (panel: Page): Promise<PanelMarks> =>
  panel.evaluate(() => JSON.parse(JSON.stringify((globalThis as PanelWindow).__vaBench ?? null)) as PanelMarks);

/** Forgets the draft marks and the clicks of an open panel, before the next referral in it. */
export const resetPanelMarks = (panel: Page): Promise<void> =>
  panel.evaluate(() => {
    const marks = (globalThis as PanelWindow).__vaBench;
    if (!marks) throw new Error('the panel probe is missing');
    delete marks.verified;
    delete marks.fallback;
    delete marks.check;
    marks.clicks = {};
    marks.effort = 0;
  });

/** Milliseconds from the trigger: the panel is ready, painted; its navigation, document and scripts started/ran. */
export type OpenTiming = { panel: Page; openMs: number; paintedMs: number; navigationStartMs: number; documentStartMs: number; scriptsRunMs: number };

const nodeNow = () => performance.timeOrigin + performance.now();

async function timing(panel: Page, trigger: number): Promise<OpenTiming> {
  await panel.waitForFunction(() => (globalThis as PanelWindow).__vaBench?.painted !== undefined, { timeout: 20_000, polling: 20 }).catch(async (error: unknown) => {
    // Say what the panel showed: whether the probe ran, which marks it took, the heading and the first field.
    const seen = await panel
      .evaluate(() => {
        const first = document.querySelector('main.panel input');
        return JSON.stringify({
          url: location.href,
          marks: (globalThis as PanelWindow).__vaBench ?? null,
          visibility: document.visibilityState,
          heading: document.querySelector('h1')?.textContent ?? null,
          firstField: first instanceof HTMLInputElement ? { disabled: first.disabled, visible: first.checkVisibility() } : null,
        });
      })
      .catch((reason: unknown) => `(the panel could not be read: ${String(reason)})`);
    throw new Error(`open: the panel did not paint within 20 s: ${seen}`, { cause: error });
  });
  const [marks, navigation] = await Promise.all([
    panelMarks(panel),
    panel.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { origin: performance.timeOrigin, scriptsRun: entry?.domContentLoadedEventEnd ?? Number.NaN };
    }),
  ]);
  if (marks.ready === undefined || marks.painted === undefined) throw new Error('open: a panel mark is missing');
  return {
    panel,
    openMs: marks.ready - trigger,
    paintedMs: marks.painted - trigger,
    navigationStartMs: navigation.origin - trigger,
    documentStartMs: marks.start - trigger,
    scriptsRunMs: navigation.origin + navigation.scriptsRun - trigger,
  };
}

/** The centre of our button's host element (the host of a closed shadow root: click its centre). */
export async function buttonCentre(page: Page): Promise<{ x: number; y: number }> {
  const host = await page.waitForSelector('veilig-aanmelden', { timeout: 10_000 });
  const box = await host?.boundingBox();
  if (!box || box.width === 0) throw new Error('the button "Aanmelden bij OCMW" is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A real (CDP) mouse click on the in-page button, timed from the click event in the page to the side panel's first
 * field taking input. A plain mouse event: nothing of the driver's own stays in the page's heap.
 */
export async function openByClick(bench: Bench, page: Page, at: { x: number; y: number }): Promise<OpenTiming> {
  await page.evaluate(() => void delete (window as PageWindow).__vaBenchPage?.openClick);
  const panel = await openSidePanel(bench.browser, () => page.mouse.click(at.x, at.y), { timeout: 20_000 });
  const click = await page.evaluate(() => (window as PageWindow).__vaBenchPage?.openClick);
  if (click === undefined) throw new Error('open: the click on the button was not seen in the page');
  return timing(panel, click);
}

/**
 * The toolbar icon, as Chromium's own action (CDP Extensions.triggerAction, what a click on the icon does; the
 * extension's action opens the side panel). No event in any page marks the moment: t0 is taken in Node just before
 * the command is sent, so the figure also holds the command's way to the browser (clock offset in clockSkew).
 */
export async function openByToolbar(bench: Bench, page: Page): Promise<OpenTiming> {
  let sent = 0;
  const panel = await openSidePanel(bench.browser, async () => {
    sent = nodeNow();
    await page.triggerExtensionAction(bench.extension);
  }, { timeout: 20_000 });
  return timing(panel, sent);
}

export const closePanel = (bench: Bench, panel: Page): Promise<void> => closeSidePanel(bench.browser, panel);

/** Opens the side panel with the in-page button (or takes the one open beside this tab). */
export const panelFor = (bench: Bench, page: Page): Promise<Page> => openSidePanel(bench.browser, () => clickPanelButton(page), { timeout: 20_000 });

/** Back to a blank consent step, whatever step the panel shows (done, fallback, check), so the next run starts clean. */
export async function blankPanel(panel: Page): Promise<void> {
  const heading = await panel.$eval('h1', (element) => element.textContent?.trim() ?? '');
  if (heading === 'Concept klaar' || heading === 'Controleer het concept') await finishReferral(panel);
  else if (heading !== 'Toestemming') {
    if (heading === 'Het concept kon niet helemaal gemaakt worden') await (await button(panel, 'Probeer opnieuw')).click();
    // Asked twice: the second press confirms.
    await (await button(panel, 'Annuleer en wis alles')).click();
    await (await button(panel, 'Annuleer en wis alles')).click();
  }
  await textAppears(panel, 'h1', 'Toestemming');
}

/** Used JS heap of the page's renderer (main world and the content script's isolated world), after full GCs. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/**
 * Bounds of the offset of the panel's clock against another clock (the webmail page's, or Node's), from
 * back-to-back reads: b = a + d1 + skew and c = b + d2 - skew with d1, d2 ≥ 0, so skew ∈ [b - c, b - a].
 */
export async function clockSkew(panel: Page, other: Page | 'node', samples = 5): Promise<{ low: number; high: number }> {
  const read = () => performance.timeOrigin + performance.now();
  const otherNow = () => (other === 'node' ? Promise.resolve(nodeNow()) : other.evaluate(read));
  let low = -Infinity;
  let high = Infinity;
  for (let i = 0; i < samples; i++) {
    const a = await otherNow();
    const b = await panel.evaluate(read);
    const c = await otherNow();
    low = Math.max(low, b - c);
    high = Math.min(high, b - a);
  }
  return { low, high };
}
