import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir, filesUnder, readManifest, type Manifest } from './build';

// SPEC §10 and §2.8: the minimum permissions, the listed webmails only, optional hosts for Roundcube, no remote code.
// Read from the built manifests (what the stores receive), not from wxt.config.ts. Anything extra fails: a new key,
// permission or host must be reviewed here first.

const permissions = ['alarms', 'scripting', 'storage'];
const webmails = [
  'https://mail.google.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
];
const optionalHosts = ['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*'];
/** Who may frame panel.html: the webmails, and the Roundcube hosts the user may grant (the panel opens in those too). */
const panelFramers = [...webmails, ...optionalHosts].sort();

type Kind = 'mv3' | 'mv2';

/** The keys each manifest must have, and the harmless ones it may gain without a review (icons, author, …). */
const requiredKeys: Record<Kind, string[]> = {
  mv3: [
    'action', 'background', 'content_scripts', 'default_locale', 'description', 'manifest_version', 'name', 'optional_host_permissions',
    'options_ui', 'permissions', 'storage', 'version', 'web_accessible_resources',
  ],
  mv2: [
    'background', 'browser_action', 'browser_specific_settings', 'content_scripts', 'default_locale', 'description', 'manifest_version',
    'name', 'optional_permissions', 'options_ui', 'permissions', 'version', 'web_accessible_resources',
  ],
};
const harmlessKeys = ['author', 'homepage_url', 'icons', 'minimum_chrome_version', 'short_name', 'version_name'];
/** content_security_policy may appear, but only if it does not loosen the default (checked below). */
const reviewedKeys = ['content_security_policy'];

const sorted = (values: unknown): unknown => (Array.isArray(values) ? [...(values as unknown[])].map(String).sort() : values);
const same = (actual: unknown, expected: string[]) => JSON.stringify(sorted(actual)) === JSON.stringify([...expected].sort());

/** Script sources a CSP must not allow: eval, inline code, or code from anywhere but the extension itself. */
function cspProblems(policy: string, where: string): string[] {
  const directives = new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/u))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!.toLowerCase(), parts.slice(1).map((source) => source.toLowerCase())] as const),
  );
  const scriptSources = directives.get('script-src') ?? directives.get('default-src') ?? [];
  const loose = scriptSources.filter(
    (source) =>
      ["'unsafe-eval'", "'unsafe-inline'", 'http:', 'https:', 'data:', 'blob:', '*'].includes(source) || /^(https?:)?\/\/|^\*\./u.test(source),
  );
  return loose.map((source) => `${where}: script-src allows ${source}`);
}

/** Every way the manifest could ask for more than SPEC §10 allows; [] when it asks for exactly that. */
export function manifestProblems(manifest: Manifest, kind: Kind): string[] {
  const problems: string[] = [];
  const expectVersion = kind === 'mv3' ? 3 : 2;
  if (manifest.manifest_version !== expectVersion) problems.push(`manifest_version is ${String(manifest.manifest_version)}, not ${expectVersion}`);

  const keys = Object.keys(manifest);
  for (const key of requiredKeys[kind]) if (!keys.includes(key)) problems.push(`missing key ${key}`);
  for (const key of keys) {
    if (!requiredKeys[kind].includes(key) && !harmlessKeys.includes(key) && !reviewedKeys.includes(key)) problems.push(`unexpected key ${key}`);
  }

  // Permissions: exactly these three; in MV2 no host may hide among them.
  if (!same(manifest.permissions, permissions)) problems.push(`permissions ${JSON.stringify(manifest.permissions)} are not exactly ${JSON.stringify(permissions)}`);
  if (kind === 'mv3' && 'host_permissions' in manifest) problems.push(`host_permissions present: ${JSON.stringify(manifest.host_permissions)}`);
  if (kind === 'mv3' && 'optional_permissions' in manifest) problems.push(`optional_permissions present: ${JSON.stringify(manifest.optional_permissions)}`);
  const optional = kind === 'mv3' ? manifest.optional_host_permissions : manifest.optional_permissions;
  if (!same(optional, optionalHosts)) problems.push(`optional hosts ${JSON.stringify(optional)} are not exactly ${JSON.stringify(optionalHosts)}`);

  // Content scripts: only on the listed webmails, only our own files.
  const scripts = Array.isArray(manifest.content_scripts) ? (manifest.content_scripts as Record<string, unknown>[]) : [];
  if (scripts.length === 0) problems.push('no content_scripts');
  for (const script of scripts) {
    if (!same(script.matches, webmails)) problems.push(`content script matches ${JSON.stringify(script.matches)} are not exactly the webmails`);
    for (const key of Object.keys(script)) {
      if (!['matches', 'js', 'css', 'run_at', 'exclude_matches'].includes(key)) problems.push(`content script key ${key} (all_frames, world, globs…) needs a review`);
    }
  }

  // Web-accessible resources: the panel page only, framed by the webmails and the Roundcube hosts only.
  const resources = manifest.web_accessible_resources;
  if (kind === 'mv3') {
    const entries = Array.isArray(resources) ? (resources as Record<string, unknown>[]) : [];
    if (entries.length !== 1) problems.push(`web_accessible_resources has ${entries.length} entries, not 1`);
    for (const entry of entries) {
      if (!same(entry.resources, ['panel.html'])) problems.push(`web_accessible_resources ${JSON.stringify(entry.resources)} is not only panel.html`);
      if (entry.use_dynamic_url !== true) problems.push('web_accessible_resources without use_dynamic_url: true');
      if (!same(entry.matches, panelFramers)) problems.push(`panel.html may be framed by ${JSON.stringify(entry.matches)}`);
      if ('extension_ids' in entry) problems.push('web_accessible_resources open to other extensions');
    }
  } else if (!same(resources, ['panel.html'])) problems.push(`web_accessible_resources ${JSON.stringify(resources)} is not only panel.html`);

  // Never every site, never other extensions or web pages talking to us.
  const text = JSON.stringify(manifest);
  for (const wide of ['<all_urls>', '*://*/*', 'http://*/*', '*://*/']) if (text.includes(wide)) problems.push(`${wide} appears in the manifest`);
  if ('externally_connectable' in manifest) problems.push('externally_connectable present');

  // Local code only.
  const background = (manifest.background ?? {}) as Record<string, unknown>;
  const backgroundFiles = kind === 'mv3' ? [background.service_worker] : (background.scripts as unknown[] | undefined) ?? [];
  for (const file of backgroundFiles) if (typeof file !== 'string' || /^[a-z]+:|^\/\//iu.test(file)) problems.push(`background ${String(file)} is not a local file`);

  const csp = manifest.content_security_policy;
  if (csp !== undefined) {
    if (typeof csp === 'string') problems.push(...cspProblems(csp, 'content_security_policy'));
    else if (csp && typeof csp === 'object') {
      for (const [where, policy] of Object.entries(csp)) problems.push(...cspProblems(String(policy), `content_security_policy.${where}`));
    } else problems.push('content_security_policy of an unknown shape');
  }
  return problems;
}

/** Remote code or resources in a built page or stylesheet: any src/href/url() that is not the extension's own file. */
export function remoteReferences(text: string): string[] {
  const references = [
    ...text.matchAll(/\b(?:src|href|action|data)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:|\/\/)[^"'\s>]*)/giu),
    ...text.matchAll(/url\(\s*["']?\s*((?:[a-z][a-z0-9+.-]*:|\/\/)[^"')\s]*)/giu),
    ...text.matchAll(/@import\s+["']((?:[a-z][a-z0-9+.-]*:|\/\/)[^"']*)/giu),
  ].map((match) => match[1]!);
  // data: images in CSS are inert; scripts from data: are caught by the CSP and by the script check below.
  return references.filter((reference) => !/^data:image\//iu.test(reference));
}

/** A <script> that is inline or not a local file: remote code, or code the extension CSP would refuse anyway. */
export function badScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/giu)];
  return scripts.flatMap(([whole, attributes, body]) => {
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/iu.exec(attributes ?? '')?.[1];
    if (!src) return (body ?? '').trim() === '' ? [`script without src: ${whole}`] : [`inline script: ${whole.slice(0, 80)}`];
    return /^[a-z][a-z0-9+.-]*:|^\/\//iu.test(src) ? [`remote script ${src}`] : [];
  });
}

describe('the built manifests ask for exactly what SPEC §10 allows', () => {
  it('Chrome/Edge (MV3): storage, scripting, alarms; the webmails; optional Roundcube hosts; panel.html only', () => {
    const manifest = readManifest('chrome');
    expect(manifestProblems(manifest, 'mv3')).toEqual([]);
    // The reviewed shape, spelled out, so a change shows in the diff of this test.
    expect(manifest.permissions).toEqual(['storage', 'scripting', 'alarms']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('Firefox (MV2): the same permissions, no host among them, the Roundcube hosts as optional permissions', () => {
    const manifest = readManifest('firefox');
    expect(manifestProblems(manifest, 'mv2')).toEqual([]);
    expect(manifest.permissions).toEqual(['storage', 'scripting', 'alarms']);
    expect(manifest.optional_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
    expect(manifest.web_accessible_resources).toEqual(['panel.html']);
  });

  it('no built page or stylesheet loads anything from outside the extension; every script is a local file', () => {
    for (const name of ['chrome', 'firefox'] as const) {
      const dir = buildDir(name);
      const pages = filesUnder(dir, ['.html']);
      expect(pages.sort()).toEqual(['info.html', 'options.html', 'panel.html', 'popup.html']);
      for (const file of [...pages, ...filesUnder(dir, ['.css'])]) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(remoteReferences(text), `${name}/${file}`).toEqual([]);
        if (file.endsWith('.html')) {
          expect(badScripts(text), `${name}/${file}`).toEqual([]);
          expect([...text.matchAll(/<script\b/giu)].length, `${name}/${file} has its module script`).toBeGreaterThan(0);
        }
      }
      // No static or dynamic import, and no importScripts, of a URL: the bundles load only their own chunks.
      for (const file of filesUnder(dir, ['.js'])) {
        const code = readFileSync(join(dir, file), 'utf8');
        const remote = [...code.matchAll(/(?:\bimport\s*\(|\bfrom|\bimportScripts\s*\()\s*[`'"]((?:https?:)?\/\/[^`'"]*)/gu)].map((match) => match[1]);
        expect(remote, `${name}/${file}`).toEqual([]);
      }
    }
  });

  it('the end-to-end builds differ from production only by the loopback host they hold from the start', () => {
    const chrome = readManifest('chrome');
    const chromeE2e = readManifest('chromeE2e');
    expect(chromeE2e.host_permissions).toEqual(['http://127.0.0.1/*']);
    const { host_permissions: _host, ...chromeRest } = chromeE2e;
    expect(chromeRest).toEqual(chrome);

    const firefox = readManifest('firefox');
    const firefoxE2e = readManifest('firefoxE2e');
    expect(firefoxE2e.permissions).toEqual([...(firefox.permissions as string[]), 'http://127.0.0.1/*']);
    expect({ ...firefoxE2e, permissions: firefox.permissions }).toEqual(firefox);
  });
});

// The checks above must be able to fail: each kind of widening, applied to the real manifest, is caught.
describe('the manifest checks catch every widening', () => {
  const widen = (name: 'chrome' | 'firefox', change: (manifest: Manifest) => void) => {
    const manifest = structuredClone(readManifest(name));
    change(manifest);
    return manifestProblems(manifest, name === 'chrome' ? 'mv3' : 'mv2');
  };

  const widenings: [string, (m: Manifest) => void, RegExp][] = [
    ['an extra permission', (m) => {
      (m.permissions as string[]).push('tabs');
    }, /permissions .* are not exactly/u],
    ['host_permissions', (m) => {
      m.host_permissions = ['https://example.org/*'];
    }, /host_permissions present/u],
    ['<all_urls>', (m) => {
      (m.optional_host_permissions as string[]).push('<all_urls>');
    }, /<all_urls> appears/u],
    ['*://*/* in a content script', (m) => {
      (m.content_scripts as { matches: string[] }[])[0]!.matches = ['*://*/*'];
    }, /\*:\/\/\*\/\* appears/u],
    ['another web-accessible file', (m) => {
      (m.web_accessible_resources as { resources: string[] }[])[0]!.resources.push('popup.html');
    }, /not only panel.html/u],
    ['a fixed panel URL', (m) => {
      (m.web_accessible_resources as { use_dynamic_url: boolean }[])[0]!.use_dynamic_url = false;
    }, /use_dynamic_url/u],
    ['externally_connectable', (m) => {
      m.externally_connectable = { matches: ['https://example.org/*'] };
    }, /externally_connectable present/u],
    ['unsafe-eval', (m) => {
      m.content_security_policy = { extension_pages: "script-src 'self' 'unsafe-eval'; object-src 'self'" };
    }, /allows 'unsafe-eval'/u],
    ['a remote script host', (m) => {
      m.content_security_policy = { extension_pages: "script-src 'self' https://cdn.example.org" };
    }, /allows https:\/\/cdn/u],
    ['an unknown key', (m) => {
      m.declarative_net_request = {};
    }, /unexpected key declarative_net_request/u],
    ['a content script in the page world', (m) => {
      (m.content_scripts as Record<string, unknown>[])[0]!.world = 'MAIN';
    }, /content script key world/u],
  ];
  it.each(widenings)('MV3: %s', (_name, change, expected) => {
    const problems = widen('chrome', change);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('MV2: a host among the permissions, and a loosened CSP string', () => {
    expect(widen('firefox', (m) => {
      (m.permissions as string[]).push('https://mail.google.com/*');
    }).join('\n')).toMatch(/permissions .* are not exactly/u);
    expect(widen('firefox', (m) => {
      m.content_security_policy = "script-src 'self' 'unsafe-inline'";
    }).join('\n')).toMatch(/'unsafe-inline'/u);
  });

  it('remote page resources and inline scripts', () => {
    expect(remoteReferences('<script type="module" src="https://cdn.example.org/x.js"></script>')).toEqual(['https://cdn.example.org/x.js']);
    expect(remoteReferences('<link rel="stylesheet" href="//fonts.example.org/a.css">')).toEqual(['//fonts.example.org/a.css']);
    expect(remoteReferences("body{background:url('https://example.org/t.png')}")).toEqual(['https://example.org/t.png']);
    expect(remoteReferences('<script type="module" crossorigin src="/chunks/panel-DRlWiGaV.js"></script>')).toEqual([]);
    expect(badScripts('<script>alert(1)</script>')).toHaveLength(1);
    expect(badScripts('<script src="http://example.org/a.js"></script>')).toEqual(['remote script http://example.org/a.js']);
  });
});
