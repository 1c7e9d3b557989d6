import { t, type Locale } from '../i18n';
import { firefoxExtensionId, firefoxPolicies, isChromeExtensionId } from './policy-maker';

/**
 * Installing the extension itself for a whole team (issue 21.12), made by "Voor IT" beside the recipients' policy:
 * Chrome's and Edge's `ExtensionSettings` (force-installed, from the store or a self-hosted update URL) as a JSON
 * file for Linux and a macOS configuration profile, and as a .reg file for Windows; the same entry as one line of
 * `ExtensionInstallForcelist` for GPO or Intune; Firefox's `ExtensionSettings` with an `install_url`, in the same
 * policies.json as the recipients (Firefox reads one file).
 */
export const chromeWebStoreUpdateUrl = 'https://clients2.google.com/service/update2/crx';
export const edgeAddonsUpdateUrl = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';

export type InstallInput = {
  /** The id the Chrome Web Store gave (or the self-hosted .crx's). */
  chromeId: string;
  /** The id Edge Add-ons gave: another one than Chrome's when the extension is published in both stores. */
  edgeId: string;
  /** A self-hosted update manifest (https); empty for each browser's own store. */
  updateUrl: string;
  /** Where Firefox fetches the signed .xpi (https): Mozilla's add-ons site or the organisation's server; empty for no install. */
  firefoxInstallUrl: string;
};

export type InstallField = keyof InstallInput;
export type InstallProblem = { field: InstallField; message: string };
export type InstallPlan = { chromeId: string; edgeId: string; chromeUpdateUrl: string; edgeUpdateUrl: string; firefoxInstallUrl: string | null };

/** An https address, or null. */
function httpsUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' ? url.href : null;
  } catch {
    return null;
  }
}

/** Checks what IT typed; every message quotes the value it refuses. */
export function checkInstallInput(input: InstallInput, locale: Locale = 'nl'): { ok: true; plan: InstallPlan } | { ok: false; problems: InstallProblem[] } {
  const problems: InstallProblem[] = [];
  const value = { chromeId: input.chromeId.trim(), edgeId: input.edgeId.trim(), updateUrl: input.updateUrl.trim(), firefoxInstallUrl: input.firefoxInstallUrl.trim() };
  for (const field of ['chromeId', 'edgeId'] as const) {
    if (!isChromeExtensionId(value[field])) problems.push({ field, message: t('it_badId', [value[field]], locale) });
  }
  const updateUrl = value.updateUrl === '' ? null : httpsUrl(value.updateUrl);
  if (value.updateUrl !== '' && !updateUrl) problems.push({ field: 'updateUrl', message: t('it_badUrl', [value.updateUrl], locale) });
  const firefoxInstallUrl = value.firefoxInstallUrl === '' ? null : httpsUrl(value.firefoxInstallUrl);
  if (value.firefoxInstallUrl !== '' && !firefoxInstallUrl) problems.push({ field: 'firefoxInstallUrl', message: t('it_badUrl', [value.firefoxInstallUrl], locale) });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      chromeId: value.chromeId,
      edgeId: value.edgeId,
      chromeUpdateUrl: updateUrl ?? chromeWebStoreUpdateUrl,
      edgeUpdateUrl: updateUrl ?? edgeAddonsUpdateUrl,
      firefoxInstallUrl,
    },
  };
}

type Browser = 'chrome' | 'edge';
const idOf = (plan: InstallPlan, browserName: Browser) => (browserName === 'chrome' ? plan.chromeId : plan.edgeId);
const urlOf = (plan: InstallPlan, browserName: Browser) => (browserName === 'chrome' ? plan.chromeUpdateUrl : plan.edgeUpdateUrl);

/** `ExtensionSettings` for one browser: this extension force-installed from its update URL. */
export function extensionSettings(plan: InstallPlan, browserName: Browser): Record<string, { installation_mode: 'force_installed'; update_url: string }> {
  return { [idOf(plan, browserName)]: { installation_mode: 'force_installed', update_url: urlOf(plan, browserName) } };
}

/**
 * Linux (`/etc/opt/chrome/policies/managed/`, `/etc/chromium/policies/managed/`, `/etc/opt/edge/policies/managed/`)
 * and the macOS configuration profile (domain com.google.Chrome or com.microsoft.Edge): `ExtensionSettings`.
 */
export function installPolicyJson(plan: InstallPlan, browserName: Browser): string {
  return `${JSON.stringify({ ExtensionSettings: extensionSettings(plan, browserName) }, null, 2)}\n`;
}

/** One line of `ExtensionInstallForcelist`, for a GPO or Intune profile that already lists other extensions. */
export function forcelistEntry(plan: InstallPlan, browserName: Browser): string {
  return `${idOf(plan, browserName)};${urlOf(plan, browserName)}`;
}

const regString = (value: string) => `"${value.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"')}"`;

/** Windows: `ExtensionSettings` as a JSON string value (UTF-16LE with regFileBytes). */
export function installReg(plan: InstallPlan, browserName: Browser): string {
  const root = browserName === 'chrome' ? 'SOFTWARE\\Policies\\Google\\Chrome' : 'SOFTWARE\\Policies\\Microsoft\\Edge';
  return ['Windows Registry Editor Version 5.00', '', `[HKEY_LOCAL_MACHINE\\${root}]`, `"ExtensionSettings"=${regString(JSON.stringify(extensionSettings(plan, browserName)))}`, ''].join('\r\n');
}

/** Firefox's policies.json with only the install (no recipients' policy made). */
export function firefoxInstallPolicies(plan: InstallPlan, extensionId: string = firefoxExtensionId): string | null {
  return plan.firefoxInstallUrl ? firefoxPolicies({}, extensionId, plan.firefoxInstallUrl) : null;
}
