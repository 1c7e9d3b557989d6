/// <reference types="office-js" />
import * as z from 'zod/mini';
import {
  draftRequestSchema, type AdapterStep, type DraftRequestMessage, type DraftResult, type ReadBack, type ReadResult, type TabInfo,
} from '../lib/messages';
import { addinTexts, type OfficeFailureCode } from './texts';

/**
 * The draft in Outlook through Office.js (issue 22.3): the same answers as the extension's content script
 * (`DraftResult`, `ReadResult`, `ReadBack`, `TabInfo` of lib/messages.ts), so the panel's `verifyDraft` judges a draft
 * made here exactly as one made in a webmail page. The add-in works only in the mail it was opened in (ReadWriteItem):
 * it never opens, replaces or sends a mail. No React, no WXT, no `browser.*`; office.js itself is never referenced at
 * runtime (only its types), so the same code runs against the test fake.
 *
 * Every Office call goes through one queue per item: one call at a time (attaching hangs when several run at once,
 * office-js #3576; Outlook on the web refuses a fourth concurrent call).
 */

type Recipients = Pick<Office.Recipients, 'getAsync' | 'setAsync'>;

/** The part of `Office.MessageCompose` the add-in uses (Mailbox 1.8; `getComposeTypeAsync` is 1.10, absent before). */
export type OfficeComposeItem = {
  readonly to: Recipients;
  readonly cc: Recipients;
  readonly bcc: Recipients;
  readonly subject: Pick<Office.Subject, 'getAsync' | 'setAsync'>;
  readonly body: Pick<Office.Body, 'getAsync' | 'setAsync'>;
  addFileAttachmentFromBase64Async: Office.MessageCompose['addFileAttachmentFromBase64Async'];
  getAttachmentsAsync: Office.MessageCompose['getAttachmentsAsync'];
  getAttachmentContentAsync: Office.MessageCompose['getAttachmentContentAsync'];
  saveAsync: Office.MessageCompose['saveAsync'];
  getComposeTypeAsync?: Office.MessageCompose['getComposeTypeAsync'];
};

export type OfficeDraftOptions = {
  /** How long one Office call may take before it counts as hung (#3576, #5908). */
  callTimeoutMs?: number;
  /** Saves (with a look at the attachments after each) before an attachment still being committed is a failure. */
  commitTries?: number;
  /** Wait between those tries, and before retrying a call Outlook refused as one too many. */
  retryWaitMs?: number;
};

const defaults: Required<OfficeDraftOptions> = { callTimeoutMs: 20_000, commitTries: 3, retryWaitMs: 300 };

/** office.js's documented limit for `addFileAttachmentFromBase64Async`. */
export const maxBase64Chars = 34_865_152;

const addressSchema = z.array(z.object({ emailAddress: z.string() }));
const composeTypeSchema = z.object({ composeType: z.enum(['newMail', 'reply', 'forward']) });
const attachmentsSchema = z.array(
  z.object({ id: z.string(), name: z.string(), size: z.number(), attachmentType: z.string(), isInline: z.boolean() }),
);
const contentSchema = z.object({ content: z.string(), format: z.string() });
type AttachmentDetails = z.infer<typeof attachmentsSchema>[number];

/** A failed Office call: Outlook's error name (never its message, which may quote content), or our own timeout. */
export class OfficeCallError extends Error {
  constructor(readonly officeName: string) {
    super(officeName);
  }
}

const queues = new WeakMap<object, Promise<unknown>>();

/** Runs `work` after every earlier call on this item has ended: one Office call at a time. */
function serial<T>(item: object, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(item) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(item, next.catch(() => undefined));
  return next;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One Office call as a promise. The status is compared with the string office.js sets at runtime ("succeeded"; the
 * typings declare a numeric enum). Outlook's "too many calls" is retried twice after a short wait.
 */
export function officeCall<T>(
  item: object,
  options: Pick<Required<OfficeDraftOptions>, 'callTimeoutMs' | 'retryWaitMs'>,
  start: (callback: (result: Office.AsyncResult<T>) => void) => void,
): Promise<T> {
  const once = () =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new OfficeCallError('Timeout')), options.callTimeoutMs);
      try {
        start((result) => {
          clearTimeout(timer);
          if (String(result.status) === 'succeeded') resolve(result.value);
          else reject(new OfficeCallError(typeof result.error?.name === 'string' ? result.error.name : 'UnknownError'));
        });
      } catch {
        clearTimeout(timer);
        reject(new OfficeCallError('Exception'));
      }
    });
  return serial(item, async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once();
      } catch (error) {
        if (!(error instanceof OfficeCallError && error.officeName === 'TooManyIncompleteRequests' && attempt < 2)) throw error;
        await wait(options.retryWaitMs);
      }
    }
  });
}

/** Outlook's error names, mapped to what the panel tells the worker (addin/texts.ts). */
function failureCode(error: unknown): OfficeFailureCode {
  if (error instanceof StepFailure) return error.code;
  return error instanceof OfficeCallError ? failureCodeOfName(error.officeName) : 'error';
}

/** What an Outlook error name means for the worker (the texts of addin/texts.ts); the pilot names it alike. */
export function failureCodeOfName(name: string): OfficeFailureCode {
  switch (name) {
    case 'AttachmentSizeExceeded': return 'attachmentSize';
    case 'NumberOfAttachmentsExceeded': return 'attachmentCount';
    case 'FileTypeNotSupported': return 'fileType';
    case 'TooManyIncompleteRequests': return 'busy';
    case 'AttachmentUploadGeneralFailure': return 'attachFailed';
    case 'DataExceedsMaximumSize': return 'tooLong';
    case 'Timeout': return 'timeout';
    default: return 'error';
  }
}

class StepFailure extends Error {
  constructor(readonly code: OfficeFailureCode, readonly why: string) {
    super(code);
  }
}

/** The detail of a failed draft: `outlookAddin: <code>` and Outlook's error name; names only, never content. */
function detailOf(error: unknown): string {
  const code = failureCode(error);
  const why = error instanceof StepFailure ? error.why : error instanceof OfficeCallError ? error.officeName : 'unexpected error';
  return `outlookAddin: ${code} (${why})`;
}

/** Texts as compared: line breaks, spaces and invisible format characters differ between HTML and text bodies. */
const comparable = (text: string) => text.normalize('NFC').replace(/[\s\p{Cf}]+/gu, '');

/** The cover text (plain, no client data) as safe HTML: every character that means something in HTML escaped. */
export function coverHtml(text: string): string {
  const escape = (line: string) => line.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);
  return `<div>${text.split(/\r\n|\r|\n/u).map(escape).join('<br>')}</div>`;
}

type Snapshot = {
  composeType: 'newMail' | 'reply' | 'forward' | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  attachments: AttachmentDetails[];
};

const addresses = (list: z.infer<typeof addressSchema>) => list.map((entry) => entry.emailAddress.trim().toLowerCase()).filter((a) => a !== '');

async function snapshot(item: OfficeComposeItem, options: Required<OfficeDraftOptions>): Promise<Snapshot> {
  let composeType: Snapshot['composeType'] = null;
  const getComposeType = item.getComposeTypeAsync;
  if (typeof getComposeType === 'function') {
    const value = await officeCall<unknown>(item, options, (callback) => getComposeType.call(item, callback));
    const parsed = composeTypeSchema.safeParse(value);
    composeType = parsed.success ? parsed.data.composeType : null;
  }
  const recipients = async (field: Recipients) =>
    addresses(addressSchema.parse(await officeCall<Office.EmailAddressDetails[]>(item, options, (callback) => field.getAsync(callback))));
  const to = await recipients(item.to);
  const cc = await recipients(item.cc);
  const bcc = await recipients(item.bcc);
  const subject = z.string().parse(await officeCall<string>(item, options, (callback) => item.subject.getAsync(callback)));
  const body = z.string().parse(await officeCall<string>(item, options, (callback) => item.body.getAsync('text', callback)));
  const attachments = attachmentsSchema.parse(await officeCall<Office.AttachmentDetailsCompose[]>(item, options, (callback) => item.getAttachmentsAsync(callback)));
  return { composeType, to, cc, bcc, subject, body, attachments };
}

const untouched = (mail: Snapshot) =>
  mail.to.length + mail.cc.length + mail.bcc.length + mail.attachments.length === 0 && mail.subject.trim() === '' && mail.body.trim() === '';

/** Our file as attached by us: a file attachment, not inline, with exactly our name. */
const isOurs = (attachment: AttachmentDetails, fileName: string) =>
  attachment.name === fileName && attachment.attachmentType === 'file' && !attachment.isInline;

/**
 * A mail holding only what an earlier "Maak concept" of this same request put there (a retry after a failure): each
 * field empty or exactly ours, no other attachment. Only then may the retry go on in it.
 */
function onlyOurs(mail: Snapshot, request: DraftRequestMessage): boolean {
  const to = mail.to.length === 0 || (mail.to.length === 1 && mail.to[0] === request.to.toLowerCase());
  const subject = mail.subject.trim() === '' || mail.subject === request.subject;
  const body = mail.body.trim() === '' || comparable(mail.body) === comparable(request.body);
  const attachments = mail.attachments.every((attachment) => request.fileName !== undefined && isOurs(attachment, request.fileName));
  return to && subject && body && attachments && mail.cc.length + mail.bcc.length === 0;
}

/** What describeOfficeItem tells the panel about the mail the task pane is open in. */
export type OfficeItemInfo = {
  /** As the content script describes its tab: Outlook, composing (the adapter id stays 'outlook': see below). */
  tab: TabInfo;
  /** From `getComposeTypeAsync` (Mailbox 1.10); null where the host has no such call. */
  composeType: Snapshot['composeType'];
  /** No recipients, subject, body text or attachments. */
  untouched: boolean;
  /** "Maak concept" may run here: a new mail (or one of unknown type) that is untouched. */
  ready: boolean;
};

/**
 * Describes the mail the task pane is open in. The adapter id is the extension's 'outlook' (the same Exchange mailbox;
 * the add-in's attach is one documented call, so it reports no attach tiers); `origin` is where the worker's Outlook
 * runs as the shell knows it (https://outlook.office.com unless told).
 */
export async function describeOfficeItem(item: OfficeComposeItem, origin = 'https://outlook.office.com', options: OfficeDraftOptions = {}): Promise<OfficeItemInfo> {
  const mail = await snapshot(item, { ...defaults, ...options });
  const isUntouched = untouched(mail);
  return {
    tab: { adapter: 'outlook', name: addinTexts.nl.hostName, origin, compose: true },
    composeType: mail.composeType,
    untouched: isUntouched,
    ready: isUntouched && (mail.composeType === null || mail.composeType === 'newMail'),
  };
}

/** What readOfficeDraft knows of the file it looks for: an attachment with our name but not this is not ours. */
export type ExpectedFile = { fileName: string; size: number; zipBase64?: string };

/**
 * The names the read-back reports: our file by its name; any attachment with our name that is not a file attachment
 * of the expected size, or inline, under a marked name, so the panel's check never takes it for ours. The content is
 * compared where Outlook gives it as base64 (best effort: new Outlook returned text labelled base64, office-js #5725).
 */
async function attachmentNames(item: OfficeComposeItem, list: AttachmentDetails[], expected: ExpectedFile | null, options: Required<OfficeDraftOptions>): Promise<string[]> {
  const names: string[] = [];
  for (const attachment of list) {
    if (expected === null || attachment.name !== expected.fileName) names.push(attachment.name);
    else if (attachment.isInline) names.push(`[inline] ${attachment.name}`);
    else if (attachment.attachmentType !== 'file') names.push(`[${attachment.attachmentType}] ${attachment.name}`);
    else if (attachment.size !== expected.size) names.push(`[${attachment.size} bytes, expected ${expected.size}] ${attachment.name}`);
    else if (expected.zipBase64 !== undefined && (await contentDiffers(item, attachment.id, expected.zipBase64, options))) names.push(`[other content] ${attachment.name}`);
    else names.push(attachment.name);
  }
  return names;
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/u;

/** True only when Outlook gives real base64 content that is not ours; unreadable or quirky content proves nothing. */
async function contentDiffers(item: OfficeComposeItem, id: string, zipBase64: string, options: Required<OfficeDraftOptions>): Promise<boolean> {
  try {
    const content = contentSchema.parse(await officeCall<Office.AttachmentContent>(item, options, (callback) => item.getAttachmentContentAsync(id, callback)));
    const text = content.content.replace(/\s+/gu, '');
    if (content.format !== 'base64' || text.length % 4 !== 0 || !base64Pattern.test(text)) return false;
    return text !== zipBase64;
  } catch {
    return false;
  }
}

async function readBack(item: OfficeComposeItem, expected: ExpectedFile | null, options: Required<OfficeDraftOptions>): Promise<ReadBack> {
  const mail = await snapshot(item, options);
  return {
    to: mail.to,
    cc: mail.cc,
    bcc: mail.bcc,
    subject: mail.subject,
    body: mail.body,
    attachments: await attachmentNames(item, mail.attachments, expected, options),
    // ReadWriteItem cannot change the sender, and the add-in never does: '' as in a webmail that shows no choice of
    // sender. Outlook's compose has no Reply-To or Followup-To the add-in could set (nor a page script could).
    from: '',
    replyTo: [],
    followupTo: [],
  };
}

/** Reads the mail back as the panel checks it: To, Cc, Bcc, subject, body text, attachments (file, not inline, size). */
export async function readOfficeDraft(item: OfficeComposeItem, expected: ExpectedFile | null = null, options: OfficeDraftOptions = {}): Promise<ReadResult> {
  try {
    return { ok: true, draft: await readBack(item, expected, { ...defaults, ...options }) };
  } catch (error) {
    return { ok: false, detail: detailOf(error) };
  }
}

/** Attachment ids each item gave us for a file name: a queued attachment Outlook does not list yet is still ours. */
const attachedIds = new WeakMap<object, Map<string, string>>();

/** Base64 length → file size (no whitespace in ours: the request's schema refuses it). */
const decodedSize = (base64: string) => (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

/**
 * "Maak concept" in Outlook: only in a new, untouched mail (or one holding only what an earlier try of this same
 * request put there); then the body first (setting it after attaching can make new Outlook upload the attachments
 * again, office-js #6792), To (the mailbox only), subject, the zip from base64 unless it is there already (listed, or
 * queued by an earlier try), the save that commits it, and the read-back. Never throws; a failure names its step and
 * an `outlookAddin: <code>` detail (addin/texts.ts turns it into Dutch).
 */
export async function makeOfficeDraft(item: OfficeComposeItem, request: DraftRequestMessage, options: OfficeDraftOptions = {}): Promise<DraftResult> {
  const settings = { ...defaults, ...options };
  const completed: AdapterStep[] = [];
  let step: AdapterStep = 'openCompose';
  const fail = async (error: unknown): Promise<DraftResult> => {
    let draft: ReadBack | null = null;
    // What the mail holds despite the failure; not after a hung call (each look would wait out its own timeout).
    if (failureCode(error) !== 'timeout') {
      try {
        draft = await readBack(item, null, settings);
      } catch {
        draft = null;
      }
    }
    return { status: 'failed', failedStep: step, completed, detail: detailOf(error), tiers: [], draft, displaced: null };
  };
  const parsed = draftRequestSchema.safeParse(request);
  if (!parsed.success) return fail(new StepFailure('badRequest', 'request'));
  const { to, subject, body, fileName, zipBase64 } = parsed.data;
  try {
    const mail = await snapshot(item, settings);
    if (mail.composeType !== null && mail.composeType !== 'newMail') throw new StepFailure('notNew', mail.composeType);
    if (!untouched(mail) && !onlyOurs(mail, parsed.data)) throw new StepFailure('notEmpty', 'fields');
    completed.push(step);

    step = 'body';
    if (comparable(mail.body) !== comparable(body)) {
      await officeCall<unknown>(item, settings, (callback) => item.body.setAsync(coverHtml(body), { coercionType: 'html' }, callback));
    }
    completed.push(step);

    step = 'recipient';
    await officeCall<unknown>(item, settings, (callback) => item.to.setAsync([to], callback));
    completed.push(step);

    step = 'subject';
    await officeCall<unknown>(item, settings, (callback) => item.subject.setAsync(subject, callback));
    completed.push(step);

    const expected = fileName !== undefined && zipBase64 !== undefined ? { fileName, size: decodedSize(zipBase64), zipBase64 } : null;
    if (expected) {
      step = 'attach';
      if (zipBase64 !== undefined && zipBase64.length > maxBase64Chars) throw new StepFailure('attachmentSize', 'base64 limit');
      const ids = attachedIds.get(item) ?? new Map<string, string>();
      attachedIds.set(item, ids);
      const listed = () => officeCall<Office.AttachmentDetailsCompose[]>(item, settings, (callback) => item.getAttachmentsAsync(callback)).then((list) => attachmentsSchema.parse(list));
      // Listed already (the look before the fill), or queued by an earlier try of this request: never a second copy.
      if (!mail.attachments.some((attachment) => isOurs(attachment, expected.fileName)) && !ids.has(expected.fileName)) {
        const id = await officeCall<string>(item, settings, (callback) =>
          item.addFileAttachmentFromBase64Async(expected.zipBase64, expected.fileName, { isInline: false }, callback),
        );
        ids.set(expected.fileName, id);
      }
      // The attachment is queued, not committed, until a save (PostGuard's notes): save, look, and again while it is
      // still being committed.
      let found = false;
      for (let attempt = 0; attempt < settings.commitTries && !found; attempt++) {
        if (attempt > 0) await wait(settings.retryWaitMs);
        await officeCall<string>(item, settings, (callback) => item.saveAsync(callback));
        found = (await listed()).some((attachment) => isOurs(attachment, expected.fileName));
      }
      if (!found) throw new StepFailure('attachmentPending', 'not listed after save');
      completed.push(step);
    }

    step = 'read';
    // A notice carries no file: its save is part of reading it back.
    if (!expected) await officeCall<string>(item, settings, (callback) => item.saveAsync(callback));
    return { status: 'filled', draft: await readBack(item, expected, settings), tiers: [], displaced: null };
  } catch (error) {
    return fail(error);
  }
}
