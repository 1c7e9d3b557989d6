// The webmail pages of the browser figures, all from the committed fixtures (test/fixtures):
// - the captured Roundcube compose page, served from 127.0.0.1 by a tiny server, with one page script added that
//   can mutate the page like a busy webmail (figure 5); the extension runs there as on any Roundcube address added
//   in its options (figures 2, 5, 6);
// - the Gmail and Outlook fixtures with their behaviour (test/fixtures/*/behaviour.ts, as the adapter tests play it
//   in happy-dom) at their real addresses (https://mail.google.com/, https://outlook.office.com/), answered by the
//   bench through request interception, so the content script runs there as the manifest says (figure 4).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { BehaviourSetup } from './behaviour-entry';
import { bundleScript } from './bundle';

export type FixtureServer = { origin: string; composeUrl: string; close: () => Promise<void> };

/** Runs in the static Roundcube page (its main world), as a script of the page's own. */
function stormScript(): void {
  // A page that changes its DOM `perSecond` times a second, spread over about as many tasks, like Gmail's.
  (window as unknown as { vaBenchStorm: (durationMs: number, perSecond: number) => Promise<{ mutations: number; tasks: number; elapsedMs: number }> }).vaBenchStorm = (
    durationMs,
    perSecond,
  ) =>
    new Promise((resolve) => {
      const stage = document.createElement('div');
      stage.id = 'bench-storm';
      (document.querySelector('#layout-content') ?? document.body).append(stage);
      const targets = [...document.querySelectorAll('#layout *')].slice(0, 200);
      const start = performance.now();
      let mutations = 0;
      let tasks = 0;
      const timers: ReturnType<typeof setInterval>[] = [];
      const mutate = (n: number) => {
        switch (n % 4) {
          case 0: {
            const item = document.createElement('span');
            item.textContent = `update ${n}`;
            stage.append(item);
            if (stage.childElementCount > 50) stage.firstElementChild?.remove();
            break;
          }
          case 1:
            targets[n % targets.length]?.setAttribute('data-bench', String(n));
            break;
          case 2:
            if (stage.lastChild) stage.lastChild.textContent = `changed ${n}`;
            break;
          default:
            targets[n % targets.length]?.classList.toggle('bench-toggle');
        }
      };
      const tick = () => {
        tasks++;
        const elapsed = performance.now() - start;
        if (elapsed >= durationMs) {
          for (const timer of timers) clearInterval(timer);
          stage.remove();
          resolve({ mutations, tasks, elapsedMs: elapsed });
          return;
        }
        const due = Math.floor((elapsed * perSecond) / 1000);
        while (mutations < due) mutate(mutations++);
      };
      // Four staggered 1 ms intervals: Chrome clamps each to 4 ms, together about 1000 tasks a second.
      for (let i = 0; i < 4; i++) setTimeout(() => timers.push(setInterval(tick, 1)), i);
    });
}

export async function startFixtureServer(root: string, fixture = 'roundcube/compose-en.html'): Promise<FixtureServer> {
  const html = readFileSync(join(root, 'test', 'fixtures', fixture), 'utf8');
  if (!html.includes('</body>')) throw new Error(`${fixture} has no </body>`);
  const served = html.replace('</body>', '<script src="/bench-page.js"></script>\n</body>');
  // tsx compiles this file with esbuild's keepNames: the function text may call __name.
  const script = `var __name = globalThis.__name || ((fn) => fn);\n(${stormScript.toString()})();\n`;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/bench-page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      response.end(script);
    } else if (path === '/' || path === '/index.php') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(served);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fixture server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    composeUrl: `${origin}/?_task=mail&_action=compose`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type BehaviourPage = { webmail: 'gmail' | 'outlook'; url: string; html: string };

/**
 * A Gmail or Outlook page from the inbox (no compose open: the adapter opens one, as for a worker), its behaviour
 * switched by `options` as test/webmail/contract.test.ts does (e.g. no way to attach at all).
 */
export async function behaviourPages(root: string): Promise<(webmail: 'gmail' | 'outlook', options: Record<string, boolean>) => BehaviourPage> {
  const code = await bundleScript(root, join(root, 'scripts/bench/behaviour-entry.ts'));
  const fixture = (path: string) => readFileSync(join(root, 'test', 'fixtures', path), 'utf8');
  const outlookTemplate = fixture('outlook/compose-en.html');
  return (webmail, options) => {
    const setup: BehaviourSetup =
      webmail === 'gmail'
        ? { webmail, options: { start: 'inbox', ...options } }
        : { webmail, options: { start: 'inbox', ...options }, template: outlookTemplate };
    const page = fixture(webmail === 'gmail' ? 'gmail/compose-2024-en.html' : 'outlook/inbox-en.html');
    const scripts = `<script>window.__vaBenchSetup = ${JSON.stringify(setup).replace(/</gu, '\\u003c')};</script>\n<script>${code}</script>\n`;
    return {
      webmail,
      url: webmail === 'gmail' ? 'https://mail.google.com/mail/u/0/#inbox' : 'https://outlook.office.com/mail/',
      html: page.replace('</body>', `${scripts}</body>`),
    };
  };
}

/** Loads a behaviour page at its webmail address: its document from the bench, every other request answered 404. */
export async function loadBehaviourPage(page: Page, fixture: BehaviourPage): Promise<void> {
  const documentUrl = fixture.url.split('#')[0]!;
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (request.url().split('#')[0] === documentUrl) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture.html });
    else void request.respond({ status: 404, contentType: 'text/plain', body: '' });
  });
  await page.goto(fixture.url, { waitUntil: 'load', timeout: 15_000 });
}
