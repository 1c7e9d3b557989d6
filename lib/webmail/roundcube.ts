import { insertEditorText, queryFirst, readText, required, runSelfCheck, setFieldValue, setInputFile, waitFor } from './dom';
import type { WebmailAdapter } from './types';

/** Roundcube 1.6, elastic skin (seen 2026-11-22 in our loopback sandbox, Debian roundcube 1.6.5). */
const selectors = {
  // Every Roundcube page loads the rcmail app script; the body names the task and action.
  marker: ['body[class*="task-"] #layout', 'script[src*="program/js/app"]'],
  compose: [
    'form#form[name="form"]', // compose form, elastic 1.6
    'form[name="form"]:has(#_to)', // any skin with the same field names
  ],
  // The real To field: a textarea the elastic recipient widget mirrors; set it and fire change.
  to: ['textarea#_to[name="_to"]', 'textarea[name="_to"]'],
  subject: ['input#compose-subject', 'input[name="_subject"]'],
  bodyPlain: ['textarea#composebody[name="_message"]', 'textarea[name="_message"]'],
  bodyHtmlFrame: ['iframe#composebody_ifr'], // TinyMCE 5 when the user composes in HTML
  isHtml: ['input[name="_is_html"]'],
  fileInput: ['input#uploadformInput[type="file"]', 'form#uploadformFrm input[type="file"]'],
  attachmentList: ['#attachment-list'],
  uploading: ['#attachment-list li.uploading'],
  uploaded: ['#attachment-list li[id^="rcmfile"]'],
  toolbar: ['#toolbar-menu', '.toolbar[role="toolbar"]'],
} as const;

const uploadTimeoutMs = 30_000;

function htmlBody(compose: Element): HTMLElement | null {
  const isHtml = queryFirst<HTMLInputElement>(compose, selectors.isHtml)?.value === '1';
  if (!isHtml) return null;
  const frame = queryFirst<HTMLIFrameElement>(compose.ownerDocument, selectors.bodyHtmlFrame);
  return frame?.contentDocument?.body ?? null;
}

export const roundcube: WebmailAdapter = {
  id: 'roundcube',
  name: 'Roundcube',
  detect: (doc) => queryFirst(doc, selectors.marker) !== null,
  buttonHost: (doc) => queryFirst(doc, selectors.toolbar),
  hasCompose: (doc) => queryFirst(doc, selectors.compose) !== null && queryFirst(doc, selectors.to) !== null,

  async openCompose(doc) {
    // Roundcube composes on a page of its own: the content script navigates there before the panel opens.
    return required(doc, selectors.compose, 'openCompose', 'compose form');
  },

  setRecipient(compose, address) {
    setFieldValue(required<HTMLTextAreaElement>(compose, selectors.to, 'recipient', 'To field'), address);
  },

  setSubject(compose, subject) {
    setFieldValue(required<HTMLInputElement>(compose, selectors.subject, 'subject', 'subject field'), subject);
  },

  setBody(compose, body) {
    const html = htmlBody(compose);
    if (html) {
      insertEditorText(html, body);
      return;
    }
    const field = required<HTMLTextAreaElement>(compose, selectors.bodyPlain, 'body', 'message body');
    setFieldValue(field, field.value.trim() ? `${body}\n\n${field.value}` : body);
  },

  async attach(compose, file, signal) {
    const doc = compose.ownerDocument;
    const input = required<HTMLInputElement>(doc, selectors.fileInput, 'attach', 'file input');
    const list = required(doc, selectors.attachmentList, 'attach', 'attachment list');
    setInputFile(input, file);
    // Done when an uploaded entry names our file and no upload is still running.
    await waitFor(
      list,
      () =>
        queryFirst(list, selectors.uploading) === null &&
        [...list.querySelectorAll(selectors.uploaded.join(','))].some((item) => item.textContent?.includes(file.name)),
      { timeoutMs: uploadTimeoutMs, step: 'attach', what: 'uploaded attachment', signal },
    );
  },

  readDraft(compose) {
    const subject = required<HTMLInputElement>(compose, selectors.subject, 'read', 'subject field').value;
    const html = htmlBody(compose);
    const body = html ? readText(html) : required<HTMLTextAreaElement>(compose, selectors.bodyPlain, 'read', 'message body').value;
    return { subject, body };
  },

  selfCheck: (doc) =>
    runSelfCheck(doc, [
      { step: 'detect', what: 'Roundcube page', selectors: selectors.marker },
      { step: 'button', what: 'toolbar', selectors: selectors.toolbar },
      { step: 'openCompose', what: 'compose form', selectors: selectors.compose },
      { step: 'recipient', what: 'To field', selectors: selectors.to },
      { step: 'subject', what: 'subject field', selectors: selectors.subject },
      { step: 'body', what: 'message body', selectors: [...selectors.bodyPlain, ...selectors.bodyHtmlFrame] },
      { step: 'attach', what: 'file input', selectors: selectors.fileInput },
    ]),
};
