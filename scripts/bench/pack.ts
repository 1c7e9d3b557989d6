// Figure 3: packReferral in the side panel, side by side with the real 7-Zip on the same three files in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../lib/zod-setup';
import { generatePassword } from '../../lib/password';
import { buildReferralFiles, parseReferral } from '../../lib/referral';
import { closePanel, newTab, panelFor, preparePage, type Bench } from './browser';
import { bundleScript } from './bundle';
import { benchInput, benchNow, benchRecipient } from './input';
import { figure, round, type Figure } from './stats';

const perRun = 20;

/** packReferral timed inside the open side panel: 20 warm-up calls, then 20 per run. */
async function packInPanel(bench: Bench, root: string, url: string, runs: number): Promise<number[]> {
  const code = await bundleScript(root, join(root, 'scripts/bench/pack-entry.ts'));
  const page = await newTab(bench);
  try {
    await preparePage(page, url);
    const panel = await panelFor(bench, page);
    try {
      // Evaluated over CDP, which the extension page's CSP does not stop; it then runs on the panel's main thread.
      await panel.evaluate(code);
      return await panel.evaluate(
        (count: number, warmup: number) => (globalThis as unknown as { vaBenchPack: (runs: number, warmup: number) => Promise<number[]> }).vaBenchPack(count, warmup),
        runs * perRun,
        perRun,
      );
    } finally {
      await closePanel(bench, panel);
    }
  } finally {
    await page.close();
  }
}

/**
 * `7z a -tzip -mem=AES256` on the three files the product writes for the same referral (buildReferralFiles, padded
 * as packed), with a generated password: the wall time of each process, from spawn to exit, the archive removed
 * before each run. One warm-up run (page cache), then `perRun` per run.
 */
function sevenZip(runs: number): { times: number[]; version: string; command: string } {
  const parsed = parseReferral(benchInput, { now: benchNow });
  if (!parsed.ok) throw new Error('bench input invalid');
  const { files } = buildReferralFiles(parsed.referral, { recipient: benchRecipient });
  const dir = mkdtempSync(join(tmpdir(), 'va-bench-7z-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const archive = join(dir, 'out.zip');
    const args = ['a', '-tzip', '-mem=AES256', `-p${generatePassword()}`, '-bso0', '-bsp0', archive, ...Object.keys(files)];
    const run = () => {
      rmSync(archive, { force: true });
      const start = performance.now();
      const result = spawnSync('7z', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      const elapsed = performance.now() - start;
      if (result.status !== 0) throw new Error(`7z failed (${result.status ?? result.error?.message}): ${result.stderr?.toString().slice(0, 300)}`);
      return elapsed;
    };
    run();
    const times = Array.from({ length: runs * perRun }, run);
    const version = /7-Zip[^\n]*/u.exec(spawnSync('7z', ['i'], { encoding: 'utf8' }).stdout)?.[0]?.trim() ?? 'unknown';
    return { times, version, command: `7z a -tzip -mem=AES256 -p<password> out.zip ${Object.keys(files).join(' ')}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function packFigures(bench: Bench, root: string, url: string, runs: number): Promise<Figure[]> {
  const ours = await packInPanel(bench, root, url, runs);
  const seven = sevenZip(runs);
  const sevenFigure = figure(
    {
      id: 'pack-7z',
      number: '3',
      name: 'Pack, for comparison: the 7-Zip process on the same three files',
      unit: 'ms',
      target: null,
      targetText: 'for comparison',
      method: `${seven.command} (${seven.version}), default compression level, as a worker runs it: the wall time of the process from spawn to exit, archive removed first. One warm-up run, then ${perRun} per run.`,
    },
    seven.times,
    2,
  );
  const ourFigure = figure(
    {
      id: 'pack',
      number: '3',
      name: 'Pack: packReferral in the side panel (AES-256 zip of the three files)',
      unit: 'ms',
      target: 20,
      targetText: '≤ 20 ms and ≤ 7-Zip',
      method: `lib/referral bundled by Vite (as the panel is) and evaluated in the open side panel over CDP; packReferral of the typical referral (with its recipient, as "Maak concept" packs it) timed with performance.now() on the panel's main thread: ${perRun} warm-up calls, then ${perRun} per run. Passes when the median is ≤ 20 ms and ≤ the 7-Zip process's median in the same run.`,
    },
    ours,
    2,
  );
  const ratio = ourFigure.median !== null && sevenFigure.median ? round(ourFigure.median / sevenFigure.median, 2) : null;
  ourFigure.details = { ratioToSevenZip: ratio, sevenZipMedianMs: sevenFigure.median };
  ourFigure.pass = ourFigure.pass === true && ratio !== null && ratio <= 1;
  return [ourFigure, sevenFigure];
}
