// One TypeScript entry bundled by Vite into a single minified script (an IIFE), for the bench to put into a page:
// the pack timing into the side panel, the behavioural fixtures into a Gmail or Outlook page.
import { build } from 'vite';

export async function bundleScript(root: string, entry: string): Promise<string> {
  const output = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: true, lib: { entry, formats: ['iife'], name: 'vaBenchBundle', fileName: () => 'bundle.js' } },
  });
  for (const result of Array.isArray(output) ? output : [output]) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((item) => item.type === 'chunk');
    if (chunk?.type === 'chunk') return chunk.code;
  }
  throw new Error(`${entry} was not bundled`);
}
