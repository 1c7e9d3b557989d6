import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawIcon, iconSizes, pngSize } from '../../addin/icons';
import { addinIdFor, buildManifest, ManifestError } from '../../addin/manifest';
import { addinTexts } from '../../addin/texts';

// The add-in's XML manifest, checked by our own tests (issue 22.5): Microsoft's validator posts the file to a web
// service, and nothing here may need the network. Parsed with sax in strict mode (in node_modules through web-ext):
// any malformed XML throws.

type SaxTag = { name: string; attributes: Record<string, string> };
type SaxParser = {
  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  onerror: (error: Error) => void;
  write: (xml: string) => SaxParser;
  close: () => void;
};
const sax = createRequire(import.meta.url)('sax') as { parser: (strict: boolean) => SaxParser };

type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true);
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.onopentag = (tag) => {
    const element = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (text) => {
    stack.at(-1)!.text += text;
  };
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(xml).close();
  return root;
}

const all = (element: XmlElement): XmlElement[] => [element, ...element.children.flatMap(all)];
const find = (element: XmlElement, name: string) => all(element).filter((candidate) => candidate.name === name);
const one = (element: XmlElement, name: string) => {
  const found = find(element, name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

const origin = 'https://example.org/veilig-aanmelden';
const manifest = buildManifest({ origin, version: '0.1.0' });
const document = parseXml(manifest.xml);
const app = one(document, 'OfficeApp');

describe('the add-in manifest (XML, add-in only)', () => {
  it('is well-formed XML, and a broken one is caught by the same check', () => {
    expect(document.children.map((element) => element.name)).toEqual(['OfficeApp']);
    expect(() => parseXml(manifest.xml.replace('</Permissions>', '</Permission>'))).toThrow();
    expect(() => parseXml(manifest.xml.replace('Name="Mailbox"', 'Name="Mail&box"'))).toThrow();
    // What an origin may carry into an attribute is escaped: it parses and reads back as given.
    const odd = buildManifest({ origin: `https://example.org/k&g's"map"`, version: '0.1.0' });
    expect(one(one(parseXml(odd.xml), 'FormSettings'), 'SourceLocation').attributes['DefaultValue']).toBe(odd.taskpaneUrl);
  });

  it('is a mail add-in: Mailbox host, at least Mailbox 1.8, permission ReadWriteItem only, for messages being composed', () => {
    expect(app.attributes['xsi:type']).toBe('MailApp');
    expect(one(app, 'Permissions').text).toBe('ReadWriteItem');
    expect(manifest.xml).not.toMatch(/ReadWriteMailbox|ReadItem\b|Restricted/u);
    const set = one(one(app, 'Sets'), 'Set');
    expect(set.attributes).toMatchObject({ Name: 'Mailbox', MinVersion: '1.8' });
    expect(one(app, 'bt:Sets').attributes['DefaultMinVersion']).toBe('1.8');
    expect(find(app, 'Host').map((host) => host.attributes['Name'] ?? host.attributes['xsi:type'])).toEqual(['Mailbox', 'MailHost']);
    expect(one(app, 'Rule').attributes).toMatchObject({ 'xsi:type': 'ItemIs', ItemType: 'Message', FormType: 'Edit' });
    expect(one(app, 'Form').attributes['xsi:type']).toBe('ItemEdit');
    expect(one(app, 'Version').text).toBe('0.1.0.0');
  });

  it('puts one button "Aanmelden bij OCMW" on the new-message ribbon that opens the task pane, with en/fr texts', () => {
    const point = one(app, 'ExtensionPoint');
    expect(point.attributes['xsi:type']).toBe('MessageComposeCommandSurface');
    const control = one(point, 'Control');
    expect(one(control, 'Action').attributes['xsi:type']).toBe('ShowTaskpane');
    const strings = find(app, 'bt:String');
    const label = strings.find((string) => string.attributes['id'] === one(control, 'Label').attributes['resid'])!;
    expect(label.attributes['DefaultValue']).toBe('Aanmelden bij OCMW');
    const locales = Object.fromEntries(label.children.map((child) => [child.attributes['Locale'], child.attributes['Value']]));
    expect(locales).toMatchObject({ 'en-US': addinTexts.en.buttonLabel, 'fr-FR': addinTexts.fr.buttonLabel });
    expect(one(app, 'DefaultLocale').text).toBe('nl-NL');
    // Office's limits: short strings 125 characters, long strings 250.
    for (const string of find(one(app, 'bt:ShortStrings'), 'bt:String')) expect(string.attributes['DefaultValue']!.length).toBeLessThanOrEqual(125);
    for (const string of find(app, 'bt:Override')) expect(string.attributes['Value']!.length).toBeLessThanOrEqual(250);
    const url = find(app, 'bt:Url').find((entry) => entry.attributes['id'] === one(control, 'SourceLocation').attributes['resid']);
    expect(url?.attributes['DefaultValue']).toBe(`${origin}/taskpane.html`);
  });

  it('names only https URLs under the task pane origin', () => {
    const urls = all(app).flatMap((element) => Object.values(element.attributes)).filter((value) => /^[a-z]+:\/\//iu.test(value) && !value.startsWith('http://schemas.microsoft.com/') && !value.startsWith('http://www.w3.org/'));
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith(`${origin}/`), url).toBe(true);
    expect(manifest.xml.match(/http:\/\/[^"]*/gu)?.every((url) => /^http:\/\/(schemas\.microsoft\.com|www\.w3\.org)\//u.test(url))).toBe(true);
  });

  it('refuses an http origin (and other unusable addresses) with a clear Dutch message', () => {
    expect(() => buildManifest({ origin: 'http://example.org/veilig-aanmelden', version: '0.1.0' })).toThrow(/moet met https:\/\/ beginnen/u);
    expect(() => buildManifest({ origin: 'http://example.org', version: '0.1.0' })).toThrow(ManifestError);
    expect(() => buildManifest({ origin: 'example.org', version: '0.1.0' })).toThrow(/Geen geldig adres/u);
    expect(() => buildManifest({ origin: 'https://user:pw@example.org/', version: '0.1.0' })).toThrow(/gebruikersnaam/u);
    expect(() => buildManifest({ origin: 'https://example.org/?x=1', version: '0.1.0' })).toThrow(/\?/u);
    expect(() => buildManifest({ origin, version: '0.1.0', id: 'not-a-guid' })).toThrow(/Geen geldige id/u);
  });

  it('has icons of 16, 32, 64, 80 and 128 px, each a PNG of that size', () => {
    const images = find(app, 'bt:Image').filter((image) => image.attributes['DefaultValue']);
    expect(images.map((image) => image.attributes['DefaultValue'])).toEqual(iconSizes.map((size) => `${origin}/icons/icon-${size}.png`));
    expect(one(app, 'IconUrl').attributes['DefaultValue']).toBe(`${origin}/icons/icon-64.png`);
    expect(one(app, 'HighResolutionIconUrl').attributes['DefaultValue']).toBe(`${origin}/icons/icon-128.png`);
    for (const size of iconSizes) expect(pngSize(drawIcon(size))).toEqual({ width: size, height: size });
    expect(pngSize(new TextEncoder().encode('not a png at all, really'))).toBeNull();
  });

  it('has one id per origin: stable across builds, different for another origin, or the one given', () => {
    const id = one(app, 'Id').text;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(buildManifest({ origin: `${origin}/`, version: '0.2.0' }).id).toBe(id);
    expect(buildManifest({ origin: 'https://example.org/andere-map', version: '0.1.0' }).id).not.toBe(id);
    expect(buildManifest({ origin: 'https://intra.example.org/veilig-aanmelden', version: '0.1.0' }).id).not.toBe(id);
    expect(addinIdFor('x')).not.toBe(addinIdFor('y'));
    const given = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(one(one(parseXml(buildManifest({ origin, version: '0.1.0', id: given }).xml), 'OfficeApp'), 'Id').text).toBe(given);
  });
});

describe('npm run addin:manifest', () => {
  const root = resolve(__dirname, '../..');
  const run = (args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/addin-manifest.ts', ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });

  it('writes the manifest and the icons for the origin given, with the version of package.json', () => {
    const out = mkdtempSync(join(tmpdir(), 'addin-manifest-'));
    try {
      expect(run(['--origin', origin, '--out', out])).toContain(manifest.id);
      const written = readFileSync(join(out, 'manifest.xml'), 'utf8');
      const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
      expect(one(parseXml(written), 'Version').text).toBe(`${version}.0`);
      for (const size of iconSizes) expect(pngSize(readFileSync(join(out, 'icons', `icon-${size}.png`)))).toEqual({ width: size, height: size });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses an http origin with one Dutch line and exit code 1, no stack trace', () => {
    let failure: { status?: number; stderr?: string } = {};
    try {
      run(['--origin', 'http://example.org/veilig-aanmelden', '--out', join(tmpdir(), 'addin-manifest-never')]);
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(failure.stderr?.trim()).toMatch(/^Het adres van het taakvenster moet met https:\/\/ beginnen/u);
    expect(failure.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/u);
  });
});
