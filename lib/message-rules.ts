/**
 * The limits and patterns of what the background may ask of a webmail tab, in a module without zod: lib/messages.ts
 * builds `tabMessageSchema` from them, and the content script's guard (lib/content/guard.ts) checks the same rules by
 * hand, so zod stays out of the webmail page. Change a rule here and both follow.
 */
export const tabLimits = {
  subject: 200,
  body: 20_000,
  /** Base64 of the encrypted zip: extension messaging carries JSON, not bytes. */
  zipBase64: 2_000_000,
} as const;

export const tabPatterns = {
  /** zod 4's e-mail pattern (`z.regexes.email` but for its escaped hyphens; what z.email() applies); test/content/guard.test.ts holds it to zod's. */
  email: /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/u,
  /** The encrypted zip's name: the reference code, nothing of the client. */
  zipName: /^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u,
  base64: /^[A-Za-z0-9+/]*={0,2}$/u,
} as const;
