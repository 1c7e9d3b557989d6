import * as z from 'zod/mini';
import { tabLimits, tabPatterns } from './message-rules';
import { formStateSchema } from './session/form-schema';

/**
 * Every message between the side panel, the background, the content script and the options page: the only place a
 * message shape is declared. Every other type is `z.infer` of these. One name per action across every hop: what
 * the panel sends as `draft.make` (with the tab it concerns) reaches the content script as `draft.make`.
 *
 * What crosses into the webmail tab is never personal: the recipient's mailbox, the subject and cover text (which
 * carry only the reference code) and the zip as ciphertext. Plaintext client data stays in the side panel.
 */
export const adapterStepSchema = z.enum(['detect', 'openCompose', 'recipient', 'subject', 'body', 'attach', 'read']);
export const adapterIdSchema = z.enum(['outlook', 'gmail', 'roundcube']);
/** The ways of handing the zip to a webmail, tried in each adapter's order (RULES §8). */
export const attachTierSchema = z.enum(['input', 'drop', 'paste']);

/**
 * Everything the compose form shows after the fill, read back from the page: the panel accepts the draft only when
 * To is exactly the mailbox, Cc and Bcc are empty, the one attachment is our zip and the texts carry no client data.
 */
export const readBackSchema = z.object({
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  /** The names the compose shows for its finished uploads (possibly shortened by the webmail). */
  attachments: z.array(z.string()),
  /**
   * Every other header that routes mail (issue 20.1): the sending identity's address as the compose shows it (lowercased;
   * '' where the webmail shows no choice of sender), and Reply-To and Followup-To (Roundcube's Mail-Followup-To),
   * empty where the webmail's compose has no such field. A draft whose answers would go elsewhere is never "klaar".
   */
  from: z.string(),
  replyTo: z.array(z.string()),
  followupTo: z.array(z.string()),
});
/**
 * What went wrong in an adapter's step, as data (issue 23.5): which adapter, the element or thing concerned (`what`, an
 * adapter's English name that lib/webmail/names.ts translates; '' where the problem names none) and the kind of
 * problem. The panel and the options page say it in the user's language from this, never from the English `detail`
 * beside it (which is for developers and logs).
 */
export const adapterProblemSchema = z.enum([
  'notFound', 'timeout', 'notShown', 'cancelled', 'late', 'noTier', 'noTierInTime', 'readBackDiffers', 'noCompose', 'notSaved', 'unexpected',
]);
export const adapterFailureSchema = z.object({ adapter: adapterIdSchema, what: z.string().check(z.maxLength(100)), problem: adapterProblemSchema });
/**
 * Absent where the detail comes from elsewhere (the Outlook add-in's Office errors) or from an earlier version. On an
 * attach tier that worked it can say only that the file showed late ('late').
 */
const failureField = z.optional(adapterFailureSchema);

/** Which attach tiers were tried, in order, and whether each attached the file: no content, for the reports. */
export const tierReportSchema = z.array(z.object({ tier: attachTierSchema, ok: z.boolean(), detail: z.string(), failure: failureField }));

export const draftRequestSchema = z
  .object({
    to: z.email({ pattern: tabPatterns.email }),
    subject: z.string().check(z.maxLength(tabLimits.subject)),
    body: z.string().check(z.maxLength(tabLimits.body)),
    /** The encrypted zip and its name; both absent for a withdrawal notice, which carries no file. */
    fileName: z.optional(z.string().check(z.regex(tabPatterns.zipName))),
    /** Base64: extension messaging carries JSON, not bytes. */
    zipBase64: z.optional(z.string().check(z.maxLength(tabLimits.zipBase64), z.regex(tabPatterns.base64))),
    /** The webmail just opened this compose page for us (Roundcube): an empty one with only a signature is ours. */
    afterNavigation: z.optional(z.boolean()),
  })
  .check(z.refine((request) => (request.fileName === undefined) === (request.zipBase64 === undefined), 'file name and zip go together'));

/**
 * What became of the compose the webmail showed when the draft needed a new one (issue 21.10): no content, only what it
 * was (an answer, a forward, any other mail in progress), whether it held an earlier referral's zip
 * (`aanmelding-KG-….zip`), and where it is now: 'draft' in the webmail's Drafts (saved first, or saved already),
 * 'kept' still open in the webmail as it was (beside the new compose, or nothing was replaced), 'unknown' closed by
 * the webmail without a save we could see. Absent or null: nothing of anyone's was on screen.
 */
export const displacedSchema = z.object({
  kind: z.enum(['reply', 'forward', 'draft']),
  savedAs: z.enum(['draft', 'kept', 'unknown']),
  heldOurZip: z.boolean(),
});
const displacedField = z.optional(z.nullable(displacedSchema));

export const draftResultSchema = z.discriminatedUnion('status', [
  // Filled and read back; the panel decides whether it is exactly right.
  z.object({ status: z.literal('filled'), draft: readBackSchema, tiers: tierReportSchema, displaced: displacedField }),
  // The webmail composes on a page of its own (Roundcube): the content script goes there; ask again once it is ready.
  // What it left behind travels here: the answer on the new page cannot know it.
  z.object({ status: z.literal('navigating'), url: z.string(), displaced: displacedField }),
  z.object({
    status: z.literal('failed'),
    failedStep: adapterStepSchema,
    completed: z.array(adapterStepSchema),
    detail: z.string(),
    failure: failureField,
    tiers: tierReportSchema,
    /** What the compose holds despite the failure (null when there is no compose). */
    draft: z.nullable(readBackSchema),
    displaced: displacedField,
  }),
]);

export const readResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), draft: readBackSchema }),
  z.object({ ok: z.literal(false), detail: z.string(), failure: failureField }),
]);

export const selfCheckItemSchema = z.object({ step: z.union([adapterStepSchema, z.literal('button')]), what: z.string(), found: z.boolean() });
export const selfCheckSchema = z.object({ adapter: z.nullable(z.string()), url: z.string(), items: z.array(selfCheckItemSchema) });

/**
 * The pilot check (options page): the whole chain run with a harmless test file to the worker's own address, step by
 * step and tier by tier, as text for IT. Names of steps and tiers only: no page content.
 */
export const pilotReportSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('done'),
    adapter: adapterIdSchema,
    origin: z.string(),
    steps: z.array(z.object({ step: adapterStepSchema, ok: z.boolean(), detail: z.string(), failure: failureField })),
    tiers: tierReportSchema,
  }),
  z.object({ status: z.literal('navigating'), url: z.string() }),
]);

/** What the content script tells the panel about its tab: which webmail, at which origin (never a path). */
export const tabInfoSchema = z.object({ adapter: adapterIdSchema, name: z.string(), origin: z.string(), compose: z.boolean() });

const tabId = z.int().check(z.nonnegative());

/** Background → content script of one webmail tab (frame 0). */
export const tabMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('draft.make'), request: draftRequestSchema }),
  z.object({ type: z.literal('draft.read') }),
  z.object({ type: z.literal('tab.describe') }),
  z.object({ type: z.literal('selfCheck.run') }),
  z.object({ type: z.literal('pilot.run'), to: z.email({ pattern: tabPatterns.email }), afterNavigation: z.optional(z.boolean()) }),
]);

/** Side panel → background. The tab-bound ones name the webmail tab; the background passes them on without `tabId`. */
export const panelMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('draft.make'), tabId, request: draftRequestSchema }),
  z.object({ type: z.literal('draft.read'), tabId }),
  z.object({ type: z.literal('tab.describe'), tabId }),
  // The open form lives in the background's storage.session (memory only); the background checks its shape.
  z.object({ type: z.literal('form.save'), form: z.unknown() }),
  z.object({ type: z.literal('form.load') }),
  z.object({ type: z.literal('form.clear') }),
]);

/** Content script → background: the in-page button asks for the panel, announces its page, asks its language. */
export const pageMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('panel.open') }),
  // The content script is ready on a (new) page of its tab: an open panel asks it again which webmail this is.
  z.object({ type: z.literal('tab.ready') }),
  // The content script asks which language its button speaks: settings live where it cannot read them (issue 13.5).
  z.object({ type: z.literal('page.hello') }),
]);

/** Options page → background. */
export const optionsMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('roundcube.sync') }),
  z.object({ type: z.literal('selfCheck.run'), tabId }),
  z.object({ type: z.literal('pilot.run'), tabId, to: z.email({ pattern: tabPatterns.email }), afterNavigation: z.optional(z.boolean()) }),
]);

/** Background → every extension page (runtime.sendMessage never reaches content scripts). */
export const broadcastSchema = z.discriminatedUnion('type', [
  // The 30-minute idle wipe fired: an open panel clears its fields too.
  z.object({ type: z.literal('form.expired') }),
  z.object({ type: z.literal('tab.ready'), tabId }),
]);

/**
 * The protocol table (issue 23.2): each request with the schema of its answer, so a request and its answer are
 * declared once. The content script's handlers answer with these types (lib/content/handlers.ts), the panel's and the
 * options page's client parse the answers with these schemas (lib/panel/client.ts). A message type without its answer
 * here, or an answer for no message type, fails typecheck.
 */
type AnswerTable<Type extends string> = { readonly [K in Type]: z.core.$ZodType };
/** The background's "done" for what has no answer of its own (a save, a clear, a sync). */
const doneSchema = z.literal(true);

export const tabAnswerSchemas = {
  'draft.make': draftResultSchema,
  'draft.read': readResultSchema,
  'tab.describe': tabInfoSchema,
  'selfCheck.run': selfCheckSchema,
  'pilot.run': pilotReportSchema,
} as const satisfies AnswerTable<TabMessage['type']>;

/** The tab-bound ones are the tab's own answers, passed on by the background. */
export const panelAnswerSchemas = {
  'draft.make': tabAnswerSchemas['draft.make'],
  'draft.read': tabAnswerSchemas['draft.read'],
  'tab.describe': tabAnswerSchemas['tab.describe'],
  'form.save': doneSchema,
  'form.load': formStateSchema.nullable(),
  'form.clear': doneSchema,
} as const satisfies AnswerTable<PanelMessage['type']>;

export const optionsAnswerSchemas = {
  'roundcube.sync': doneSchema,
  'selfCheck.run': tabAnswerSchemas['selfCheck.run'],
  'pilot.run': tabAnswerSchemas['pilot.run'],
} as const satisfies AnswerTable<OptionsMessage['type']>;

type AnswerOf<Table, K extends keyof Table> = Table[K] extends z.core.$ZodType ? z.infer<Table[K]> : never;
export type TabAnswer<K extends TabMessage['type']> = AnswerOf<typeof tabAnswerSchemas, K>;
export type PanelAnswer<K extends PanelMessage['type']> = AnswerOf<typeof panelAnswerSchemas, K>;
export type OptionsAnswer<K extends OptionsMessage['type']> = AnswerOf<typeof optionsAnswerSchemas, K>;

/**
 * What a listener sends in place of an answer it could not give (lib/messaging/answer.ts): nobody of ours listens in
 * that tab ('noReceiver', said by the background) or the receiver's handler failed ('failed'). Never the error itself.
 */
export const unansweredSchema = z.object({ unanswered: z.enum(['noReceiver', 'failed']) });

export type AdapterStep = z.infer<typeof adapterStepSchema>;
export type AdapterId = z.infer<typeof adapterIdSchema>;
export type ReadBack = z.infer<typeof readBackSchema>;
export type AttachTierId = z.infer<typeof attachTierSchema>;
export type TierReport = z.infer<typeof tierReportSchema>;
export type AdapterProblem = z.infer<typeof adapterProblemSchema>;
export type AdapterFailure = z.infer<typeof adapterFailureSchema>;
export type DraftRequestMessage = z.infer<typeof draftRequestSchema>;
export type DraftResult = z.infer<typeof draftResultSchema>;
export type Displaced = z.infer<typeof displacedSchema>;
export type ReadResult = z.infer<typeof readResultSchema>;
export type SelfCheckItem = z.infer<typeof selfCheckItemSchema>;
export type SelfCheckReport = z.infer<typeof selfCheckSchema>;
export type TabInfo = z.infer<typeof tabInfoSchema>;
export type PilotReport = z.infer<typeof pilotReportSchema>;
export type TabMessage = z.infer<typeof tabMessageSchema>;
export type PanelMessage = z.infer<typeof panelMessageSchema>;
export type PageMessage = z.infer<typeof pageMessageSchema>;
export type OptionsMessage = z.infer<typeof optionsMessageSchema>;
export type BroadcastMessage = z.infer<typeof broadcastSchema>;

// Base64 of bytes, and back: in a module of its own, so the content script can take it without zod.
export { fromBase64, toBase64 } from './base64';
