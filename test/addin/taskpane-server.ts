// The built task pane (npm run build:addin, .output/addin/) served on loopback under a folder, as an organisation
// serves it, and the typed fake of Office (fake-office.ts) bundled as a classic script that a page can load in place
// of Microsoft's CDN office.js. Shared by the add-in's browser test, the bench and the screenshots; no network.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { build } from 'esbuild';
import type { HTTPRequest, Page } from 'puppeteer-core';
import type { FakeOfficeOptions } from './fake-office';

/** Where the task pane loads office.js from (Microsoft requires the CDN copy). */
export const officeJs = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** The folder the build is served under. */
export const addinFolder = '/veilig-aanmelden/';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml', '.png': 'image/png', '.json': 'application/json',
};

export type TaskPaneServer = { server: Server; origin: string; url: string; close: () => Promise<void> };

/**
 * `build` under `addinFolder` on 127.0.0.1, and the organisation's settings.json there when `settings()` gives one
 * (null: a 404, no organisation settings); anything else is a 404.
 */
export function serveAddinBuild(build: string, settings: () => string | null = () => null): Promise<TaskPaneServer> {
  const base = resolve(build);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const json = path === `${addinFolder}settings.json` ? settings() : null;
    if (json !== null) {
      response.writeHead(200, { 'content-type': contentTypes['.json']! }).end(json);
      return;
    }
    const file = path.startsWith(addinFolder) ? resolve(base, path.slice(addinFolder.length)) : '';
    if (file === '' || !file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const close = () => new Promise<void>((done) => server.close(() => done()));
      resolveServer({ server, origin, url: `${origin}${addinFolder}taskpane.html`, close });
    });
  });
}

/**
 * The fake as a classic script for the page: `Office` on window, over a FakeOffice made with the options the page
 * holds in `__vaFakeOptions`, and the fake itself as `__vaFake`. `root` is the project's root.
 */
export async function bundleFakeOffice(root: string): Promise<string> {
  const entry = [
    `import { FakeOffice, installFakeOffice } from ${JSON.stringify(join(root, 'test/addin/fake-office.ts'))};`,
    'const fake = new FakeOffice(globalThis.__vaFakeOptions ?? {});',
    'installFakeOffice(globalThis, fake);',
    'globalThis.__vaFake = fake;',
  ].join('\n');
  const result = await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

/** The answer to the page's request for office.js: the bundled fake, made with `options`. */
export const fakeOfficeScript = (bundle: string, options: FakeOfficeOptions): string => `globalThis.__vaFakeOptions = ${JSON.stringify(options)};\n${bundle}`;

/**
 * Routes a page's requests as the add-in's browser test does: office.js answered by the fake, the server's own files
 * and data: URLs (Chromium's icons of form controls) let through, anything else refused and passed to `refused`.
 */
export async function routeToFake(page: Page, server: Pick<TaskPaneServer, 'origin'>, officeScript: string, refused: (url: string) => void = () => undefined): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (url === officeJs) {
      void request.respond({ status: 200, contentType: 'text/javascript; charset=utf-8', body: officeScript });
    } else if (url.startsWith(`${server.origin}/`) || url.startsWith('data:')) {
      void request.continue();
    } else {
      refused(url);
      void request.abort();
    }
  });
}
