import { addressesOf, AdapterError, insertEditorText, isUntouched, queryAll, queryFirst, readText, required, setFieldValue, waitFor } from './dom';
import { dropFile, setInputFile } from './events';
import { roundcubeComposeQuery } from './hosts';
import type { SelectorMap, WebmailAdapter } from './types';

/** Roundcube 1.6, elastic skin: every selector seen 2026-11-22 in our loopback sandbox (Debian roundcube 1.6.5). */
const selectors = {
  // Every Roundcube page loads the rcmail app script; the body names the task and action.
  marker: { step: 'detect', what: 'Roundcube page', css: ['body[class*="task-"] #layout', 'script[src*="program/js/app"]'] },
  toolbar: { step: 'button', what: 'toolbar', css: ['#toolbar-menu', '.toolbar[role="toolbar"]'] },
  compose: {
    step: 'openCompose',
    what: 'compose form',
    css: [
      'form#form[name="form"]', // compose form, elastic 1.6
      'form[name="form"]:has(#_to)', // any skin with the same field names
    ],
  },
  // The real recipient fields: textareas the elastic recipient widgets mirror; set them and fire change.
  to: { step: 'recipient', what: 'To field', css: ['textarea#_to[name="_to"]', 'textarea[name="_to"]'] },
  cc: { step: 'read', what: 'Cc field', css: ['textarea[name="_cc"]'] },
  bcc: { step: 'read', what: 'Bcc field', css: ['textarea[name="_bcc"]'] },
  subject: { step: 'subject', what: 'subject field', css: ['input#compose-subject', 'input[name="_subject"]'] },
  bodyPlain: { step: 'body', what: 'message body', css: ['textarea#composebody[name="_message"]', 'textarea[name="_message"]'] },
  bodyHtmlFrame: { step: 'body', what: 'HTML editor', css: ['iframe#composebody_ifr'] }, // TinyMCE 5, when composing in HTML
  isHtml: { step: 'body', what: 'editor mode', css: ['input[name="_is_html"]'] },
  fileInput: { step: 'attach', what: 'file input', css: ['input#uploadformInput[type="file"]', 'form#uploadformFrm input[type="file"]'] },
  dropZone: { step: 'attach', what: 'attachment drop zone', css: ['#compose-attachments.droptarget', '#compose-attachments'] },
  uploading: { step: 'attach', what: 'upload in progress', css: ['#attachment-list li.uploading'] },
  uploaded: { step: 'attach', what: 'uploaded attachment', css: ['#attachment-list li[id^="rcmfile"]'] },
} as const satisfies SelectorMap;

/**
 * Where our button sits (issue 14.7): in the toolbar above, unless elastic's responsive layout has folded it into its
 * "⋮" menu; a floating button keeps clear of the bars at the bottom. Kept out of the selector map on purpose: these
 * decide only where the button sits (a miss makes it float), they are no step of the draft and no part of the
 * self-check. Seen in our loopback sandbox (Debian roundcube 1.6.5, elastic).
 */
const buttonPlace = {
  // Below 769 px elastic gives the toolbar the popupmenu class and shows the "⋮" button that opens it.
  folded: '.popupmenu',
  menuButton: ['a.toolbar-menu-button[data-popup="toolbar-menu"]'],
  // The columns' footers (on a small screen the compose form's Save and Send bar, the list's pager) and the round
  // floating action buttons of small screens.
  keepClear: ['#layout > div > .footer', '.floating-action-buttons'],
} as const;

function htmlBody(compose: Element): HTMLElement | null {
  const isHtml = queryFirst<HTMLInputElement>(compose, selectors.isHtml)?.value === '1';
  if (!isHtml) return null;
  const frame = queryFirst<HTMLIFrameElement>(compose.ownerDocument, selectors.bodyHtmlFrame);
  return frame?.contentDocument?.body ?? null;
}

function bodyText(compose: Element): string {
  const html = htmlBody(compose);
  return html ? readText(html) : (queryFirst<HTMLTextAreaElement>(compose, selectors.bodyPlain)?.value ?? '');
}

const fieldValue = (root: ParentNode, entry: (typeof selectors)[keyof typeof selectors]) => queryFirst<HTMLTextAreaElement>(root, entry)?.value ?? '';

function readBack(compose: Element) {
  const doc = compose.ownerDocument;
  return {
    to: addressesOf(fieldValue(compose, selectors.to)),
    cc: addressesOf(fieldValue(compose, selectors.cc)),
    bcc: addressesOf(fieldValue(compose, selectors.bcc)),
    subject: fieldValue(compose, selectors.subject),
    body: bodyText(compose),
    // Finished uploads only: an entry still uploading is not an attachment yet.
    // The file name alone (Roundcube's .attachment-name), not its size and the "Opties" menu beside it.
    attachments: queryFirst(doc, selectors.uploading)
      ? []
      : queryAll(doc, selectors.uploaded).map((item) => (item.querySelector('.attachment-name')?.textContent ?? item.textContent ?? '').trim()),
  };
}

export const roundcube: WebmailAdapter = {
  id: 'roundcube',
  name: 'Roundcube',
  selectors,
  detect: (doc) => queryFirst(doc, selectors.marker) !== null,
  buttonHost(doc) {
    const toolbar = queryFirst(doc, selectors.toolbar);
    if (!toolbar) return null;
    return {
      toolbar,
      folded: () => toolbar.matches(buttonPlace.folded) || queryAll(doc, buttonPlace.menuButton).some((button) => button.checkVisibility()),
      keepClear: () => queryAll(doc, buttonPlace.keepClear),
    };
  },
  currentCompose: (doc) => (queryFirst(doc, selectors.to) ? queryFirst(doc, selectors.compose) : null),

  async freshCompose({ doc }, { afterNavigation }) {
    const compose = roundcube.currentCompose(doc);
    if (compose) {
      // A page we opened for this draft may carry the worker's signature; any other needs an empty body too.
      if (isUntouched(readBack(compose), afterNavigation === true)) return { kind: 'compose', compose };
    }
    // Roundcube composes on a page of its own: a new one, never the reply or the half-written mail on screen.
    return { kind: 'navigate', url: `${doc.location.pathname}${roundcubeComposeQuery}` };
  },

  async setRecipient(compose, address, { timeouts, signal }) {
    setFieldValue(required<HTMLTextAreaElement>(compose, selectors.to), address);
    await waitFor(compose, () => addressesOf(fieldValue(compose, selectors.to)).includes(address), {
      timeoutMs: timeouts.chipMs, step: 'recipient', what: 'recipient', signal,
    });
  },

  setSubject(compose, subject) {
    setFieldValue(required<HTMLInputElement>(compose, selectors.subject), subject);
  },

  setBody(compose, body) {
    const html = htmlBody(compose);
    if (html) {
      insertEditorText(html, body);
      return;
    }
    const field = required<HTMLTextAreaElement>(compose, selectors.bodyPlain);
    setFieldValue(field, field.value.trim() ? `${body}\n\n${field.value}` : body);
  },

  attachTiers: [
    { id: 'input', run: async (compose, file) => setInputFile(required<HTMLInputElement>(compose.ownerDocument, selectors.fileInput), file) },
    { id: 'drop', run: async (compose, file) => dropFile(required(compose.ownerDocument, selectors.dropZone), file) },
  ],

  readBack(compose) {
    if (!queryFirst(compose, selectors.subject)) throw new AdapterError('read', 'subject field not found');
    return readBack(compose);
  },
};
