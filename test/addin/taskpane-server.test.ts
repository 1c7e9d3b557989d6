import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addinFolder, bundleFakeOffice, fakeOfficeScript, serveAddinBuild, type TaskPaneServer } from './taskpane-server';

// The loopback server the add-in's browser test, the bench and the screenshots share: its build folder only (and
// settings.json when set), nothing above it; and the fake bundled as the classic script that stands in for office.js.

/** A raw GET (the path sent as written: fetch would normalise "..") answered by the server. */
function get(origin: string, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    const call = request(`${origin}${path}`, { method: 'GET', path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), body }));
    });
    call.on('error', fail);
    call.end();
  });
}

describe('serveAddinBuild', () => {
  const work = mkdtempSync(join(tmpdir(), 'va-taskpane-server-'));
  const build = join(work, 'addin');
  let settings: string | null = null;
  let server: TaskPaneServer;

  beforeAll(async () => {
    mkdirSync(join(build, 'assets'), { recursive: true });
    writeFileSync(join(build, 'taskpane.html'), '<!doctype html><title>Veilig Aanmelden</title>');
    writeFileSync(join(build, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(work, 'secret.txt'), 'not served');
    server = await serveAddinBuild(build, () => settings);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves the build under its folder on 127.0.0.1, with its content types', async () => {
    expect(server.url).toBe(`${server.origin}${addinFolder}taskpane.html`);
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
    expect(await get(server.origin, `${addinFolder}taskpane.html`)).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get(server.origin, `${addinFolder}assets/app.js`)).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'export {};' });
  });

  it('answers nothing outside the build: other folders, a folder itself, ".." plain or encoded', async () => {
    for (const path of ['/taskpane.html', addinFolder, `${addinFolder}assets`, `${addinFolder}../secret.txt`, `${addinFolder}%2e%2e/secret.txt`, `${addinFolder}..%2fsecret.txt`, `${addinFolder}missing.js`]) {
      expect((await get(server.origin, path)).status, path).toBe(404);
    }
  });

  it('serves settings.json only while the test sets one', async () => {
    expect((await get(server.origin, `${addinFolder}settings.json`)).status).toBe(404);
    settings = JSON.stringify({ recipientIds: [] });
    expect(await get(server.origin, `${addinFolder}settings.json`)).toMatchObject({ status: 200, type: 'application/json', body: settings });
    settings = null;
  });
});

describe('bundleFakeOffice', () => {
  it('makes a classic script that puts Office and the fake, made with the options given, on the page', async () => {
    const script = fakeOfficeScript(await bundleFakeOffice(resolve(import.meta.dirname, '../..')), { composeType: 'reply', latencyMs: 0 });
    expect(script).not.toMatch(/^\s*(import|export)\s/mu);
    const page: Record<string, unknown> = {};
    new Function('globalThis', script)(page);
    const office = page['Office'] as { context: { mailbox: { item: { getComposeTypeAsync: (callback: (result: { value: { composeType: string } }) => void) => void } } } };
    const composeType = await new Promise<string>((done) => office.context.mailbox.item.getComposeTypeAsync((result) => done(result.value.composeType)));
    expect(composeType).toBe('reply');
    expect(page['__vaFake']).toBeDefined();
  });
});
