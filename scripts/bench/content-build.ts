// Child process of `npm run bench` (figure 1): builds only one webmail's content script (the third argument: outlook,
// gmail or roundcube), exactly as `npm run build` does for Chrome, but with a source map, into the directory given as
// the first argument. The bench attributes the shipped bytes to source modules from that map. Run apart so WXT's
// progress output stays out of the bench's stdout.
import { build } from 'wxt';

const outDir = process.argv[2];
const root = process.argv[3];
const entry = process.argv[4];
if (!outDir || !root || !entry) throw new Error('usage: content-build.ts <outDir> <project root> <outlook|gmail|roundcube>');

const quiet = () => undefined;
await build({
  root,
  outDir,
  browser: 'chrome',
  mode: 'production',
  filterEntrypoints: [entry],
  logger: { debug: quiet, log: quiet, info: quiet, success: quiet, warn: quiet, error: console.error, fatal: console.error, level: 0 },
  vite: () => ({ build: { sourcemap: true } }),
});
