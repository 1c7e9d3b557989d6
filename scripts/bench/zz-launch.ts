import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
export async function launch(build: string) {
  const profile = mkdtempSync(join(tmpdir(), 'va-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, locale: 'nl-BE', ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${build}`, `--load-extension=${build}`, '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=nl-BE'],
  });
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  const id = await page.evaluate(async () => (await (globalThis as any).chrome.management.getAll())[0]?.id ?? '');
  await page.close();
  return { context, id, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}
