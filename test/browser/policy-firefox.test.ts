import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxExtensionId, firefoxPolicies, makePolicyTable, policyObject } from '../../lib/directory/policy-maker';
import {
  canWritePolicy, cleanStalePolicies, firefoxPolicyFile, removePoliciesOnExit, removePolicy, writePolicy,
} from '../../scripts/policy-file';
import { firefoxBuild, geckoId, launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';
import { kortrijkCsv, mixedPolicy, strongKey } from './policy-cases';

// Debian's Firefox ESR with a real policies.json (TOOLCHAIN.md, "Enterprise policy"). Firefox reads the file at
// start-up only, so each policy gets its own launch. Skipped when this process cannot write /etc/firefox/policies
// (not root): both places Firefox on Linux reads policies.json from (that folder and the install's distribution
// folder) belong to root, so without root there is no way to hand it a policy.
// A policies.json that was there before the run is moved aside and put back in every exit path (afterAll, a signal,
// process exit, and the next run's cleanStalePolicies after a killed one).
const writable = canWritePolicy(firefoxPolicyFile);

/** The file's bytes, or null when there is none. */
const snapshot = (file: string) => (existsSync(file) ? readFileSync(file) : null);

describe.skipIf(!writable)('enterprise policy in Firefox ESR (policies.json)', () => {
  let firefox: FirefoxWithExtension | undefined;
  let stopCleanup: (() => void) | undefined;
  /** The machine's policies.json before the run (null: none); undefined until beforeAll took it. */
  let before: Buffer | null | undefined;
  const timings: Record<string, number> = {};

  beforeAll(() => {
    // First put back what a killed run left, then note what the machine has.
    cleanStalePolicies();
    before = snapshot(firefoxPolicyFile);
    stopCleanup = removePoliciesOnExit();
    expect(existsSync(`${firefoxBuild}/manifest.json`), 'build first: npm run build').toBe(true);
    // What the policy maker writes for Firefox must name the id the build carries.
    expect(firefoxExtensionId).toBe(geckoId);
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      removePolicy(firefoxPolicyFile);
      stopCleanup?.();
    }
    // Whatever policies.json the machine had (or none) is back, byte for byte.
    if (before !== undefined) expect(snapshot(firefoxPolicyFile)).toEqual(before);
  });

  async function launch(policy: unknown): Promise<FirefoxWithExtension> {
    await firefox?.close();
    firefox = undefined;
    writePolicy(firefoxPolicyFile, policy);
    firefox = await launchFirefoxWithExtension(firefoxBuild);
    return firefox;
  }

  async function open(browser: FirefoxWithExtension, path: string): Promise<Page> {
    const page = await browser.newPage();
    await browser.goto(page, path);
    return page;
  }

  const text = (page: Page) => page.evaluate(() => document.body.innerText.replace(/\s+/gu, ' '));
  const waitForText = (page: Page, wanted: string, timeout = 5_000) =>
    page.waitForFunction((value: string) => document.body.innerText.replace(/\s+/gu, ' ').includes(value), { timeout, polling: 50 }, wanted);

  /** What `browser.storage.managed.get()` gives the extension's own page; its error message when it rejects. */
  const managed = (page: Page) =>
    page.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { storage: { managed: { get: () => Promise<unknown> } } } }).browser;
      try {
        return { value: await api.storage.managed.get() };
      } catch (error) {
        return { error: String(error) };
      }
    });

  /** The panel page's lookup view with `query` typed into its search field. */
  async function lookup(browser: FirefoxWithExtension, query: string): Promise<Page> {
    const page = await open(browser, 'sidepanel.html');
    const opzoeken = await page.waitForFunction(() => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Opzoeken'), {
      timeout: 5_000,
      polling: 50,
    });
    await (opzoeken as ElementHandle<HTMLButtonElement>).click();
    const input = await page.waitForSelector('input[type="search"]', { timeout: 5_000 });
    await input?.type(query);
    return page;
  }

  it('a policies.json that was already there is moved aside and put back byte for byte, also after a killed run', () => {
    // The same functions on a file of our own: the real one may not exist, and must not be touched here.
    const folder = mkdtempSync(join(tmpdir(), 'va-policy-restore-'));
    try {
      const file = join(folder, 'policies.json');
      const theirs = '{ "policies": { "DisableTelemetry": true } }\n';
      writeFileSync(file, theirs);
      writePolicy(file, { policies: {} });
      expect(readFileSync(file, 'utf8')).not.toBe(theirs);
      removePolicy(file);
      expect(readFileSync(file, 'utf8')).toBe(theirs);
      // A killed run leaves the ledger behind: the next start's cleanStalePolicies puts the file back.
      writePolicy(file, { policies: {} });
      cleanStalePolicies();
      expect(readFileSync(file, 'utf8')).toBe(theirs);
      // With nothing there before, nothing is left after.
      rmSync(file);
      writePolicy(file, { policies: {} });
      cleanStalePolicies();
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the policy maker\'s policies.json reaches storage.managed; the lookup shows its mailbox and source, and a referral to it is allowed', async () => {
    const started = performance.now();
    // The policy maker's own output: what IT would deploy.
    const made = makePolicyTable(kortrijkCsv);
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    const browser = await launch(JSON.parse(firefoxPolicies(made.table.config)));
    timings.firstLaunchMs = browser.timings.launchMs + browser.timings.installMs;

    const options = await open(browser, 'options.html');
    // Firefox hands the 3rdparty → Extensions → <gecko id> object over as it stands in the file.
    expect(await managed(options)).toEqual({ value: policyObject(made.table.config) });
    await waitForText(options, 'Bron: protocol van 12-12-2025, Opgroeien IT (beleid van je organisatie)');
    expect(await text(options)).toContain('Je organisatie (Opgroeien IT) beheert via beleid het mailadres van 1 ontvanger');

    const page = await lookup(browser, '8500');
    await waitForText(page, 'sociaal@kortrijk.example');
    expect(await text(page)).toContain('Mailadres en datum: beleid van je organisatie. Bron: protocol van 12-12-2025, Opgroeien IT');
    // Without the policy Kortrijk has no mailbox and no protocol in the bundled directory: no referral.
    expect(await page.$eval('article', (card) => card.className)).toContain('verdict-allow');
    expect(await browser.problems()).toEqual([]);
    timings.firstPolicyMs = Math.round(performance.now() - started);
    await page.close();
    await options.close();
  });

  it('after a restart with a new policies.json, one good and one bad entry of each kind: the good one applies, each bad one is named', async () => {
    const started = performance.now();
    const policy = mixedPolicy;
    // Firefox reads policies.json only when it starts: close it, write the new file, start again.
    const browser = await launch({ policies: { '3rdparty': { Extensions: { [geckoId]: policy } } } });
    timings.secondLaunchMs = browser.timings.launchMs + browser.timings.installMs;

    const options = await open(browser, 'options.html');
    // Firefox checks nothing inside an extension's policy: the number arrives as a number, nothing is dropped.
    expect(await managed(options)).toEqual({ value: policy });
    await waitForText(options, 'nieuw@kortrijk.example');
    const shown = await text(options);
    expect(shown).toContain('Je organisatie (Opgroeien IT) beheert via beleid het mailadres van 1 ontvanger');
    expect(shown).toContain('vooraf afgesproken sleutel ingesteld');
    expect(shown).toContain('Je organisatie stelde 5 gegevens in die niet kloppen');
    // Chrome drops a recipient with a number in it (policy-chromium.test.ts); Firefox passes it, and zod names the field.
    expect(shown).toContain('OCMW Tessenderlo-Ham (71071), mailbox: hier hoort tekst (tussen aanhalingstekens).');
    expect(shown).not.toContain('de browser liet deze ontvanger vallen');
    expect(shown).toContain('OCMW Antwerpen (11002), protocol.status: onbekende status');
    expect(shown).toContain('gent: „gent” is geen ontvanger');
    expect(shown).toContain('OCMW Gent (44021), mailbox: geen geldig mailadres.');
    expect(shown).toContain('OCMW Mechelen (12025), preSharedKey: de sleutel is te zwak');
    expect(shown).not.toContain(strongKey);

    const panel = await lookup(browser, '8500');
    await waitForText(panel, 'nieuw@kortrijk.example');
    expect(await text(panel)).not.toContain('sociaal@kortrijk.example');
    expect(await panel.$eval('article', (card) => card.className)).toContain('verdict-allow');
    // A bad entry is ignored, not half applied: Mechelen keeps the bundled directory's (empty) mailbox.
    const mechelen = await lookup(browser, '2800');
    await waitForText(mechelen, 'OCMW Mechelen');
    expect(await text(mechelen)).not.toContain('ocmw@mechelen.example');
    expect(await mechelen.$eval('article', (card) => card.className)).not.toContain('verdict-allow');
    expect(await browser.problems()).toEqual([]);
    timings.secondPolicyMs = Math.round(performance.now() - started);
    await mechelen.close();
    await panel.close();
    await options.close();
    console.info(`policy-firefox timings: ${JSON.stringify(timings)}`);
  });
});
