// Child process of `npm run bench` (figure 1): builds only the webmail content script, exactly as `npm run build` does
// for Chrome, but with a source map, into the directory given as the first argument. The bench attributes the
// shipped bytes to source modules from that map. Run apart so WXT's progress output stays out of the bench's stdout.
import { build } from 'wxt';

const outDir = process.argv[2];
const root = process.argv[3];
if (!outDir || !root) throw new Error('usage: content-build.ts <outDir> <project root>');

const quiet = () => undefined;
await build({
  root,
  outDir,
  browser: 'chrome',
  mode: 'production',
  filterEntrypoints: ['webmail'],
  logger: { debug: quiet, log: quiet, info: quiet, success: quiet, warn: quiet, error: console.error, fatal: console.error, level: 0 },
  vite: () => ({ build: { sourcemap: true } }),
});
