// Where the built Chrome extension lies. Every Chromium test drives it with puppeteer-core (./chromium.ts).
import { fileURLToPath } from 'node:url';

/** The production build (npm run build). */
export const chromeBuild = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
/** The end-to-end build: the same extension, holding the loopback host so the sandbox can be added without a prompt. */
export const chromeE2eBuild = fileURLToPath(new URL('../../.output/chrome-mv3-e2e', import.meta.url));
