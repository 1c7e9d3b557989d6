import { existsSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeLinuxPolicy, makePolicyTable } from '../../lib/directory/policy-maker';
import {
  canWritePolicy, chromiumPolicyFile, cleanStalePolicies, removePoliciesOnExit, removePolicy, unpackedExtensionId, writePolicy,
} from '../../scripts/policy-file';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './chromium';
import { kortrijkCsv, mixedPolicy, strongKey } from './policy-cases';
import { chromeBuild } from './extension';

// Real Chromium with a real enterprise policy file (TOOLCHAIN.md, "Enterprise policy"): written by the test for the
// built extension's id, removed in every exit path (a killed run is cleaned at the next start).
const writable = canWritePolicy(chromiumPolicyFile);

describe.skipIf(!writable)('enterprise policy in Chromium', () => {
  let chromium: ChromiumWithExtension;
  let stopCleanup: () => void;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    expect(existsSync(`${chromeBuild}/manifest.json`), 'build first: npm run build').toBe(true);
    cleanStalePolicies();
    stopCleanup = removePoliciesOnExit();
    const id = await unpackedExtensionId(chromeBuild);
    // The policy maker's own output: what IT would deploy.
    const made = makePolicyTable(kortrijkCsv);
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    writePolicy(chromiumPolicyFile, JSON.parse(chromeLinuxPolicy(made.table.config, id)));
    chromium = await launchChromiumWithExtension(chromeBuild);
    expect(chromium.id).toBe(id);
    timings.launchMs = chromium.timings.launchMs;
  });

  afterAll(async () => {
    try {
      await chromium?.close();
    } finally {
      removePolicy(chromiumPolicyFile);
      stopCleanup?.();
    }
  });

  const text = (page: Page) => page.evaluate(() => document.body.innerText.replace(/\s+/gu, ' '));
  const waitForText = (page: Page, wanted: string, timeout = 15_000) =>
    page.waitForFunction((value: string) => document.body.innerText.replace(/\s+/gu, ' ').includes(value), { timeout, polling: 100 }, wanted);

  async function lookup(query: string): Promise<Page> {
    const page = await chromium.open('sidepanel.html');
    await page.waitForSelector('nav button, button', { timeout: 5_000 });
    const opzoeken = await page.waitForFunction(() => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Opzoeken') ?? null);
    await (opzoeken as unknown as { click: () => Promise<void> }).click();
    const input = await page.waitForSelector('input[type="search"]');
    await input?.type(query);
    return page;
  }

  it('the recipient the policy names shows its mailbox and source, and a referral to it is allowed', async () => {
    const started = performance.now();
    const options = await chromium.open('options.html');
    await waitForText(options, 'Bron: protocol van 12-12-2025, Opgroeien IT (beleid van je organisatie)');
    const page = await lookup('8500');
    await waitForText(page, 'sociaal@kortrijk.example');
    expect(await text(page)).toContain('Mailadres en datum: beleid van je organisatie. Bron: protocol van 12-12-2025, Opgroeien IT');
    expect(await page.$eval('article', (card) => card.className)).toContain('verdict-allow');
    timings.firstPolicyMs = Math.round(performance.now() - started);
    await page.close();
    await options.close();
  });

  it('a changed policy with one good and one bad entry of each kind reaches the open pages; each bad one is named', async () => {
    const started = performance.now();
    const options = await chromium.open('options.html');
    const panel = await lookup('8500');
    await waitForText(panel, 'sociaal@kortrijk.example');
    writePolicy(chromiumPolicyFile, {
      '3rdparty': {
        extensions: {
          [chromium.id]: mixedPolicy,
        },
      },
    });
    // No reload: the open panel and options page follow the policy (Chromium applies a changed file within ~5 s).
    await waitForText(panel, 'nieuw@kortrijk.example', 30_000);
    await waitForText(options, 'nieuw@kortrijk.example', 15_000);
    const shown = await text(options);
    expect(shown).toContain('OCMW Tessenderlo-Ham (71071): de browser liet deze ontvanger vallen');
    expect(shown).toContain('OCMW Antwerpen (11002), protocol.status: onbekende status');
    expect(shown).toContain('gent: „gent” is geen ontvanger');
    expect(shown).toContain('OCMW Gent (44021), mailbox: geen geldig mailadres.');
    expect(shown).toContain('OCMW Mechelen (12025), preSharedKey: de sleutel is te zwak');
    expect(shown).not.toContain(strongKey);
    timings.changeMs = Math.round(performance.now() - started);
    await panel.close();
    await options.close();
    console.info(`policy-chromium timings: ${JSON.stringify(timings)}`);
  });
});
