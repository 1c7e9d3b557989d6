// Figure 3 in Chromium: packReferral timed inside the live panel page. The bench bundles lib/referral (the panel's
// own code, built by Vite like the panel) and evaluates it in the panel's frame over CDP, which the extension page's
// CSP does not stop; the code then runs on the panel page's main thread like the panel's "Maak concept".
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { build } from 'vite';

export async function bundlePackBench(root: string): Promise<string> {
  const output = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      lib: { entry: join(root, 'scripts/bench/pack-entry.ts'), formats: ['iife'], name: 'vaBenchPackBundle', fileName: () => 'pack.js' },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((item) => item.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('the pack bench bundle was not built');
}

/** Times packReferral `runs` times in the given (panel) frame, after `warmup` runs. */
export async function packInFrame(frame: Frame, code: string, runs: number, warmup: number): Promise<number[]> {
  await frame.evaluate(code);
  return frame.evaluate(
    ([count, warm]) => (globalThis as unknown as { vaBenchPack: (runs: number, warmup: number) => Promise<number[]> }).vaBenchPack(count, warm),
    [runs, warmup] as const,
  );
}
