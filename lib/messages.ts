import * as z from 'zod/mini';

/**
 * Every message between the panel, the background and the content script. Receivers parse with these schemas
 * and drop what does not fit; senders build with `satisfies`. zod/mini keeps the content script small.
 *
 * What crosses into the webmail tab is never personal: the recipient's mailbox, the subject and cover text
 * (which carry only the reference code) and the zip as ciphertext. Plaintext client data stays in the panel.
 */
const step = z.enum(['detect', 'openCompose', 'recipient', 'subject', 'body', 'attach', 'read']);
const draftText = z.object({ subject: z.string(), body: z.string() });

export const draftRequestSchema = z
  .object({
    to: z.email(),
    subject: z.string().check(z.maxLength(200)),
    body: z.string().check(z.maxLength(20_000)),
    /** The encrypted zip and its name; both absent for a withdrawal notice, which carries no file. */
    fileName: z.optional(z.string().check(z.regex(/^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u))),
    /** Base64: extension messaging carries JSON, not bytes. */
    zipBase64: z.optional(z.string().check(z.maxLength(2_000_000), z.regex(/^[A-Za-z0-9+/]*={0,2}$/u))),
  })
  .check(z.refine((request) => (request.fileName === undefined) === (request.zipBase64 === undefined), 'file name and zip go together'));

export const draftResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), draft: draftText }),
  z.object({ ok: z.literal(false), failedStep: step, completed: z.array(step), detail: z.string() }),
]);

export const selfCheckSchema = z.object({
  adapter: z.nullable(z.string()),
  url: z.string(),
  items: z.array(z.object({ step: z.union([step, z.literal('button')]), what: z.string(), found: z.boolean() })),
});

/** Panel (extension page in the webmail tab) → background, which forwards to that tab's content script. */
export const panelMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('draft.make'), request: draftRequestSchema }),
  z.object({ type: z.literal('draft.read') }),
  z.object({ type: z.literal('panel.close') }),
  // The open form's state lives in the background's storage.session: a panel framed in a web page gets only the
  // content-script APIs in Firefox (no storage.session, no alarms). The background checks the form's shape.
  z.object({ type: z.literal('form.save'), form: z.unknown() }),
  z.object({ type: z.literal('form.load') }),
  z.object({ type: z.literal('form.clear') }),
]);

/** Messages a panel may send that concern its webmail tab, not only itself. */
export const tabBoundPanelMessages = ['draft.make', 'draft.read', 'panel.close'] as const;

/** Background → content script. */
export const tabMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tab.makeDraft'), request: draftRequestSchema }),
  z.object({ type: z.literal('tab.readDraft') }),
  z.object({ type: z.literal('tab.closePanel') }),
  z.object({ type: z.literal('tab.selfCheck') }),
]);

/** Content script, options page → background. */
export const backgroundMessageSchema = z.discriminatedUnion('type', [
  // Roundcube composes on its own page: remember to open the panel once the compose page has loaded.
  z.object({ type: z.literal('panel.openAfterNavigation') }),
  z.object({ type: z.literal('panel.shouldOpen') }),
  z.object({ type: z.literal('roundcube.sync') }),
  z.object({ type: z.literal('selfCheck.run'), tabId: z.number() }),
]);

export const readResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), draft: draftText }),
  z.object({ ok: z.literal(false), detail: z.string() }),
]);

export type DraftRequestMessage = z.infer<typeof draftRequestSchema>;
export type DraftResultMessage = z.infer<typeof draftResultSchema>;
export type PanelMessage = z.infer<typeof panelMessageSchema>;
export type TabMessage = z.infer<typeof tabMessageSchema>;
export type BackgroundMessage = z.infer<typeof backgroundMessageSchema>;
export type ReadResult = z.infer<typeof readResultSchema>;
export type SelfCheckReport = z.infer<typeof selfCheckSchema>;

/** Base64 of bytes, and back: chunked so large zips do not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
