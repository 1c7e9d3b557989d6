import { createHash } from 'node:crypto';
import { iconSizes, type IconSize } from './icons';
import { addinTexts } from './texts';

/**
 * The XML add-in-only manifest of the Outlook add-in (issue 22.2), generated from where the organisation hosts the task
 * pane (build time, Node only). XML, not the unified JSON manifest: that one does not reach Outlook for Mac or mobile,
 * nor perpetual Office on Windows. Mailbox 1.8 at least (`addFileAttachmentFromBase64Async`), permission
 * ReadWriteItem only (never ReadWriteMailbox: no sending, no EWS, no Graph), one button on the new-message ribbon.
 */

/** A refusal with a message for the person running the command: Dutch, no stack trace. */
export class ManifestError extends Error {}

export type ManifestInput = {
  /** The https address the task pane's files are served from, e.g. https://example.org/veilig-aanmelden. */
  origin: string;
  /** The package version (x.y.z): Office wants four parts. */
  version: string;
  /** A fixed add-in id (GUID); by default one derived from the origin, the same on every build. */
  id?: string;
};

export type AddinManifest = {
  xml: string;
  id: string;
  /** The task pane's base URL, without a trailing slash. */
  base: string;
  taskpaneUrl: string;
  iconUrls: Record<IconSize, string>;
};

/** Minimum Mailbox requirement set and the only permission asked. */
export const minimumMailbox = '1.8';
export const permission = 'ReadWriteItem';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** Our namespace for name-based (version 5) ids: one id per task pane address, stable across builds. */
const idNamespace = '6f1d9a52-3c47-4e0b-9b2e-5a8c1d7e4f30';

/** A version 5 (SHA-1, name-based) UUID of `name` in our namespace (RFC 9562). */
export function addinIdFor(name: string): string {
  const namespace = Buffer.from(idNamespace.replace(/-/gu, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The task pane's base URL from what was given: https only, no user, query or fragment; no trailing slash. */
export function taskpaneBase(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin.trim());
  } catch {
    throw new ManifestError(`Geen geldig adres: "${origin}". Geef het volledige https-adres van het taakvenster, bv. https://example.org/veilig-aanmelden.`);
  }
  if (url.protocol !== 'https:') {
    throw new ManifestError(`Het adres van het taakvenster moet met https:// beginnen: Outlook laadt een invoegtoepassing alleen over HTTPS (gekregen: ${url.protocol}//${url.host}).`);
  }
  if (url.username !== '' || url.password !== '') throw new ManifestError('Het adres van het taakvenster mag geen gebruikersnaam of wachtwoord bevatten.');
  if (url.search !== '' || url.hash !== '') throw new ManifestError('Het adres van het taakvenster mag geen ? of # bevatten: geef alleen de map waar de bestanden staan.');
  return `${url.origin}${url.pathname.replace(/\/+$/u, '')}`;
}

/** x.y.z (a pre-release or build suffix dropped) as Office's x.y.z.0. */
export function officeVersion(version: string): string {
  const match = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})(?:[-+].*)?$/u.exec(version);
  if (!match) throw new ManifestError(`Geen geldige versie in package.json: "${version}" (verwacht: x.y.z).`);
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/gu, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] ?? char);

/** The Office UI languages that get the English and French texts; every other one gets the Dutch default. */
const overrides = [
  { locale: 'en-US', texts: addinTexts.en },
  { locale: 'en-GB', texts: addinTexts.en },
  { locale: 'fr-FR', texts: addinTexts.fr },
  { locale: 'fr-BE', texts: addinTexts.fr },
];

type TextKey = 'displayName' | 'description' | 'groupLabel' | 'buttonLabel' | 'buttonTooltip';

/** `<element DefaultValue="nl">` with one override per other language; `id` for the resource strings. */
const localized = (element: string, key: TextKey, indent: string, id?: string) => {
  const override = element.startsWith('bt:') ? 'bt:Override' : 'Override';
  const lines = overrides.map(({ locale, texts }) => `${indent}  <${override} Locale="${locale}" Value="${escapeXml(texts[key])}"/>`);
  const open = `${indent}<${element}${id ? ` id="${id}"` : ''} DefaultValue="${escapeXml(addinTexts.nl[key])}">`;
  return [open, ...lines, `${indent}</${element}>`].join('\n');
};

/** Builds the manifest for a task pane served from `input.origin`. */
export function buildManifest(input: ManifestInput): AddinManifest {
  const base = taskpaneBase(input.origin);
  const version = officeVersion(input.version);
  const id = input.id ?? addinIdFor(base);
  if (!guidPattern.test(id)) throw new ManifestError(`Geen geldige id: "${id}" (verwacht: een GUID zoals 0f8fad5b-d9cb-469f-a165-70867728950e).`);
  const taskpaneUrl = `${base}/taskpane.html`;
  const iconUrls = Object.fromEntries(iconSizes.map((size) => [size, `${base}/icons/icon-${size}.png`])) as Record<IconSize, string>;
  const url = (value: string) => escapeXml(value);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Veilig Aanmelden, Outlook add-in: generated by npm run addin:manifest. Do not edit; generate again. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:mailappor="http://schemas.microsoft.com/office/mailappversionoverrides/1.0"
           xsi:type="MailApp">
  <Id>${id}</Id>
  <Version>${version}</Version>
  <ProviderName>Opgroeien / Kind en Gezin</ProviderName>
  <DefaultLocale>nl-NL</DefaultLocale>
${localized('DisplayName', 'displayName', '  ')}
${localized('Description', 'description', '  ')}
  <IconUrl DefaultValue="${url(iconUrls[64])}"/>
  <HighResolutionIconUrl DefaultValue="${url(iconUrls[128])}"/>
  <SupportUrl DefaultValue="${url(`${base}/`)}"/>
  <Hosts>
    <Host Name="Mailbox"/>
  </Hosts>
  <Requirements>
    <Sets>
      <Set Name="Mailbox" MinVersion="${minimumMailbox}"/>
    </Sets>
  </Requirements>
  <FormSettings>
    <Form xsi:type="ItemEdit">
      <DesktopSettings>
        <SourceLocation DefaultValue="${url(taskpaneUrl)}"/>
      </DesktopSettings>
    </Form>
  </FormSettings>
  <Permissions>${permission}</Permissions>
  <Rule xsi:type="ItemIs" ItemType="Message" FormType="Edit"/>
  <DisableEntityHighlighting>true</DisableEntityHighlighting>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides" xsi:type="VersionOverridesV1_0">
    <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1" xsi:type="VersionOverridesV1_1">
      <Requirements>
        <bt:Sets DefaultMinVersion="${minimumMailbox}">
          <bt:Set Name="Mailbox"/>
        </bt:Sets>
      </Requirements>
      <Hosts>
        <Host xsi:type="MailHost">
          <DesktopFormFactor>
            <ExtensionPoint xsi:type="MessageComposeCommandSurface">
              <OfficeTab id="TabDefault">
                <Group id="veiligAanmeldenGroup">
                  <Label resid="groupLabel"/>
                  <Control xsi:type="Button" id="veiligAanmeldenButton">
                    <Label resid="buttonLabel"/>
                    <Supertip>
                      <Title resid="buttonLabel"/>
                      <Description resid="buttonTooltip"/>
                    </Supertip>
                    <Icon>
                      <bt:Image size="16" resid="icon16"/>
                      <bt:Image size="32" resid="icon32"/>
                      <bt:Image size="80" resid="icon80"/>
                    </Icon>
                    <Action xsi:type="ShowTaskpane">
                      <SourceLocation resid="taskpaneUrl"/>
                    </Action>
                  </Control>
                </Group>
              </OfficeTab>
            </ExtensionPoint>
          </DesktopFormFactor>
        </Host>
      </Hosts>
      <Resources>
        <bt:Images>
${iconSizes.map((size) => `          <bt:Image id="icon${size}" DefaultValue="${url(iconUrls[size])}"/>`).join('\n')}
        </bt:Images>
        <bt:Urls>
          <bt:Url id="taskpaneUrl" DefaultValue="${url(taskpaneUrl)}"/>
        </bt:Urls>
        <bt:ShortStrings>
${localized('bt:String', 'groupLabel', '          ', 'groupLabel')}
${localized('bt:String', 'buttonLabel', '          ', 'buttonLabel')}
        </bt:ShortStrings>
        <bt:LongStrings>
${localized('bt:String', 'buttonTooltip', '          ', 'buttonTooltip')}
        </bt:LongStrings>
      </Resources>
    </VersionOverrides>
  </VersionOverrides>
</OfficeApp>
`;
  return { xml, id, base, taskpaneUrl, iconUrls };
}
