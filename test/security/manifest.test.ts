import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir, filesUnder, readManifest, type Manifest } from './build';

// RULES §10 and §2.8: the minimum permissions, the listed webmails only, optional hosts for Roundcube, no remote code.
// Read from the built manifests (what the stores receive), not from wxt.config.ts. Anything extra fails: a new key,
// permission or host must be reviewed here first.

/** sidePanel only where the panel is Chrome's side panel; Firefox's sidebar and panel window need no permission. */
const permissionsOf = { mv3: ['alarms', 'scripting', 'sidePanel', 'storage'], mv2: ['alarms', 'scripting', 'storage'] };
const webmails = [
  'https://mail.google.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
];
const optionalHosts = ['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*'];

type Kind = 'mv3' | 'mv2';

/** The keys each manifest must have, and the harmless ones it may gain without a review (icons, author, …). */
const requiredKeys: Record<Kind, string[]> = {
  mv3: [
    'action', 'background', 'commands', 'content_scripts', 'default_locale', 'description', 'manifest_version', 'name',
    'optional_host_permissions', 'options_ui', 'permissions', 'side_panel', 'storage', 'version',
  ],
  mv2: [
    'background', 'browser_action', 'browser_specific_settings', 'commands', 'content_scripts', 'default_locale', 'description',
    'manifest_version', 'name', 'optional_permissions', 'options_ui', 'permissions', 'sidebar_action', 'version',
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

/** Every way the manifest could ask for more than RULES §10 allows; [] when it asks for exactly that. */
export function manifestProblems(manifest: Manifest, kind: Kind): string[] {
  const problems: string[] = [];
  const expectVersion = kind === 'mv3' ? 3 : 2;
  if (manifest.manifest_version !== expectVersion) problems.push(`manifest_version is ${String(manifest.manifest_version)}, not ${expectVersion}`);

  const keys = Object.keys(manifest);
  for (const key of requiredKeys[kind]) if (!keys.includes(key)) problems.push(`missing key ${key}`);
  for (const key of keys) {
    if (!requiredKeys[kind].includes(key) && !harmlessKeys.includes(key) && !reviewedKeys.includes(key)) problems.push(`unexpected key ${key}`);
  }

  // Permissions: exactly these; in MV2 no host may hide among them.
  const permissions = permissionsOf[kind];
  if (!same(manifest.permissions, permissions)) problems.push(`permissions ${JSON.stringify(manifest.permissions)} are not exactly ${JSON.stringify(permissions)}`);
  if (kind === 'mv3' && 'host_permissions' in manifest) problems.push(`host_permissions present: ${JSON.stringify(manifest.host_permissions)}`);
  if (kind === 'mv3' && 'optional_permissions' in manifest) problems.push(`optional_permissions present: ${JSON.stringify(manifest.optional_permissions)}`);
  const optional = kind === 'mv3' ? manifest.optional_host_permissions : manifest.optional_permissions;
  if (!same(optional, optionalHosts)) problems.push(`optional hosts ${JSON.stringify(optional)} are not exactly ${JSON.stringify(optionalHosts)}`);

  // Content scripts: one per webmail, only on the listed webmails (together exactly those), only our own files.
  const scripts = Array.isArray(manifest.content_scripts) ? (manifest.content_scripts as Record<string, unknown>[]) : [];
  if (scripts.length === 0) problems.push('no content_scripts');
  const matched = scripts.flatMap((script) => (Array.isArray(script.matches) ? (script.matches as unknown[]) : []));
  if (!same(matched, webmails)) problems.push(`content script matches ${JSON.stringify(matched)} are not exactly the webmails`);
  for (const script of scripts) {
    if (!Array.isArray(script.matches) || script.matches.some((match) => !webmails.includes(match as string))) {
      problems.push(`content script matches ${JSON.stringify(script.matches)} go beyond the webmails`);
    }
    if (!Array.isArray(script.js) || script.js.length !== 1 || !/^content-scripts\/(outlook|gmail)\.js$/u.test(String(script.js[0]))) {
      problems.push(`content script files ${JSON.stringify(script.js)} are not one webmail's own`);
    }
    for (const key of Object.keys(script)) {
      if (!['matches', 'js', 'css', 'run_at', 'exclude_matches'].includes(key)) problems.push(`content script key ${key} (all_frames, world, globs…) needs a review`);
    }
  }

  // No web-accessible resources: no page can load or frame a file of the extension (the panel is a browser surface).
  if ('web_accessible_resources' in manifest) problems.push(`web_accessible_resources present: ${JSON.stringify(manifest.web_accessible_resources)}`);

  // The panel: Chrome's side panel or Firefox's sidebar, both our own page; the toolbar button has no popup.
  if (kind === 'mv3') {
    const sidePanel = manifest.side_panel as Record<string, unknown> | undefined;
    if (!sidePanel || !same(Object.keys(sidePanel), ['default_path']) || sidePanel.default_path !== 'sidepanel.html') problems.push(`side_panel ${JSON.stringify(sidePanel)} is not sidepanel.html`);
  } else {
    const sidebar = manifest.sidebar_action as Record<string, unknown> | undefined;
    if (sidebar?.default_panel !== 'sidepanel.html') problems.push(`sidebar_action ${JSON.stringify(sidebar)} is not sidepanel.html`);
    if (sidebar?.open_at_install !== false) problems.push('sidebar_action opens at install');
  }
  const action = (kind === 'mv3' ? manifest.action : manifest.browser_action) as Record<string, unknown> | undefined;
  if (action && 'default_popup' in action) problems.push('the toolbar button opens a popup, not the panel');
  const commands = Object.keys((manifest.commands ?? {}) as object);
  const panelCommand = kind === 'mv3' ? '_execute_action' : '_execute_sidebar_action';
  if (!same(commands, [panelCommand])) problems.push(`commands ${JSON.stringify(commands)} are not only ${panelCommand}`);

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

describe('the built manifests ask for exactly what RULES §10 allows', () => {
  it('Chrome/Edge (MV3): storage, scripting, alarms, sidePanel; the webmails; optional Roundcube hosts; no web-accessible file', () => {
    const manifest = readManifest('chrome');
    expect(manifestProblems(manifest, 'mv3')).toEqual([]);
    // The reviewed shape, spelled out, so a change shows in the diff of this test.
    expect(manifest.permissions).toEqual(['storage', 'scripting', 'alarms', 'sidePanel']);
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('Firefox (MV2): the same permissions, no host among them, the Roundcube hosts as optional permissions', () => {
    const manifest = readManifest('firefox');
    expect(manifestProblems(manifest, 'mv2')).toEqual([]);
    expect(manifest.permissions).toEqual(['storage', 'scripting', 'alarms']);
    expect(manifest.optional_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html', open_at_install: false });
  });

  it('no built page or stylesheet loads anything from outside the extension; every script is a local file', () => {
    for (const name of ['chrome', 'firefox'] as const) {
      const dir = buildDir(name);
      const pages = filesUnder(dir, ['.html']);
      expect(pages.sort()).toEqual(['info.html', 'options.html', 'sidepanel.html']);
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

  // Issue 13 item 9: an explicit policy, so that a future dependency cannot load or send anything.
  it('both built manifests carry exactly the extension pages policy', () => {
    const policy = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; connect-src 'self'; frame-ancestors 'none'";
    expect(readManifest('chrome').content_security_policy).toEqual({ extension_pages: policy });
    expect(readManifest('firefox').content_security_policy).toBe(policy);
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
    ['a web-accessible panel', (m) => {
      m.web_accessible_resources = [{ resources: ['sidepanel.html'], matches: ['https://mail.google.com/*'], use_dynamic_url: true }];
    }, /web_accessible_resources present/u],
    ['a toolbar popup instead of the side panel', (m) => {
      (m.action as Record<string, unknown>).default_popup = 'popup.html';
    }, /opens a popup/u],
    ['another side panel page', (m) => {
      m.side_panel = { default_path: 'other.html' };
    }, /side_panel .* is not sidepanel.html/u],
    ['a second command', (m) => {
      (m.commands as Record<string, unknown>).grab = { suggested_key: { default: 'Ctrl+Shift+Y' } };
    }, /commands .* are not only _execute_action/u],
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
    ['a webmail\'s script also on another webmail', (m) => {
      (m.content_scripts as { matches: string[] }[])[0]!.matches.push('https://outlook.office.com/*');
    }, /content script matches .* are not exactly the webmails/u],
    ['a content script running every webmail\'s code', (m) => {
      (m.content_scripts as { js: string[] }[])[0]!.js.push('content-scripts/roundcube.js');
    }, /content script files .* are not one webmail's own/u],
    ['a content script in the page world', (m) => {
      (m.content_scripts as Record<string, unknown>[])[0]!.world = 'MAIN';
    }, /content script key world/u],
  ];
  it.each(widenings)('MV3: %s', (_name, change, expected) => {
    const problems = widen('chrome', change);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('MV2: a host among the permissions, a loosened CSP string, a web-accessible file, a sidebar opening at install', () => {
    expect(widen('firefox', (m) => {
      m.web_accessible_resources = ['sidepanel.html'];
    }).join('\n')).toMatch(/web_accessible_resources present/u);
    expect(widen('firefox', (m) => {
      (m.sidebar_action as Record<string, unknown>).open_at_install = true;
    }).join('\n')).toMatch(/opens at install/u);
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
