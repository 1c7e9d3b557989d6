import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const chromeBuild = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
/** The end-to-end build: the same extension, holding the loopback host so the sandbox can be added without a prompt. */
export const chromeE2eBuild = fileURLToPath(new URL('../../.output/chrome-mv3-e2e', import.meta.url));

export type LoadedExtension = { context: BrowserContext; id: string; close: () => Promise<void> };

/** Debian's Chromium, headless, with the built extension (npm test builds it first) and a fresh profile. */
export async function launchWithExtension(build: string = chromeBuild): Promise<LoadedExtension> {
  const profile = mkdtempSync(join(tmpdir(), 'va-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // A Flemish user's browser: the extension's own i18n (the button label) answers in Dutch.
    locale: 'nl-BE',
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${build}`, `--load-extension=${build}`, '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=nl-BE',
    ],
  });
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  // chrome.management is available to chrome:// pages: the only extension loaded is ours.
  const id = await page.evaluate(async () => {
    const all = await (globalThis as unknown as { chrome: { management: { getAll(): Promise<{ id: string }[]> } } }).chrome.management.getAll();
    return all[0]?.id ?? '';
  });
  await page.close();
  if (!id) throw new Error('the extension did not load');
  return {
    context,
    id,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
