import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir, filesUnder, projectRoot, stableName } from './build';

// RULES §2.8: the extension itself sends nothing anywhere. Statically: every network API named in the shipped
// bundles is listed here with the library it comes from, and our own sources name none. A new occurrence (a new
// library, a new call of ours) fails this test until someone has read it and added it below with a reason.

/** The network APIs of a page or worker. `fetch` as a whole word also catches `window.fetch` and `let f = fetch`. */
const networkApis: Record<string, RegExp> = {
  fetch: /\bfetch\b/gu,
  XMLHttpRequest: /\bXMLHttpRequest\b/gu,
  WebSocket: /\bWebSocket\b/gu,
  sendBeacon: /\bsendBeacon\b/gu,
  EventSource: /\bEventSource\b/gu,
  importScripts: /\bimportScripts\b/gu,
  WebTransport: /\bWebTransport\b/gu,
  RTCPeerConnection: /\b(?:webkit)?RTCPeerConnection\b/gu,
};

type Known = { api: string; bundle: string; library: string; signature: RegExp; why: string };

/**
 * The reviewed occurrences, the same in both builds. The signature is matched against the minified code around the
 * occurrence (variable names vary between builds, hence the \w+).
 */
const known: Known[] = [
  {
    api: 'fetch',
    bundle: 'chunks/styles.js',
    library: "Vite's modulepreload polyfill (vite:modulepreload-polyfill)",
    signature: /if\(\w+\.ep\)return;\w+\.ep=!0;let \w+=\w+\(\w+\);fetch\(\w+\.href,\w+\)/u,
    why: 'preloads the <link rel="modulepreload"> chunks of the page itself, all extension files; only where the browser lacks modulepreload',
  },
];

type Occurrence = { build: string; bundle: string; api: string; context: string };

/** Every occurrence of a network API in the code given, with 300 characters either side. */
export function findNetworkApis(code: string): { api: string; context: string }[] {
  return Object.entries(networkApis).flatMap(([api, pattern]) =>
    [...code.matchAll(pattern)].map((match) => ({ api, context: code.slice(Math.max(0, match.index - 300), match.index + 300) })),
  );
}

/** "build bundle api ← library" for a known occurrence, or the code around it for one nobody has reviewed yet. */
export function attribute(occurrence: Occurrence): string {
  const entry = known.find((candidate) => candidate.api === occurrence.api && candidate.bundle === occurrence.bundle && candidate.signature.test(occurrence.context));
  const where = `${occurrence.build} ${occurrence.bundle} ${occurrence.api}`;
  return entry ? `${where} ← ${entry.library}` : `${where} ← NOT REVIEWED: …${occurrence.context.replace(/\s+/gu, ' ')}…`;
}

function occurrencesIn(build: 'chrome' | 'firefox'): Occurrence[] {
  const dir = buildDir(build);
  return filesUnder(dir, ['.js']).flatMap((file) =>
    findNetworkApis(readFileSync(join(dir, file), 'utf8')).map(({ api, context }) => ({ build, bundle: stableName(file), api, context })),
  );
}

describe('no network code in what ships', () => {
  it('the built bundles name network APIs only where the reviewed list says, and every one is a library', () => {
    const dirs = { chrome: buildDir('chrome'), firefox: buildDir('firefox') };
    const found = [...occurrencesIn('chrome'), ...occurrencesIn('firefox')].map(attribute).sort();
    expect(found).toEqual([
      "chrome chunks/styles.js fetch ← Vite's modulepreload polyfill (vite:modulepreload-polyfill)",
      "firefox chunks/styles.js fetch ← Vite's modulepreload polyfill (vite:modulepreload-polyfill)",
    ]);
    // The bundles that run where the webmail's page is, and the background, name none at all.
    for (const dir of Object.values(dirs)) {
      for (const file of ['background.js', 'content-scripts/outlook.js', 'content-scripts/gmail.js', 'content-scripts/roundcube.js']) {
        expect(findNetworkApis(readFileSync(join(dir, file), 'utf8')), file).toEqual([]);
      }
    }
  });

  it('the modulepreload polyfill fetches only the page\'s own chunks: every modulepreload link is a local file', () => {
    for (const build of ['chrome', 'firefox'] as const) {
      const dir = buildDir(build);
      for (const page of filesUnder(dir, ['.html'])) {
        const html = readFileSync(join(dir, page), 'utf8');
        const preloads = [...html.matchAll(/<link\b[^>]*rel=["']?modulepreload[^>]*>/giu)].map((match) => /href=["']?([^"'\s>]+)/iu.exec(match[0])?.[1] ?? '');
        for (const href of preloads) expect(href, `${build}/${page}`).toMatch(/^\/chunks\/[\w-]+\.js$/u);
      }
    }
  });

  it('our own sources (lib, components, entrypoints) name no network API at all, not even in a comment', () => {
    const found = ['lib', 'components', 'entrypoints'].flatMap((folder) =>
      filesUnder(join(projectRoot, folder), ['.ts', '.tsx']).flatMap((file) =>
        findNetworkApis(readFileSync(join(projectRoot, folder, file), 'utf8')).map(({ api }) => `${folder}/${file}: ${api}`),
      ),
    );
    expect(found).toEqual([]);
  });

  // The scan must be able to fail.
  it('catches a new call, and one in a reviewed bundle that does not look like the reviewed code', () => {
    expect(findNetworkApis('x=1;navigator.sendBeacon("https://example.org",d);new WebSocket(u);window.fetch(u)').map((hit) => hit.api).sort()).toEqual([
      'WebSocket',
      'fetch',
      'sendBeacon',
    ]);
    expect(findNetworkApis('e.fetchPriority=`high`;n.prefetchDNS(u)')).toEqual([]);
    const elsewhere = attribute({ build: 'chrome', bundle: 'chunks/styles.js', api: 'fetch', context: 'fetch("https://example.org/collect",{method:`POST`})' });
    expect(elsewhere).toMatch(/NOT REVIEWED/u);
    const wrongBundle = attribute({ build: 'chrome', bundle: 'background.js', api: 'fetch', context: 'if(e.ep)return;e.ep=!0;let n=t(e);fetch(e.href,n)' });
    expect(wrongBundle).toMatch(/NOT REVIEWED/u);
  });
});
