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
const adapters = ['lib/webmail/gmail.ts', 'lib/webmail/outlook.ts', 'lib/webmail/roundcube.ts'];

type Part = { module: string; bytes: number; gzipAlone: number };

/** The files a webmail page gets at load: the manifest's content scripts, and those the background registers (Roundcube). */
function injectedFiles(build: string): { js: string[]; css: string[] } {
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
    background?: { service_worker?: string; scripts?: string[] };
  };
  const js = new Set<string>();
  const css = new Set<string>();
  for (const script of manifest.content_scripts ?? []) {
    for (const file of script.js ?? []) js.add(file);
    for (const file of script.css ?? []) css.add(file);
  }
  // scripting.registerContentScripts (Roundcube hosts): the file names are literals in the background script.
  for (const file of [manifest.background?.service_worker, ...(manifest.background?.scripts ?? [])]) {
    if (!file) continue;
    const code = readFileSync(join(build, file), 'utf8');
    for (const match of code.matchAll(/["'`](content-scripts\/[\w.-]+\.(js|css))["'`]/gu)) (match[2] === 'css' ? css : js).add(match[1]!);
  }
  return { js: [...js], css: [...css] };
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
  shipped: string,
): Promise<{ parts: Part[]; sameAsShipped: boolean; sources: string[]; gzipWithout: Record<string, number> }> {
  const out = mkdtempSync(join(tmpdir(), 'va-bench-cs-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(root, 'scripts/bench/content-build.ts'), out, root],
        { cwd: root, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? reject(new Error(`content script analysis build failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
      );
    });
    const file = join(out, 'chrome-mv3', 'content-scripts', 'webmail.js');
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
    // What-if (an estimate: the code that used what is left out stays as it is). zod (d8a77cd) and
    // webextension-polyfill (lib/messaging/answer.ts) are gone already: a page still carries every adapter.
    // One content script per webmail: a page carries its own adapter only (the largest such script counts).
    const otherAdapters = (keep: string) => (module: string) => adapters.includes(module) && module !== keep;
    const gzipWithout = {
      'the adapters of the other webmails (one content script per webmail)': Math.max(...adapters.map((keep) => without(otherAdapters(keep)))),
    };
    if (segments.map(({ text }) => text).join('') !== withoutComment) throw new Error('source map attribution lost text');
    return { parts, sameAsShipped: withoutComment.trimEnd() === shipped.trimEnd(), sources: map.sources.map(moduleName), gzipWithout };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `build` is where the files are read (a copy of .output/chrome-mv3), `label` how the report names it. */
export async function measureWeight(root: string, build: string, label: string): Promise<Figure> {
  const files = injectedFiles(build);
  if (files.js.length === 0) throw new Error(`no content script in ${label}/manifest.json`);
  const sizes = [...files.js, ...files.css].map((file) => {
    const data = readFileSync(join(build, file));
    return { file, raw: data.length, gzip: gzipSize(data) };
  });
  const raw = sizes.reduce((sum, size) => sum + size.raw, 0);
  const gzip = sizes.reduce((sum, size) => sum + size.gzip, 0);
  const main = files.js.find((file) => file.endsWith('webmail.js')) ?? files.js[0]!;
  const shipped = readFileSync(join(build, main), 'utf8');
  const analysis = await composition(root, shipped).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
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
    name: 'Weight in the webmail page: everything injected at load, gzip -9',
    unit: 'bytes',
    median: gzip,
    p95: gzip,
    min: gzip,
    max: gzip,
    runs: 1,
    target,
    pass: gzip <= target,
    method:
      'Sizes of the files the built manifest injects (content_scripts js/css, plus the files the background registers for Roundcube hosts) in .output/chrome-mv3, raw and gzip -9; composition from a source-mapped rebuild of the same entry from the current sources (compositionMatchesShippedFile says whether it is byte for byte the shipped file). Deterministic: one run.',
    details: {
      build: label,
      files: sizes,
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
