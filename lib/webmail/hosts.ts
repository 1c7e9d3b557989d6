/** Outlook on the web: its content script runs there without asking. */
export const outlookMatches = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
] as const;

/** Gmail: its content script runs there without asking. */
export const gmailMatches = ['https://mail.google.com/*'] as const;

/** The webmails the extension runs on without asking: Outlook on the web and Gmail. Roundcube hosts are granted at run time. */
export const webmailMatches = [...outlookMatches, ...gmailMatches] as const;

/** The origins of Outlook on the web and Gmail ("https://mail.google.com"): tabs there are webmail without asking. */
export const webmailOrigins: readonly string[] = webmailMatches.map((pattern) => new URL(pattern).origin);

/** What a Roundcube address may be: any https host, or plain http on this machine only (tests, local installs). */
export const roundcubeHostPatterns = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'] as const;

/** Roundcube composes on a page of its own, reached by this query. */
export const roundcubeComposeQuery = '?_task=mail&_action=compose';

/** The origin of a Roundcube address the user typed ("webmail.example.be/roundcube" → "https://webmail.example.be"), or null. */
export function roundcubeOrigin(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  try {
    const url = new URL(/^[a-z]+:\/\//iu.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    // Plain http only on this machine: a webmail elsewhere must use https.
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    if (url.protocol === 'http:' && !loopback) return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * The match pattern for a Roundcube origin: its scheme and host, any port. Firefox match patterns cannot name a
 * port (it refuses "http://127.0.0.1:8089/*"); Chrome accepts both. So a grant covers every port of that host.
 */
export function roundcubeMatchPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * The match pattern the Roundcube content script is registered for. Where the browser takes a port in a match pattern
 * (Chrome, Edge) exactly that origin, its default port written out: Chrome reads a pattern without a port as any
 * port. Firefox refuses a port there, so its script runs on every port of the host, and the background's origin
 * check (lib/background/origins.ts) is what keeps the other ports out.
 */
export function roundcubeScriptPattern(origin: string, portInPattern: boolean): string {
  if (!portInPattern) return roundcubeMatchPattern(origin);
  const url = new URL(origin);
  const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
  return `${url.protocol}//${url.hostname}:${port}/*`;
}

/** The origin (scheme, host and port) of an address, or null: no address, not one, or an opaque origin (about:blank, data:). */
export function originOf(address: string | undefined): string | null {
  if (address === undefined || address === '') return null;
  try {
    const { origin, protocol } = new URL(address);
    return origin !== 'null' && (protocol === 'https:' || protocol === 'http:') ? origin : null;
  } catch {
    return null;
  }
}
