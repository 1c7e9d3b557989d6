// Figure 1: what the extension puts into every webmail page at load, in bytes raw and gzip -9, and what it is made of.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { segmentsBySource, type SourceMap } from './sourcemap';
import { type Figure } from './stats';

const gzipSize = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;

/** Packages that belong in the side panel only, never in the webmail page. */
const panelOnly = ['react', 'react-dom', 'scheduler', '@zip.js/zip.js', '@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-nl-be', 'libphonenumber-js'];
const target = 6 * 1024;

type Part = { module: string; bytes: number; gzipAlone: number };

type PageSet = { webmail: string; js: string[]; css: string[] };

/**
 * The files each webmail's page gets at load: one content script per webmail in the manifest, and the one the
 * background registers for Roundcube hosts (its file name is a literal in the background script).
 */
function injectedSets(build: string): PageSet[] {
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
    background?: { service_worker?: string; scripts?: string[] };
  };
  const nameOf = (file: string) => /content-scripts\/([\w-]+)\./u.exec(file)?.[1] ?? file;
  const sets: PageSet[] = (manifest.content_scripts ?? []).map((script) => ({
    webmail: nameOf(script.js?.[0] ?? '?'),
    js: script.js ?? [],
    css: script.css ?? [],
  }));
  // scripting.registerContentScripts (Roundcube hosts): the file names are literals in the background script.
  for (const file of [manifest.background?.service_worker, ...(manifest.background?.scripts ?? [])]) {
    if (!file) continue;
    const code = readFileSync(join(build, file), 'utf8');
    for (const match of code.matchAll(/["'`](content-scripts\/[\w.-]+\.(js|css))["'`]/gu)) {
      const webmail = nameOf(match[1]!);
      let set = sets.find((known) => known.webmail === webmail);
      if (!set) {
        set = { webmail, js: [], css: [] };
        sets.push(set);
      }
      const list = match[2] === 'css' ? set.css : set.js;
      if (!list.includes(match[1]!)) list.push(match[1]!);
    }
  }
  return sets;
}

function moduleName(source: string): string {
  const path = source.replace(/\\/gu, '/');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/u.exec(path);
  if (inModules) {
    const [, name, rest] = inModules;
    // zod ships its core and its front-ends in one package: say which part.
    if (name === 'zod') return `zod/${rest!.split('/').slice(0, 2).join('/')}`;
    return name!;
  }
  return path.replace(/^(\.\.\/)+work\/main\//u, '').replace(/^.*?\/(lib|entrypoints|components)\//u, '$1/');
}

/** Rebuilds the content script with a source map (child process) and attributes its bytes to modules, biggest first. */
async function composition(
  root: string,
  entry: string,
  shipped: string,
): Promise<{ parts: Part[]; sameAsShipped: boolean; sources: string[]; gzipWithout: Record<string, number> }> {
  const out = mkdtempSync(join(tmpdir(), 'va-bench-cs-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(root, 'scripts/bench/content-build.ts'), out, root, entry],
        { cwd: root, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? reject(new Error(`content script analysis build failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
      );
    });
    const file = join(out, 'chrome-mv3', 'content-scripts', `${entry}.js`);
    const code = readFileSync(file, 'utf8');
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMap;
    const withoutComment = code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/u, '');
    const segments = segmentsBySource(withoutComment, map).map(({ source, text }) => ({
      module: source < 0 ? '(bundler glue, unmapped)' : moduleName(map.sources[source] ?? '?'),
      text,
    }));
    const grouped = new Map<string, string[]>();
    for (const { module, text } of segments) grouped.set(module, [...(grouped.get(module) ?? []), text]);
    const parts = [...grouped].map(([module, texts]) => {
      const text = texts.join('');
      return { module, bytes: Buffer.byteLength(text), gzipAlone: gzipSize(text) };
    });
    parts.sort((a, b) => b.bytes - a.bytes);
    // What the file would weigh without these modules (an estimate: the code that uses them stays as it is).
    const without = (test: (module: string) => boolean) =>
      gzipSize(segments.filter(({ module }) => !test(module)).map(({ text }) => text).join(''));
    // What-if (an estimate: the code that used it stays as it is). zod (d8a77cd), webextension-polyfill
    // (lib/messaging/answer.ts) and the other webmails' adapters (one content script per webmail) are gone already.
    const gzipWithout = {
      'the pilot (only when the options page asks)': without((module) => module === 'lib/webmail/pilot.ts'),
    };
    if (segments.map(({ text }) => text).join('') !== withoutComment) throw new Error('source map attribution lost text');
    return { parts, sameAsShipped: withoutComment.trimEnd() === shipped.trimEnd(), sources: map.sources.map(moduleName), gzipWithout };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `build` is where the files are read (a copy of .output/chrome-mv3), `label` how the report names it. */
export async function measureWeight(root: string, build: string, label: string): Promise<Figure> {
  const sets = injectedSets(build).map((set) => {
    const sizes = [...set.js, ...set.css].map((file) => {
      const data = readFileSync(join(build, file));
      return { file, raw: data.length, gzip: gzipSize(data) };
    });
    return { ...set, files: sizes, raw: sizes.reduce((sum, size) => sum + size.raw, 0), gzip: sizes.reduce((sum, size) => sum + size.gzip, 0) };
  });
  if (sets.length === 0 || sets.every((set) => set.js.length === 0)) throw new Error(`no content script in ${label}/manifest.json`);
  // A page gets its own webmail's script: the figure is the heaviest page.
  const heaviest = sets.reduce((most, set) => (set.gzip > most.gzip ? set : most));
  const { raw, gzip } = heaviest;
  const main = heaviest.js[0]!;
  const shipped = readFileSync(join(build, main), 'utf8');
  const analysis = await composition(root, heaviest.webmail, shipped).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  const shippedPackages = 'sources' in analysis ? panelOnly.filter((name) => analysis.sources.some((source) => source === name || source.startsWith(`${name}/`))) : [];
  // Independent of the source map: strings that only these libraries carry.
  const markers: Record<string, RegExp> = {
    react: /react\.(transitional\.)?element|__CLIENT_INTERNALS|react-dom/u,
    zod: /\$ZodType|\$ZodCheck|_zod\./u,
    'zip.js': /ZipWriter|zip\.js|PBKDF2|AES-GCM/u,
    zxcvbn: /zxcvbn/u,
    libphonenumber: /libphonenumber|metadata\.min/u,
  };
  const markersFound = Object.entries(markers).filter(([, pattern]) => pattern.test(shipped)).map(([name]) => name);
  return {
    id: 'weight',
    number: '1',
    name: 'Weight in the webmail page: everything injected at load, gzip -9 (the heaviest webmail)',
    unit: 'bytes',
    median: gzip,
    p95: gzip,
    min: gzip,
    max: gzip,
    runs: 1,
    target,
    pass: gzip <= target,
    method:
      'Per webmail, the sizes of the files its page gets at load (its content_scripts entry js/css in the built manifest, or for Roundcube the file the background registers), in .output/chrome-mv3, raw and gzip -9; the figure is the heaviest webmail. Composition of that one from a source-mapped rebuild of the same entry from the current sources (compositionMatchesShippedFile says whether it is byte for byte the shipped file). Deterministic: one run.',
    details: {
      build: label,
      heaviest: heaviest.webmail,
      perWebmail: sets.map(({ webmail, files, raw: setRaw, gzip: setGzip }) => ({ webmail, files, raw: setRaw, gzip: setGzip })),
      raw,
      gzip,
      panelOnlyPackagesInContentScript: shippedPackages,
      libraryMarkersInContentScript: markersFound,
      ...('parts' in analysis
        ? {
            compositionMatchesShippedFile: analysis.sameAsShipped,
            estimatedGzipWithout: analysis.gzipWithout,
            composition: analysis.parts.map((part) => ({ ...part, share: Math.round((part.bytes / Math.max(1, raw)) * 1000) / 10 })),
          }
        : { compositionError: analysis.error }),
    },
  };
}

export function requireBuild(path: string, what: string): void {
  if (!existsSync(join(path, 'manifest.json'))) throw new Error(`${what} not found at ${path}: run npm run build && npm run build:e2e first`);
}

/** What an extension page loads at start: its module script, the chunks it preloads, its stylesheets (raw, gzip -9). */
export function pageWeight(build: string, page: string): { files: { file: string; raw: number; gzip: number }[]; raw: number; gzip: number } {
  const html = readFileSync(join(build, page), 'utf8');
  const files = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?([^"]+\.(?:js|css))"/gu)].map((match) => {
    const data = readFileSync(join(build, match[1]!));
    return { file: match[1]!, raw: data.length, gzip: gzipSize(data) };
  });
  return { files, raw: files.reduce((sum, file) => sum + file.raw, 0), gzip: files.reduce((sum, file) => sum + file.gzip, 0) };
}
