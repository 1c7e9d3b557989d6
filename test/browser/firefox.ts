import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const firefoxBuild = fileURLToPath(new URL('../../.output/firefox-mv2', import.meta.url));
/** The end-to-end build (npm run build:e2e): it also holds http://127.0.0.1/*, so the sandbox needs no prompt. */
export const firefoxE2eBuild = fileURLToPath(new URL('../../.output/firefox-mv2-e2e', import.meta.url));
export const firefoxExecutable = '/usr/bin/firefox-esr';

/** The add-on id from wxt.config.ts; checked against the built manifest and against what Firefox installed. */
export const geckoId = 'veilig-aanmelden@opgroeien.be';
/**
 * Firefox gives every add-on a random moz-extension UUID unless the pref `extensions.webextensions.uuids` (a JSON map
 * id → UUID) already lists one when it installs: set before the install, it pins the extension's origin.
 */
export const fixedUuid = '6f0c2e57-9a41-4b8d-b3e2-5d7a1c9e0f34';

/** Debian's Firefox ESR with the built extension installed as a temporary add-on. */
export type FirefoxWithExtension = {
  browser: Browser;
  /** `moz-extension://<fixedUuid>/`, with the trailing slash. */
  extensionBaseUrl: string;
  /** A new tab on about:blank. */
  newPage: () => Promise<Page>;
  /** Opens an extension page (`popup.html`, `options.html`…) in `page` and waits for its load event. */
  goto: (page: Page, path: string) => Promise<void>;
  /** Errors and warnings logged so far by the extension's pages: script errors, CSP reports and console calls. */
  problems: () => Promise<string[]>;
  close: () => Promise<void>;
  timings: { launchMs: number; installMs: number };
};

// Firefox talks to nobody during the tests: on top of what puppeteer already writes into user.js (safebrowsing
// lists, health report, add-on updates and remote settings pointed at dummy hosts), switch off the services that
// still phone home. The machine has no network; these keep startup fast and the logs free of failed requests.
const quietPrefs: Record<string, unknown> = {
  'app.update.enabled': false,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'browser.discovery.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.geoip.url': '',
  'browser.search.update': false,
  'browser.topsites.contile.enabled': false,
  'captivedetect.canonicalURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.usage.uploadEnabled': false,
  'dom.push.connection.enabled': false,
  'dom.push.serverURL': '',
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.update.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'geo.provider.network.url': '',
  'media.gmp-manager.url': '',
  'messaging-system.rsexperimentloader.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'nimbus.rollouts.enabled': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.updatePing.enabled': false,
  'toolkit.telemetry.shutdownPingSender.enabled': false,
  'toolkit.telemetry.firstShutdownPing.enabled': false,
  'toolkit.telemetry.newProfilePing.enabled': false,
  'toolkit.telemetry.bhrPing.enabled': false,
  // console.error/warn/… calls of content (the extension's pages run in the content-like "extension" process) are
  // printed to Firefox's stdout: WebDriver BiDi does not report them for extension pages (see below).
  'devtools.console.stdout.content': true,
};

/** The part of puppeteer's WebDriver BiDi connection used here: raw commands (internal, but stable since v22). */
export type BidiConnection = {
  send: (method: string, params: object, timeout?: number) => Promise<{ result: unknown }>;
};

export function bidiConnection(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: Partial<BidiConnection> }).connection;
  if (typeof connection?.send !== 'function') throw new Error('puppeteer-core no longer exposes its BiDi connection');
  return connection as BidiConnection;
}

// Runs in Firefox's browser window (chrome privileges): keeps every script error, CSP report and warning whose
// window or source belongs to the extension. Firefox forwards these from the extension process to the parent.
const watchConsoleService = (base: string) => `(() => {
  if (window.__vaProblems) return true;
  const problems = (window.__vaProblems = []);
  Services.console.registerListener({
    observe(message) {
      if (!(message instanceof Ci.nsIScriptError) || message.flags & Ci.nsIScriptError.infoFlag) return;
      const source = message.sourceName || '';
      let page = '';
      try { page = WindowGlobalParent.getByInnerWindowId(message.innerWindowID)?.documentURI?.spec ?? ''; } catch {}
      if (!source.startsWith(${JSON.stringify(base)}) && !page.startsWith(${JSON.stringify(base)})) return;
      const level = message.flags & Ci.nsIScriptError.warningFlag ? 'warning' : 'error';
      problems.push(level + ' [' + message.category + '] ' + (source || page) + ':' + message.lineNumber + ' ' + message.errorMessage);
    },
  });
  return true;
})()`;

async function evaluateInChrome(connection: BidiConnection, context: string, expression: string): Promise<unknown> {
  const { result } = (await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: false }, 10_000)) as {
    result: { type: 'success'; result: { value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };
  };
  if (result.type === 'exception') throw new Error(`chrome script failed: ${result.exceptionDetails.text}`);
  return result.result.value;
}

/**
 * Debian's firefox-esr, headless, with a fresh temporary profile, driven by puppeteer-core over WebDriver BiDi,
 * with the built Firefox extension (`build`: npm run build by default, or firefoxE2eBuild) installed as a temporary
 * add-on under a fixed UUID.
 *
 * Firefox 153's WebDriver BiDi keeps extension pages at arm's length (bug 1755014): it refuses to navigate a tab to
 * moz-extension:// unless started with --remote-allow-system-access, and it sends no load, navigation or log events
 * for them. Scripts and input actions do work there. Hence `goto` (a raw browsingContext.navigate that waits for the
 * load itself; puppeteer's page.goto would wait for events that never come, and page.url() stays about:blank) and
 * `problems` (Firefox's console service, watched from the browser window, plus console calls printed on stdout).
 */
export async function launchFirefoxWithExtension(build: string = firefoxBuild): Promise<FirefoxWithExtension> {
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const builtId = manifest.browser_specific_settings?.gecko?.id;
  if (builtId !== geckoId) throw new Error(`the Firefox build has gecko id ${String(builtId)}, expected ${geckoId}`);
  const extensionBaseUrl = `moz-extension://${fixedUuid}/`;

  // Our own directory rather than puppeteer's: then we know what to delete, also when the launch fails.
  const profile = mkdtempSync(join(tmpdir(), 'va-firefox-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  const started = performance.now();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: firefoxExecutable,
      headless: true,
      userDataDir: profile,
      timeout: 30_000,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { ...quietPrefs, 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: fixedUuid }) },
    });
  } catch (error) {
    removeProfile();
    throw error;
  }
  const launched = performance.now();

  const consoleLines: string[] = [];
  let pending = '';
  browser.process()?.stdout?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    // Only our extension's pages (and about:blank) run content script here: every console call is theirs.
    consoleLines.push(...lines.filter((line) => /^(?:\S+ )?console\.(?:error|warn|assert|exception)\b/u.test(line)));
  });

  const close = async () => {
    try {
      await browser.close();
    } finally {
      removeProfile();
    }
  };

  try {
    const connection = bidiConnection(browser);
    const tree = (await connection.send('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' }, 10_000)).result as {
      contexts: { context: string; url: string }[];
    };
    const chromeWindow = tree.contexts.find((context) => context.url === 'chrome://browser/content/browser.xhtml')?.context;
    if (!chromeWindow) throw new Error('no Firefox browser window to watch the console from');
    await evaluateInChrome(connection, chromeWindow, watchConsoleService(extensionBaseUrl));

    const installedId = await browser.installExtension(build);
    if (installedId !== geckoId) throw new Error(`Firefox installed the extension as ${installedId}, expected ${geckoId}`);
    // The pinned UUID must have been taken: ask Firefox which host it serves the extension from.
    const host = await evaluateInChrome(connection, chromeWindow, `WebExtensionPolicy.getByID(${JSON.stringify(geckoId)})?.mozExtensionHostname ?? null`);
    if (host !== fixedUuid) throw new Error(`the extension runs at moz-extension://${String(host)}/, not under the fixed UUID ${fixedUuid}`);
    const installed = performance.now();

    const goto = async (page: Page, path: string) => {
      const context = (page.mainFrame() as unknown as { _id?: unknown })._id;
      if (typeof context !== 'string') throw new Error('puppeteer-core no longer exposes the frame id');
      await connection.send('browsingContext.navigate', { context, url: new URL(path, extensionBaseUrl).href, wait: 'complete' }, 15_000);
    };

    return {
      browser,
      extensionBaseUrl,
      newPage: () => browser.newPage(),
      goto,
      problems: async () => {
        const logged = (await evaluateInChrome(connection, chromeWindow, 'JSON.stringify(window.__vaProblems)')) as string;
        return [...(JSON.parse(logged) as string[]), ...consoleLines];
      },
      close,
      timings: { launchMs: Math.round(launched - started), installMs: Math.round(installed - launched) },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
