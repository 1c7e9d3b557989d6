import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The four builds the security tests read: production (npm run build) and end-to-end (npm run build:e2e). */
export const builds = {
  chrome: { dir: resolve(__dirname, '../../.output/chrome-mv3'), script: 'npm run build' },
  firefox: { dir: resolve(__dirname, '../../.output/firefox-mv2'), script: 'npm run build' },
  chromeE2e: { dir: resolve(__dirname, '../../.output/chrome-mv3-e2e'), script: 'npm run build:e2e' },
  firefoxE2e: { dir: resolve(__dirname, '../../.output/firefox-mv2-e2e'), script: 'npm run build:e2e' },
} as const;

export type BuildName = keyof typeof builds;

/** The project's root, for reading its own sources. */
export const projectRoot = resolve(__dirname, '../..');

/** A build's directory; a missing build is a failure that says how to make it (nothing is skipped). */
export function buildDir(name: BuildName): string {
  const { dir, script } = builds[name];
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${relative(projectRoot, dir)}/manifest.json is missing: run ${script}`);
  return dir;
}

export type Manifest = Record<string, unknown>;

export function readManifest(name: BuildName): Manifest {
  return JSON.parse(readFileSync(join(buildDir(name), 'manifest.json'), 'utf8')) as Manifest;
}

/** Every file under `dir` whose name ends with one of `extensions`, as paths relative to `dir`, sorted. */
export function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

/** A bundle's name without its content hash ("chunks/styles-C1LpAT2w.js" → "chunks/styles.js"), stable across builds. */
export function stableName(file: string): string {
  return file.replace(/-[A-Za-z0-9_-]{8}(\.[a-z]+)$/u, '$1');
}
