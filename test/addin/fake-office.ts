/// <reference types="office-js" />
/**
 * A typed fake of `Office.context.mailbox.item` in compose mode (a new mail, a reply or a forward), for the add-in's tests.
 * No Outlook emulator exists; this models what Microsoft documents and what the office-js issue threads report
 * (Microsoft's Office.js reference and the office-js issue tracker; docs/OUTLOOK-ADDIN.md has the route):
 * - every callback comes asynchronously, with an `AsyncResult` whose status is the string office.js uses at runtime
 *   ("succeeded"/"failed": the typings declare a numeric enum, office.js sets strings);
 * - the limits: subject ≤ 255 characters, body ≤ 1,000,000, base64 ≤ 34,865,152 characters, 25 MB of attachments, a
 *   number of attachments, at most 3 calls in flight at a time (Outlook on the web: the fourth fails with
 *   TooManyIncompleteRequests, office.js code 5100, "Wait until the previous call completes.");
 * - `addFileAttachmentFromBase64Async` answers once the attachment is queued, not committed: only `saveAsync` commits
 *   it (after `commitAfterSaves` saves: more than one models an attachment still being committed), and until then
 *   `getAttachmentsAsync` does not list it (unless `listQueued`) and its content cannot be read;
 * - new Outlook's quirk (office-js #5725): `getAttachmentContentAsync` returning plain text while saying "base64";
 * - any documented error injected on any call (`failNext`), and hooks after a call (`after`: another hand on the mail).
 *
 * No Node APIs: usable from vitest and, bundled, in a page standing in for office.js (`installFakeOffice`).
 * Errors carry Outlook's documented names; their numeric codes other than 5100 are this fake's own (the add-in
 * decides on the name, never on the code).
 */

export type FakeError = { name: string; code: number; message: string };

/** The documented errors, by the name Outlook gives them. */
export const officeErrors = {
  attachmentSize: { name: 'AttachmentSizeExceeded', code: 9007, message: 'The attachment cannot be added because it is too big.' },
  attachmentCount: { name: 'NumberOfAttachmentsExceeded', code: 9008, message: 'The message already has the maximum number of attachments.' },
  fileType: { name: 'FileTypeNotSupported', code: 9009, message: 'The attachment has an extension that is not allowed.' },
  invalidAttachmentId: { name: 'InvalidAttachmentId', code: 9010, message: 'The attachment identifier does not exist.' },
  uploadFailure: { name: 'AttachmentUploadGeneralFailure', code: 9014, message: 'The attachment cannot be added to the item.' },
  tooLong: { name: 'DataExceedsMaximumSize', code: 9030, message: 'The data is longer than allowed.' },
  busy: { name: 'TooManyIncompleteRequests', code: 5100, message: 'Wait until the previous call completes.' },
  internal: { name: 'InternalError', code: 5001, message: 'An internal error has occurred.' },
} as const satisfies Record<string, FakeError>;

export type FakeComposeType = 'newMail' | 'reply' | 'forward';

/** One attachment as the fake holds it; `bytes` are the file's bytes. */
export type FakeAttachment = {
  id: string;
  name: string;
  bytes: Uint8Array;
  attachmentType: 'file' | 'item' | 'cloud';
  isInline: boolean;
  /** False while queued: `saveAsync` commits it once `savesLeft` reaches 0. */
  committed: boolean;
  savesLeft: number;
};

export type FakeState = {
  to: Office.EmailAddressDetails[];
  cc: Office.EmailAddressDetails[];
  bcc: Office.EmailAddressDetails[];
  subject: string;
  bodyHtml: string;
  bodyText: string;
  attachments: FakeAttachment[];
  composeType: FakeComposeType;
  /** Null until the first save (a draft has no item id before it). */
  itemId: string | null;
  saves: number;
};

/** Every call the fake answers, by the name it is injected and logged under. */
export type FakeMethod =
  | 'to.getAsync' | 'to.setAsync' | 'cc.getAsync' | 'cc.setAsync' | 'bcc.getAsync' | 'bcc.setAsync'
  | 'subject.getAsync' | 'subject.setAsync' | 'body.getAsync' | 'body.setAsync'
  | 'addFileAttachmentFromBase64Async' | 'getAttachmentsAsync' | 'getAttachmentContentAsync' | 'removeAttachmentAsync'
  | 'saveAsync' | 'getComposeTypeAsync';

export type FakeAttachmentInit = { name: string; bytes: Uint8Array; attachmentType?: FakeAttachment['attachmentType']; isInline?: boolean };

export type FakeOfficeOptions = {
  composeType?: FakeComposeType;
  /** What the mail holds when the task pane opens (a reply's recipients and quoted text, a signature, a file). */
  initial?: { to?: string[]; cc?: string[]; bcc?: string[]; subject?: string; bodyText?: string; attachments?: FakeAttachmentInit[] };
  /** Mailbox 1.10 (`getComposeTypeAsync`); false models an older host (1.8, 1.9): the method is absent. */
  mailbox110?: boolean;
  /** Calls in flight at once before TooManyIncompleteRequests (Outlook on the web: 3). */
  maxConcurrent?: number;
  maxBase64Chars?: number;
  /** All attachments together, in bytes (Outlook on the web and new Outlook: 25 MB). */
  maxTotalBytes?: number;
  maxAttachments?: number;
  /** How many saves a queued attachment needs to be committed (1; more: still being committed after a save). */
  commitAfterSaves?: number;
  /** Whether `getAttachmentsAsync` lists queued attachments (false: only committed ones). */
  listQueued?: boolean;
  /** new Outlook's #5725: content comes back as text while the format says base64. */
  contentQuirk?: boolean;
  /** Milliseconds before each callback (0: still asynchronous, on a later task). */
  latencyMs?: number;
};

const limits = { subject: 255, body: 1_000_000, base64: 34_865_152, totalBytes: 25 * 1024 * 1024, attachments: 100 };

type AnyCallback = (result: Office.AsyncResult<unknown>) => void;

const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text of an HTML body as Outlook gives it with coercion "text": a line per <br> and block, tags gone, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/giu, '')
    .replace(/<br\s*\/?>/giu, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/giu, '\n')
    .replace(/<[^>]*>/gu, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number.parseInt(code.slice(1), 10));
      return entities[code.toLowerCase()] ?? whole;
    })
    .replace(/\n$/u, '');
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/u;

function bytesOfBase64(base64: string): Uint8Array | null {
  if (base64.length % 4 !== 0 || !base64Pattern.test(base64)) return null;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function base64OfBytes(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function recipient(entry: string | Office.EmailUser | Office.EmailAddressDetails): Office.EmailAddressDetails {
  const emailAddress = typeof entry === 'string' ? entry : entry.emailAddress;
  const displayName = typeof entry === 'string' ? entry : entry.displayName;
  return { emailAddress, displayName, appointmentResponse: 'none', recipientType: 'externalUser' };
}

/** The callback among an Office call's optional arguments (options object first when given). */
const callbackOf = (args: readonly unknown[]): AnyCallback | undefined => args.find((arg): arg is AnyCallback => typeof arg === 'function');
const optionsOf = (args: readonly unknown[]): Record<string, unknown> =>
  (args.find((arg): arg is Record<string, unknown> => typeof arg === 'object' && arg !== null && !Array.isArray(arg)) ?? {});

type RecipientsApi = Pick<Office.Recipients, 'getAsync' | 'setAsync' | 'addAsync'>;

/** The item the fake hands out: the part of `Office.MessageCompose` the add-in uses, with Office's own signatures. */
export type FakeComposeItem = {
  readonly itemType: string;
  readonly conversationId: string;
  readonly to: RecipientsApi;
  readonly cc: RecipientsApi;
  readonly bcc: RecipientsApi;
  readonly subject: Pick<Office.Subject, 'getAsync' | 'setAsync'>;
  readonly body: Pick<Office.Body, 'getAsync' | 'setAsync'>;
  addFileAttachmentFromBase64Async: Office.MessageCompose['addFileAttachmentFromBase64Async'];
  getAttachmentsAsync: Office.MessageCompose['getAttachmentsAsync'];
  getAttachmentContentAsync: Office.MessageCompose['getAttachmentContentAsync'];
  removeAttachmentAsync: Office.MessageCompose['removeAttachmentAsync'];
  saveAsync: Office.MessageCompose['saveAsync'];
  getComposeTypeAsync?: Office.MessageCompose['getComposeTypeAsync'];
};

export class FakeOffice {
  readonly state: FakeState;
  readonly item: FakeComposeItem;
  /** Every call in the order made (the failing ones too). */
  readonly calls: FakeMethod[] = [];
  /** The most calls ever in flight at once: the add-in makes one at a time, so 1. */
  maxInFlight = 0;
  private inFlight = 0;
  private nextId = 1;
  private readonly failures = new Map<FakeMethod, FakeError[]>();
  private readonly hooks: { method: FakeMethod; run: (state: FakeState) => void }[] = [];
  private readonly options: Required<Omit<FakeOfficeOptions, 'initial' | 'composeType'>>;

  constructor(options: FakeOfficeOptions = {}) {
    this.options = {
      mailbox110: options.mailbox110 ?? true,
      maxConcurrent: options.maxConcurrent ?? 3,
      maxBase64Chars: options.maxBase64Chars ?? limits.base64,
      maxTotalBytes: options.maxTotalBytes ?? limits.totalBytes,
      maxAttachments: options.maxAttachments ?? limits.attachments,
      commitAfterSaves: options.commitAfterSaves ?? 1,
      listQueued: options.listQueued ?? false,
      contentQuirk: options.contentQuirk ?? false,
      latencyMs: options.latencyMs ?? 0,
    };
    const initial = options.initial ?? {};
    const bodyText = initial.bodyText ?? '';
    this.state = {
      to: (initial.to ?? []).map(recipient),
      cc: (initial.cc ?? []).map(recipient),
      bcc: (initial.bcc ?? []).map(recipient),
      subject: initial.subject ?? '',
      bodyText,
      bodyHtml: bodyText === '' ? '' : `<div>${bodyText.split('\n').map(escapeHtml).join('<br>')}</div>`,
      attachments: (initial.attachments ?? []).map((attachment) => ({
        id: this.newId(), name: attachment.name, bytes: attachment.bytes, attachmentType: attachment.attachmentType ?? 'file',
        isInline: attachment.isInline ?? false, committed: true, savesLeft: 0,
      })),
      composeType: options.composeType ?? 'newMail',
      itemId: options.composeType && options.composeType !== 'newMail' ? 'AAMkAD-fake-conversation-item' : null,
      saves: 0,
    };
    this.item = this.buildItem();
  }

  /** The next `times` calls of `method` fail with `error` (asynchronously, as Outlook answers). */
  failNext(method: FakeMethod, error: FakeError, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => error)]);
  }

  /** Runs `run` on the state after each successful `method` (another add-in or the worker changing the mail). */
  after(method: FakeMethod, run: (state: FakeState) => void): void {
    this.hooks.push({ method, run });
  }

  /** The bytes of the committed file attachments named `name`, as the server holds them. */
  committedFiles(name: string): Uint8Array[] {
    return this.state.attachments.filter((a) => a.committed && a.name === name && a.attachmentType === 'file').map((a) => a.bytes);
  }

  private newId(): string {
    return `AAMkAD-fake-attachment-${this.nextId++}`;
  }

  /**
   * Answers a call: counts it in flight, then on a later task runs `work` (unless an injected or concurrency error
   * comes first) and calls back with the AsyncResult.
   */
  private answer<T>(method: FakeMethod, args: readonly unknown[], work: () => { value: T } | { error: FakeError }): void {
    this.calls.push(method);
    const callback = callbackOf(args);
    const asyncContext: unknown = optionsOf(args)['asyncContext'];
    const tooMany = this.inFlight >= this.options.maxConcurrent;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    setTimeout(() => {
      this.inFlight--;
      const injected = tooMany ? officeErrors.busy : this.failures.get(method)?.shift();
      const outcome = injected ? { error: injected } : work();
      if (!('error' in outcome)) for (const hook of this.hooks) if (hook.method === method) hook.run(this.state);
      const result = {
        asyncContext,
        diagnostics: undefined,
        status: ('error' in outcome ? 'failed' : 'succeeded') as unknown as Office.AsyncResultStatus,
        error: ('error' in outcome ? { ...outcome.error } : undefined) as Office.Error,
        value: ('error' in outcome ? undefined : outcome.value) as T,
      } satisfies Office.AsyncResult<T>;
      callback?.(result as Office.AsyncResult<unknown>);
    }, this.options.latencyMs);
  }

  private recipients(field: 'to' | 'cc' | 'bcc'): RecipientsApi {
    return {
      getAsync: (...args: unknown[]) => this.answer(`${field}.getAsync`, args, () => ({ value: this.state[field].map((entry) => ({ ...entry })) })),
      setAsync: (list: (string | Office.EmailUser | Office.EmailAddressDetails)[], ...args: unknown[]) =>
        this.answer(`${field}.setAsync`, args, () => {
          this.state[field] = list.map(recipient);
          return { value: undefined };
        }),
      addAsync: (list: (string | Office.EmailUser | Office.EmailAddressDetails)[], ...args: unknown[]) =>
        this.answer(`${field}.setAsync`, args, () => {
          this.state[field] = [...this.state[field], ...list.map(recipient)];
          return { value: undefined };
        }),
    };
  }

  private visible(): FakeAttachment[] {
    return this.state.attachments.filter((attachment) => attachment.committed || this.options.listQueued);
  }

  private buildItem(): FakeComposeItem {
    const state = this.state;
    const item: FakeComposeItem = {
      itemType: 'message',
      conversationId: state.composeType === 'newMail' ? '' : 'AAQkAD-fake-conversation',
      to: this.recipients('to'),
      cc: this.recipients('cc'),
      bcc: this.recipients('bcc'),
      subject: {
        getAsync: (...args: unknown[]) => this.answer('subject.getAsync', args, () => ({ value: state.subject })),
        setAsync: (subject: string, ...args: unknown[]) =>
          this.answer('subject.setAsync', args, () => {
            if (subject.length > limits.subject) return { error: officeErrors.tooLong };
            state.subject = subject;
            return { value: undefined };
          }),
      },
      body: {
        getAsync: (coercionType: Office.CoercionType | string, ...args: unknown[]) =>
          this.answer('body.getAsync', args, () => ({ value: String(coercionType) === 'html' ? state.bodyHtml : state.bodyText })),
        setAsync: (data: string, ...args: unknown[]) =>
          this.answer('body.setAsync', args, () => {
            if (data.length > limits.body) return { error: officeErrors.tooLong };
            const html = String(optionsOf(args)['coercionType'] ?? 'text') === 'html';
            state.bodyHtml = html ? data : `<div>${data.split('\n').map(escapeHtml).join('<br>')}</div>`;
            state.bodyText = html ? htmlToText(data) : data;
            return { value: undefined };
          }),
      },
      addFileAttachmentFromBase64Async: (base64File: string, attachmentName: string, ...args: unknown[]) =>
        this.answer('addFileAttachmentFromBase64Async', args, () => {
          if (base64File.length > this.options.maxBase64Chars) return { error: officeErrors.attachmentSize };
          const bytes = bytesOfBase64(base64File);
          if (!bytes) return { error: officeErrors.uploadFailure };
          const total = state.attachments.reduce((sum, attachment) => sum + attachment.bytes.length, 0);
          if (total + bytes.length > this.options.maxTotalBytes) return { error: officeErrors.attachmentSize };
          if (state.attachments.length >= this.options.maxAttachments) return { error: officeErrors.attachmentCount };
          const id = this.newId();
          const isInline = optionsOf(args)['isInline'] === true;
          state.attachments.push({ id, name: attachmentName, bytes, attachmentType: 'file', isInline, committed: false, savesLeft: this.options.commitAfterSaves });
          return { value: id };
        }),
      getAttachmentsAsync: (...args: unknown[]) =>
        this.answer('getAttachmentsAsync', args, () => ({
          value: this.visible().map(
            (attachment): Office.AttachmentDetailsCompose => ({
              id: attachment.id, name: attachment.name, size: attachment.bytes.length, attachmentType: attachment.attachmentType,
              isInline: attachment.isInline, contentId: '', isServiceAccessible: true,
            }),
          ),
        })),
      getAttachmentContentAsync: (attachmentId: string, ...args: unknown[]) =>
        this.answer('getAttachmentContentAsync', args, () => {
          const attachment = state.attachments.find((candidate) => candidate.id === attachmentId && candidate.committed);
          if (!attachment) return { error: officeErrors.invalidAttachmentId };
          const content = this.options.contentQuirk ? new TextDecoder().decode(attachment.bytes) : base64OfBytes(attachment.bytes);
          return { value: { content, format: 'base64' } satisfies Office.AttachmentContent };
        }),
      removeAttachmentAsync: (attachmentId: string, ...args: unknown[]) =>
        this.answer('removeAttachmentAsync', args, () => {
          const index = state.attachments.findIndex((attachment) => attachment.id === attachmentId);
          if (index < 0) return { error: officeErrors.invalidAttachmentId };
          state.attachments.splice(index, 1);
          return { value: undefined };
        }),
      saveAsync: (...args: unknown[]) =>
        this.answer('saveAsync', args, () => {
          state.saves++;
          for (const attachment of state.attachments) {
            if (attachment.committed) continue;
            attachment.savesLeft--;
            if (attachment.savesLeft <= 0) attachment.committed = true;
          }
          state.itemId ??= 'AAMkAD-fake-draft-item';
          return { value: state.itemId };
        }),
    };
    if (this.options.mailbox110) {
      item.getComposeTypeAsync = (...args: unknown[]) =>
        this.answer('getComposeTypeAsync', args, () => ({ value: { composeType: state.composeType, coercionType: 'html' } }));
    }
    return item;
  }
}

/**
 * Puts the fake where office.js would put its item (`Office.context.mailbox.item`), with the enum values office.js
 * sets at runtime, for a page that stands in for Outlook. `Office.onReady` resolves at once.
 */
export function installFakeOffice(target: Record<string, unknown>, fake: FakeOffice): void {
  target['Office'] = {
    context: {
      mailbox: { item: fake.item, diagnostics: { hostName: 'OutlookWebApp', hostVersion: 'fake' } },
      // Mailbox up to 1.10 with getComposeTypeAsync, else up to 1.8 (a host without 1.8 gets no add-in at all).
      requirements: {
        isSetSupported: (name: string, version = '1.1') => {
          const [major = 0, minor = 0] = version.split('.').map(Number);
          return name === 'Mailbox' && major === 1 && minor <= (fake.item.getComposeTypeAsync ? 10 : 8);
        },
      },
    },
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Text: 'text', Html: 'html' },
    MailboxEnums: { ComposeType: { NewMail: 'newMail', Reply: 'reply', Forward: 'forward' }, AttachmentType: { File: 'file', Item: 'item', Cloud: 'cloud' } },
  };
}
