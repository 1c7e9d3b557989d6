// Generates the Outlook add-in's XML manifest and its icons for the address the task pane is served from:
//   npm run addin:manifest -- --origin https://example.org/veilig-aanmelden [--id <guid>] [--out .output/addin]
// Writes <out>/manifest.xml (upload it in the Microsoft 365 admin center) and <out>/icons/icon-<size>.png (host them
// beside the task pane). A refusal is one Dutch line, no stack trace.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { drawIcon, iconSizes } from '../addin/icons';
import { buildManifest, ManifestError } from '../addin/manifest';

const root = resolve(import.meta.dirname, '..');

function main(): void {
  const { values } = parseArgs({ options: { origin: { type: 'string' }, id: { type: 'string' }, out: { type: 'string' } }, strict: true });
  if (!values.origin) throw new ManifestError('Geef het https-adres van het taakvenster: npm run addin:manifest -- --origin https://example.org/veilig-aanmelden');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const manifest = buildManifest({ origin: values.origin, version, id: values.id });
  const out = resolve(root, values.out ?? '.output/addin');
  mkdirSync(join(out, 'icons'), { recursive: true });
  writeFileSync(join(out, 'manifest.xml'), manifest.xml);
  for (const size of iconSizes) writeFileSync(join(out, 'icons', `icon-${size}.png`), drawIcon(size));
  console.log(`Manifest: ${join(out, 'manifest.xml')}\nId: ${manifest.id}\nTaakvenster: ${manifest.taskpaneUrl}\nIconen: ${join(out, 'icons')} (zet ze op ${manifest.base}/icons/)`);
}

try {
  main();
} catch (error) {
  // Only our own refusals and argument errors are shown as they are; anything else in one line, never a stack trace.
  const message = error instanceof ManifestError ? error.message : error instanceof TypeError && 'code' in error ? `Onbekende optie: ${error.message}` : `Het manifest kon niet worden gemaakt: ${String(error)}`;
  console.error(message);
  process.exitCode = 1;
}
