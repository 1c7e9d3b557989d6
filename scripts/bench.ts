/**
 * `npm run bench`: the performance figures of issue 15, each with its target and pass/miss. Prints one JSON object
 * (one line) and a markdown table on stdout, writes them to bench/results.json and bench/results.md; progress goes
 * to stderr. How each figure is measured: bench/README.md, and each figure's `method` in the JSON.
 *
 * 1 weight: the shipped build (.output/chrome-mv3). 2–7: Debian's headless Chromium with the e2e build
 * (.output/chrome-mv3-e2e, which may add a loopback Roundcube without a prompt), driven by puppeteer-core as the
 * end-to-end tests drive it (the side panel is a page of its own). 8: stated, not measured. Beside 2 and 4, the
 * Outlook add-in's (issue 22.8): the built task pane (.output/addin, npm run build:addin) on the fake Office.
 *
 *   flock /tmp/va-roundcube.lock npm run bench      everything, 5 runs per figure (the sandbox under its lock)
 *   npm run bench -- --runs 7                       more runs
 *   npm run bench -- --build                        wxt build, wxt build --mode e2e (Chrome) and the add-in first
 *   npm run bench -- --skip-roundcube               without the sandbox (figure 4 on Roundcube not measured;
 *                                                   clicks counted on the Gmail fixture instead)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addinFigures } from './bench/addin';
import { addRoundcubeOrigin, launchBench, type Bench } from './bench/browser';
import { effortBase, fixtureDrafts, roundcubeDrafts } from './bench/drafts';
import { idleCost } from './bench/idle';
import { openAndMemory } from './bench/open-memory';
import { packFigures } from './bench/pack';
import { behaviourPages, startFixtureServer, type FixtureServer } from './bench/pages';
import { attempt, failedFigure, figure, round, type Figure, type FigureBase } from './bench/stats';
import { measureWeight, pageWeight, requireBuild } from './bench/weight';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromeBuild = join(root, '.output', 'chrome-mv3');
const chromeE2eBuild = join(root, '.output', 'chrome-mv3-e2e');
const started = Date.now();
const loadAtStart = loadavg().map((value) => round(value, 2));

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const runs = Number(option('--runs') ?? process.env.VA_BENCH_RUNS ?? 5);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs must be a whole number from 1 to 50');
const skipRoundcube = args.includes('--skip-roundcube') || process.env.VA_BENCH_SKIP_ROUNDCUBE === '1';
const progress = (text: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1)} s] ${text}\n`);

/** Figure 8, stated and not measured: the routine the extension replaces (RULES §1, docs/RULES.md: Word, 7-Zip, the mailbox, attaching). */
const manualRoutine = {
  id: 'manual',
  number: '8',
  name: 'The manual routine for comparison (stated, not measured)',
  steps: [
    'Word: open the referral template, type the client data, save the file (about 4 clicks besides typing)',
    '7-Zip: in the file manager, right-click the file, 7-Zip, Add to archive, choose zip and AES-256, type the password twice, OK (about 8 clicks)',
    "the OCMW's mailbox: look up the social service of the client's municipality (a search on the municipality's site or a list; about 3 clicks)",
    'the webmail: New mail, paste the address, subject, text, Attach, find the zip in the file dialog, open (about 8 clicks)',
    'afterwards: delete the unencrypted Word file and the zip from the disk (about 3 clicks; often forgotten)',
  ],
  estimate: 'about 25 clicks and 10 to 15 minutes, of which about 5 minutes typing the client data',
  basis:
    "An estimate from the steps (the manual routine, docs/RULES.md §1: type a Word file, 7-Zip it with AES-256, look up the OCMW mailbox, attach, write the mail); nobody was timed. Ours: figure 7's clicks, the same typing, and figure 4's draft time.",
} as const;

// ------------------------------------------------------------------------------------------------ builds, machine
function buildFirst(): void {
  for (const extra of [[], ['--mode', 'e2e']]) {
    progress(`building: wxt build ${extra.join(' ')}`);
    // NODE_ENV=production as in npm run build:e2e: another mode would bundle React's development build.
    execFileSync(process.execPath, [join(root, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build', ...extra], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  progress('building: the Outlook add-in (npm run build:addin)');
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'addin', 'vite.config.ts')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** Newest modification time of the sources that go into a build. */
function newestSource(): number {
  let newest = 0;
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const dir of ['lib', 'components', 'entrypoints', 'public']) if (existsSync(join(root, dir))) walk(join(root, dir));
  walk(join(root, 'wxt.config.ts'));
  return newest;
}

function machine(product: string | null) {
  const osRelease = existsSync('/etc/os-release') ? /PRETTY_NAME="([^"]+)"/u.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  let chromiumPackage = 'unknown';
  try {
    chromiumPackage = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // reported as unknown
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    os: osRelease ?? process.platform,
    node: process.version,
    chromium: chromiumPackage,
    chromiumProduct: product,
    loadAverageAtStart: loadAtStart,
  };
}

/**
 * A private copy of a build, so that a rebuild of .output during the run (wxt empties the directory first) cannot
 * pull files from under the browser. Chromium gives the copy its own extension id.
 */
function snapshot(build: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'va-bench-build-'));
  const path = join(dir, build.split('/').at(-1) ?? 'build');
  cpSync(build, path, { recursive: true });
  requireBuild(path, `The copy of ${build}`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ------------------------------------------------------------------------------------------------ report
function cell(figure: Figure, value: number | null): string {
  if (value === null) return '–';
  if (figure.unit === 'bytes') return `${value} B (${round(value / 1024, 1)} KiB)`;
  if (figure.unit === 'KiB') return `${round(value, 1)} KiB`;
  if (figure.unit === 'clicks') return `${value}`;
  return value >= 1000 ? `${round(value / 1000, 2)} s` : `${value} ms`;
}

function table(figures: Figure[]): string {
  const lines = ['| # | figure | median | p95 | min – max | runs | target | result |', '|---|---|---|---|---|---|---|---|'];
  for (const f of figures) {
    const target = f.targetText ?? (f.target === null ? '' : f.unit === 'bytes' ? `≤ ${round(f.target / 1024, 1)} KiB` : `≤ ${cell(f, f.target)}`);
    const result =
      f.error !== undefined ? `not measured: ${f.error.split('\n')[0]}` : f.pass === null ? 'for comparison' : f.pass ? 'pass' : '**miss**';
    lines.push(`| ${f.number} | ${f.name} | ${cell(f, f.median)} | ${cell(f, f.p95)} | ${cell(f, f.min)} – ${cell(f, f.max)} | ${f.runs} | ${target} | ${result} |`);
  }
  lines.push(`| ${manualRoutine.number} | ${manualRoutine.name} | ${manualRoutine.estimate} | | | | | stated |`);
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------------ main
async function browserFigures(bench: Bench, fixture: FixtureServer, e2eBuild: string): Promise<Figure[]> {
  const step = async <T>(what: string, work: () => Promise<T>): Promise<T | Error> => {
    progress(what);
    const result = await attempt(work);
    if (result instanceof Error) progress(`${what}: FAILED ${result.message.split('\n')[0]}`);
    return result;
  };
  const orFailed = (bases: FigureBase[], result: Figure[] | Error) => (result instanceof Error ? bases.map((base) => failedFigure(base, result)) : result);
  const base = (id: string, number: string, name: string, unit: Figure['unit'], target: number): FigureBase => ({ id, number, name, unit, target, method: '' });
  const cycles = 50;

  const open = await step(`open and memory: ${runs} runs × ${cycles} open/close cycles, and the toolbar icon`, () => openAndMemory(bench, fixture.composeUrl, runs, cycles));
  const openFigures = orFailed(
    [
      base('open-click-first', '2', 'Open by the in-page button, first open in a window', 'ms', 150),
      base('open-click', '2', 'Open by the in-page button, later opens', 'ms', 150),
      base('open-toolbar-first', '2', 'Open by the toolbar icon, first open in a window', 'ms', 150),
      base('open-toolbar', '2', 'Open by the toolbar icon, later opens', 'ms', 150),
      base('memory', '6', 'Memory: JS heap growth of the webmail page', 'KiB', 1024),
    ],
    open,
  );
  // What the side panel loads before it can show anything: the main lever on figure 2.
  for (const f of openFigures) if (f.id === 'open-click' && f.error === undefined) f.details = { ...f.details, sidePanelPageLoads: pageWeight(e2eBuild, 'sidepanel.html') };
  const pack = orFailed([base('pack', '3', 'Pack: packReferral in the side panel', 'ms', 20), { ...base('pack-7z', '3', 'Pack: the 7-Zip process', 'ms', 0), target: null }], await step(`pack in the side panel and with 7-Zip: ${runs} runs`, () => packFigures(bench, root, fixture.composeUrl, runs)));
  const pages = await behaviourPages(root);
  const fixtures = await step('drafts on the Gmail and Outlook fixtures', () => fixtureDrafts(bench, pages, runs, progress));
  const roundcube = skipRoundcube ? new Error('skipped (--skip-roundcube)') : await step('drafts on the Roundcube sandbox', () => roundcubeDrafts(bench, runs, progress));
  const idle = await step(`idle cost: ${runs} runs × 10 s`, () => idleCost(bench, fixture.composeUrl, runs));

  const draftRoundcube = base('draft-roundcube', '4', 'Draft on the Roundcube sandbox', 'ms', 1500);
  let effort: Figure;
  if (!(roundcube instanceof Error)) effort = roundcube.effort;
  else if (!(fixtures instanceof Error) && fixtures.effort.gmail) {
    // Without the sandbox: the same count on the Gmail fixture, from its inbox.
    effort = figure({ ...effortBase, method: `${effortBase.method} On the Gmail fixture (the Roundcube sandbox was not measured: ${roundcube.message.split('\n')[0]}).` }, fixtures.effort.gmail, 0);
  } else effort = failedFigure(effortBase, roundcube);
  const byNumber = (a: Figure, b: Figure) => Number(a.number) - Number(b.number);
  return [
    ...openFigures,
    ...pack,
    roundcube instanceof Error ? failedFigure(draftRoundcube, roundcube) : roundcube.draft,
    ...(fixtures instanceof Error ? [failedFigure(base('draft-gmail', '4', 'Drafts on the Gmail and Outlook fixtures', 'ms', 500), fixtures)] : fixtures.figures),
    idle instanceof Error ? failedFigure(base('idle', '5', 'Idle cost', 'ms', 0.5), idle) : idle,
    effort,
  ].sort(byNumber);
}

async function main(): Promise<number> {
  if (args.includes('--build')) buildFirst();
  requireBuild(chromeE2eBuild, 'The end-to-end Chrome build (.output/chrome-mv3-e2e)');
  const sourcesChanged = newestSource();
  const builds = [chromeBuild, chromeE2eBuild].filter((build) => existsSync(join(build, 'manifest.json')));
  const stale = builds.filter((build) => statSync(join(build, 'manifest.json')).mtimeMs < sourcesChanged);
  for (const build of stale) progress(`warning: ${build} is older than the newest source file; run npm run build && npm run build:e2e (or npm run bench -- --build)`);

  // The weight is of the shipped build (npm run build, or npm run setup); without it, that one figure is not measured.
  const shipped = builds.includes(chromeBuild) ? snapshot(chromeBuild) : null;
  const e2e = snapshot(chromeE2eBuild);
  const figures: Figure[] = [];
  let product: string | null = null;
  let bench: Bench | null = null;
  let fixture: FixtureServer | null = null;
  try {
    progress('weight: content script sizes and composition');
    const weightBase = { id: 'weight', number: '1', name: 'Weight in the webmail page', unit: 'bytes', target: 6 * 1024, method: '' } as const;
    figures.push(
      shipped
        ? await measureWeight(root, shipped.path, '.output/chrome-mv3').catch((error: unknown) => failedFigure(weightBase, error))
        : failedFigure(weightBase, new Error('no .output/chrome-mv3: run npm run build (or npm run setup) first')),
    );
    progress('browser: Chromium with the e2e build, fixture server on 127.0.0.1');
    fixture = await startFixtureServer(root);
    bench = await launchBench(e2e.path);
    product = bench.product;
    await addRoundcubeOrigin(bench, fixture.origin);
    figures.push(...(await browserFigures(bench, fixture, e2e.path)));
  } finally {
    await bench?.close();
    await fixture?.close();
    shipped?.remove();
    e2e.remove();
  }
  // The Outlook add-in, in a browser of its own once the extension's is closed; its figures beside 2 and 4.
  progress(`the Outlook add-in on the fake Office: 1 + ${runs} runs`);
  const addin = await attempt(() => addinFigures(root, runs, progress));
  if (addin instanceof Error) progress(`the Outlook add-in: FAILED ${addin.message.split('\n')[0]}`);
  const addinBase = (id: string, number: string, name: string): FigureBase => ({ id, number, name, unit: 'ms', target: 1000, method: '' });
  figures.push(
    ...(addin instanceof Error
      ? [addinBase('addin-open', '2', 'Outlook add-in (fake Office): task pane interactive after opening'), addinBase('addin-draft', '4', 'Outlook add-in (fake Office): "Maak concept" until the read-back verified')].map((base) => failedFigure(base, addin))
      : addin),
  );
  // Stable: within a number, the extension's figures first.
  figures.sort((a, b) => Number(a.number) - Number(b.number));

  const result = {
    date: new Date().toISOString(),
    durationSeconds: round((Date.now() - started) / 1000, 1),
    runsPerFigure: runs,
    machine: { ...machine(product), loadAverageAtEnd: loadavg().map((value) => round(value, 2)) },
    builds: { weight: '.output/chrome-mv3', browser: '.output/chrome-mv3-e2e', addin: '.output/addin', olderThanSources: stale.map((build) => build.slice(root.length + 1)) },
    summary: {
      pass: figures.filter((f) => f.pass === true).map((f) => f.id),
      miss: figures.filter((f) => f.pass === false).map((f) => f.id),
      notMeasured: figures.filter((f) => f.error !== undefined).map((f) => f.id),
    },
    figures,
    manualRoutine,
  };
  const { machine: m } = result;
  const markdown = [
    '# Veilig Aanmelden: benchmark',
    '',
    `${result.date}; ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ${m.chromium}; load average ${m.loadAverageAtStart.join(' ')} at the start, ${m.loadAverageAtEnd.join(' ')} at the end; medians of ${runs} runs; ${result.durationSeconds} s (see bench/results.json for each figure's method and details).`,
    '',
    table(figures),
    `**${manualRoutine.number}. ${manualRoutine.name}:** ${manualRoutine.estimate}.`,
    ...manualRoutine.steps.map((line, index) => `${index + 1}. ${line}`),
    '',
    manualRoutine.basis,
    '',
  ].join('\n');
  const outDir = join(root, 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), markdown);
  process.stdout.write(`${JSON.stringify(result)}\n\n${table(figures)}`);
  progress(`done in ${result.durationSeconds} s`);
  // A figure left out on purpose (--skip-roundcube) is not a failure.
  const failed = figures.filter((f) => f.error !== undefined && !f.error.startsWith('skipped'));
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
