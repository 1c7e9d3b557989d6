/// <reference types="office-js" />
import * as z from 'zod/mini';
import { currentLocale, t } from '../lib/i18n';
import { toBase64 } from '../lib/base64';
import { coverHtml, describeOfficeItem, failureCodeOfName, officeCall, readOfficeDraft, type OfficeComposeItem } from './office-draft';
import { addinTexts } from './texts';

/**
 * The pilot check in the add-in (issue 22 item 6, "Test de koppeling"): the whole chain in the open new mail with a
 * harmless text file (no client data): the body first (office-js #6792), To (the worker's own address, or left empty),
 * the subject, the file from base64, the save that commits it, then the read-back and what Outlook reports of the
 * attachment (name, size, type file, not inline). Each step is a line, ✓ or ✗ with Outlook's reason, so one pilot
 * user in a real tenant tells IT in minutes what holds. It runs only in a new, empty mail, and removes nothing: the
 * worker deletes the test mail herself. The read-back and the look at the mail are office-draft.ts's own.
 */

export const pilotFileName = 'veilig-aanmelden-test.txt';
export const pilotSubject = 'Veilig Aanmelden – test';

export type PilotStep = 'mail' | 'body' | 'recipient' | 'subject' | 'attach' | 'save' | 'read' | 'name' | 'size' | 'type' | 'inline';

/** One line of the report: ok true ✓, false ✗, null not done (or left as it is: To without an address). */
export type PilotLine = { step: PilotStep; ok: boolean | null; label: string; reason: string };

/** `started` false: the mail was not new or not empty, and nothing in it was changed. */
export type PilotReport = { started: boolean; lines: PilotLine[] };

export type PilotOptions = {
  /** How long one Office call may take before it counts as hung (S/MIME signing hung attaching, office-js #5908). */
  callTimeoutMs?: number;
  /** Saves before an attachment Outlook does not list yet counts as missing. */
  commitTries?: number;
  retryWaitMs?: number;
};

const defaults: Required<PilotOptions> = { callTimeoutMs: 20_000, commitTries: 3, retryWaitMs: 300 };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const attachmentsSchema = z.array(z.object({ name: z.string(), size: z.number(), attachmentType: z.string(), isInline: z.boolean() }));

/** Why a call failed, in the worker's language, with Outlook's error name for IT. */
function reasonOf(error: unknown): string {
  const name = error instanceof Error && /^[A-Za-z]{1,60}$/u.test(error.message) ? error.message : 'UnknownError';
  return `${addinTexts[currentLocale()][failureCodeOfName(name)]} (${name})`;
}

/** Texts as compared: line breaks, spaces and invisible format characters differ between HTML and text bodies. */
const comparable = (text: string) => text.normalize('NFC').replace(/[\s\p{Cf}]+/gu, '');

/**
 * Runs the pilot in `item`: To set to `ownAddress` when known ('' leaves To empty, and the report says so). Never
 * throws; never removes or sends anything.
 */
export async function runOfficePilot(item: OfficeComposeItem, ownAddress: string, options: PilotOptions = {}): Promise<PilotReport> {
  const settings = { ...defaults, ...options };
  const lines: PilotLine[] = [];
  const line = (step: PilotStep, ok: boolean | null, label: string, reason = '') => lines.push({ step, ok, label, reason });
  const mailLabel = t('addin_pilotStepMail');

  // Only in a new, untouched mail: the worker's own work is never touched.
  try {
    const mail = await describeOfficeItem(item, undefined, settings);
    if (!mail.ready) {
      const texts = addinTexts[currentLocale()];
      line('mail', false, mailLabel, mail.composeType === 'reply' || mail.composeType === 'forward' ? texts.notNew : `${texts.notEmpty} ${t('addin_pilotSignature')}`);
      return { started: false, lines };
    }
  } catch (error) {
    line('mail', false, mailLabel, reasonOf(error));
    return { started: false, lines };
  }
  line('mail', true, mailLabel);

  const text = t('addin_pilotBody');
  const bytes = new TextEncoder().encode(text);
  const to = ownAddress.trim().toLowerCase();
  const step = async (id: PilotStep, label: string, run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      line(id, true, label);
      return true;
    } catch (error) {
      line(id, false, label, reasonOf(error));
      return false;
    }
  };

  await step('body', t('addin_pilotStepBody'), () => officeCall(item, settings, (callback) => item.body.setAsync(coverHtml(text), { coercionType: 'html' }, callback)));
  if (to !== '') await step('recipient', t('addin_pilotStepTo', [to]), () => officeCall(item, settings, (callback) => item.to.setAsync([to], callback)));
  else line('recipient', null, t('addin_pilotStepToEmpty'), t('addin_pilotNoAddress'));
  await step('subject', t('addin_pilotStepSubject'), () => officeCall(item, settings, (callback) => item.subject.setAsync(pilotSubject, callback)));
  const attached = await step('attach', t('addin_pilotStepAttach', [pilotFileName]), () =>
    officeCall<string>(item, settings, (callback) => item.addFileAttachmentFromBase64Async(toBase64(bytes), pilotFileName, { isInline: false }, callback)),
  );

  // Saved, then listed: an attachment still being committed gets another save.
  let listed: z.infer<typeof attachmentsSchema> = [];
  let saved = false;
  let saveError: unknown = null;
  for (let attempt = 0; attempt < settings.commitTries; attempt++) {
    if (attempt > 0) await wait(settings.retryWaitMs);
    try {
      await officeCall<string>(item, settings, (callback) => item.saveAsync(callback));
      saved = true;
      listed = attachmentsSchema.parse(await officeCall<Office.AttachmentDetailsCompose[]>(item, settings, (callback) => item.getAttachmentsAsync(callback)));
    } catch (error) {
      saveError = error;
    }
    if (!attached || listed.some((attachment) => attachment.name === pilotFileName)) break;
  }
  line('save', saved, t('addin_pilotStepSave'), saved ? '' : reasonOf(saveError));

  const read = await readOfficeDraft(item, null, settings);
  const readLabel = t('addin_pilotStepRead');
  if (!read.ok) line('read', false, readLabel, reasonOf(new Error(/\(([A-Za-z]+)\)$/u.exec(read.detail)?.[1] ?? 'UnknownError')));
  else {
    const draft = read.draft;
    const differences = [
      ...(draft.to.join(',') === to ? [] : [t('addin_pilotToDiffers', [draft.to.join(', ')])]),
      ...(draft.cc.length + draft.bcc.length === 0 ? [] : [t('addin_pilotCopies')]),
      ...(draft.subject === pilotSubject ? [] : [t('addin_pilotSubjectDiffers')]),
      ...(comparable(draft.body) === comparable(text) ? [] : [t('addin_pilotBodyDiffers')]),
    ];
    line('read', differences.length === 0, readLabel, differences.join('; '));
  }

  // What Outlook reports of the test file: one, with its name, its size, a file, not inline.
  const ours = listed.filter((attachment) => attachment.name === pilotFileName);
  const file = ours[0];
  const checks: [PilotStep, string, (found: NonNullable<typeof file>) => string][] = [
    ['size', t('addin_pilotStepSize', [bytes.length]), (found) => (found.size === bytes.length ? '' : t('addin_pilotSizeDiffers', [found.size]))],
    ['type', t('addin_pilotStepType'), (found) => (found.attachmentType === 'file' ? '' : t('addin_pilotTypeDiffers', [found.attachmentType]))],
    ['inline', t('addin_pilotStepInline'), (found) => (found.isInline ? t('addin_pilotIsInline') : '')],
  ];
  const nameLabel = t('addin_pilotStepName');
  if (!attached) {
    for (const [id, label] of [['name', nameLabel] as const, ...checks]) line(id, null, label, t('addin_pilotNoAttachment'));
  } else if (!file) {
    line('name', false, nameLabel, t('addin_pilotNotListed'));
    for (const [id, label] of checks) line(id, null, label, t('addin_pilotNotListed'));
  } else {
    line('name', ours.length === 1, nameLabel, ours.length === 1 ? '' : t('addin_pilotTwice', [ours.length]));
    for (const [id, label, judge] of checks) {
      const reason = judge(file);
      line(id, reason === '', label, reason);
    }
  }
  return { started: true, lines };
}

/** The mark of a line: ✓ worked, ✗ failed, – not done. */
export const pilotMark = (ok: boolean | null) => (ok === true ? '✓' : ok === false ? '✗' : '–');

/** The report as text to copy for IT: names and Outlook's error names only, never mail content. */
export function pilotReportText(report: PilotReport, host: string): string {
  return [
    `Veilig Aanmelden – ${t('addin_pilotTitle')} – ${host}`,
    ...report.lines.map((entry) => `${pilotMark(entry.ok)} ${entry.label}${entry.reason ? `: ${entry.reason}` : ''}`),
  ].join('\n');
}

/** Where this task pane runs, for the report (office.js's diagnostics: the Outlook and its version), else ''. */
export function officeHost(): string {
  try {
    const diagnostics = Office.context.mailbox.diagnostics;
    return `${diagnostics.hostName} ${diagnostics.hostVersion}`.trim();
  } catch {
    return '';
  }
}

/** The signed-in mailbox's address (Mailbox 1.1, any permission), else ''. */
export function officeOwnAddress(): string {
  try {
    const address: unknown = Office.context.mailbox.userProfile.emailAddress;
    return typeof address === 'string' ? address : '';
  } catch {
    return '';
  }
}
