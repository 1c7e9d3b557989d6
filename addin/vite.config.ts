import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { drawIcon, iconSizes } from './icons';
import { buildManifest } from './manifest';

/**
 * The Outlook add-in's task pane (issue 22.2), built with plain Vite into .output/addin/: taskpane.html, its bundle
 * and stylesheet, and beside them the XML manifest and icons for the address the organisation serves the files from:
 *   VA_ADDIN_ORIGIN=https://intranet.example.org/veilig-aanmelden npm run build:addin
 * (default below: a local https address for a sideloaded pilot). Everything is referenced relatively, so the files
 * work in any folder of that origin. JSX through Vite's own Oxc transform (React's automatic runtime): no plugin.
 */

const root = resolve(import.meta.dirname);
const project = resolve(root, '..');
const outDir = resolve(project, '.output/addin');

/** Where the task pane is served from when the build is not told (a local pilot on this machine). */
export const defaultAddinOrigin = 'https://localhost:3443/veilig-aanmelden';

/** Writes manifest.xml and icons/ into the build, for VA_ADDIN_ORIGIN (a refusal stops the build with its Dutch message). */
function addinManifest(origin: string): Plugin {
  return {
    name: 'veilig-aanmelden:addin-manifest',
    apply: 'build',
    closeBundle() {
      const { version } = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { version: string };
      const manifest = buildManifest({ origin, version });
      mkdirSync(join(outDir, 'icons'), { recursive: true });
      writeFileSync(join(outDir, 'manifest.xml'), manifest.xml);
      for (const size of iconSizes) writeFileSync(join(outDir, 'icons', `icon-${size}.png`), drawIcon(size));
    },
  };
}

export default defineConfig({
  root,
  base: './',
  mode: 'production',
  publicDir: false,
  // React's production build.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [addinManifest(process.env['VA_ADDIN_ORIGIN'] || defaultAddinOrigin)],
  build: {
    outDir,
    emptyOutDir: true,
    // No modulepreload polyfill: it would be a fetch() in the page (see test/browser/addin.test.ts).
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1_500,
    rollupOptions: { input: { taskpane: resolve(root, 'taskpane.html') } },
  },
});
