// A tiny loopback web server for the browser figures: the captured Roundcube compose page (the committed fixture,
// read as it is) with one page script added to the served copy. That script plays Roundcube's part that a static
// page lacks (an attachment entry when a file is put into the upload field) and can mutate the page like a busy
// webmail (figure 5).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

export type FixtureServer = { origin: string; composeUrl: string; close: () => Promise<void> };

/** Runs in the webmail page (its main world), as a script of the page's own. */
function pageScript(): void {
  // Roundcube lists an uploaded file as <li id="rcmfile…"> in #attachment-list; without a server, list it at once.
  let uploads = 0;
  document.addEventListener(
    'change',
    (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== 'file') return;
      const list = document.querySelector('#attachment-list');
      for (const file of Array.from(input.files ?? [])) {
        const item = document.createElement('li');
        item.id = `rcmfilebench${++uploads}`;
        item.className = 'application zip';
        const name = document.createElement('span');
        name.className = 'attachment-name';
        name.textContent = file.name;
        const size = document.createElement('span');
        size.className = 'attachment-size';
        size.textContent = `(${Math.ceil(file.size / 1024)} KB)`;
        item.append(name, size);
        list?.append(item);
      }
    },
    true,
  );

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
  const script = `var __name = globalThis.__name || ((fn) => fn);\n(${pageScript.toString()})();\n`;
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
