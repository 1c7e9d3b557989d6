import { panelFrame } from '../../test/e2e/panel-flow';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { launch as launchWithExtension } from './zz-launch';
const chromeE2eBuild = '/work/main/.output/chrome-mv3-e2e';

const html = readFileSync('test/fixtures/roundcube/compose-en.html', 'utf8');
const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const origin = `http://127.0.0.1:${port}`;
const t0 = Date.now();
const ext = await launchWithExtension(chromeE2eBuild);
console.log('launch', Date.now() - t0);
const options = await ext.context.newPage();
await options.goto(`chrome-extension://${ext.id}/options.html`);
await options.getByLabel('Adres van je Roundcube').fill(origin);
await options.getByRole('button', { name: 'Voeg toe' }).click();
await options.getByText(/^Toegevoegd: /u).waitFor();
await options.close();
console.log('registered', Date.now() - t0);
await ext.context.addInitScript(() => {
  if (location.href.includes('/panel.html')) (globalThis as any).__va_init = performance.timeOrigin + performance.now();
});
const page = await ext.context.newPage();
await page.goto(`${origin}/?_task=mail&_action=compose`);
await page.locator('veilig-aanmelden').waitFor();
console.log('button', Date.now() - t0);
await page.evaluate(() => { window.addEventListener('click', (e) => { (window as any).__click = performance.timeOrigin + e.timeStamp; }, true); });
await page.locator('veilig-aanmelden').click();
const frame = await panelFrame(page);
await frame.waitForLoadState('domcontentloaded');
await frame.locator('h1').waitFor();
console.log('init in panel', await frame.evaluate(() => (globalThis as any).__va_init), 'click', await page.evaluate(() => (window as any).__click));
for (let i = 0; i < 5; i++) {
  const a = await page.evaluate(() => performance.timeOrigin + performance.now());
  const b = await frame.evaluate(() => performance.timeOrigin + performance.now());
  const c = await page.evaluate(() => performance.timeOrigin + performance.now());
  console.log('skew check', (b - a).toFixed(3), (c - b).toFixed(3));
}
await ext.close();
server.close();
