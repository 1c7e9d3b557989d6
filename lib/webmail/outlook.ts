import { AdapterError, attachAndConfirm, insertEditorText, queryFirst, readText, required, runSelfCheck, setFieldValue, typeRecipient, waitFor } from './dom';
import type { WebmailAdapter } from './types';

/**
 * Outlook on the web (new Outlook, OWA). No public capture of its compose form exists: these selectors come from
 * what public automation scripts agree on (test/fixtures/SOURCES.md) and are checked on live pages by the
 * options page's self-check. Structural attributes only: labels are translated.
 */
export const outlookHosts = ['outlook.office.com', 'outlook.office365.com', 'outlook.cloud.microsoft', 'outlook.live.com'] as const;

const selectors = {
  // Page markers of the OWA mail app, for hosts that are not (yet) in our list.
  marker: ['script[src*="/owamail/"]', 'link[href*="/owamail/"]', 'meta[content*="owamail"]'],
  compose: [
    '[id^="docking_InitVisiblePart_"]', // compose docked in the reading pane (_0, _1 for a second), 2021–2024
    '[data-app-section="Form_Content"]', // popped-out compose
  ],
  newCompose: [
    '#innerRibbonContainer [data-automation-type="RibbonSplitButton"] > button:first-child', // "New mail", ribbon
    'button[aria-label="New mail"]', // English UI only: a last resort, labels are translated
  ],
  // Recipient wells are contenteditable divs in order To, Cc, Bcc; the body is the one that is multi-line.
  to: ['[contenteditable="true"]:not([aria-multiline="true"])'],
  // The subject is the last single-line text input of the form (the recipient pickers come first).
  subject: ['input[type="text"][autocomplete="off"]'],
  body: ['[id^="editorParent_"] > [role="textbox"][contenteditable="true"][aria-multiline="true"]', '[role="textbox"][contenteditable="true"][aria-multiline="true"]'],
  fileInput: ['input[type="file"]'],
  attachment: ['[data-testid="AttachmentCard"]', 'div[role="listbox"] [role="option"]'],
  send: ['[data-testid="ComposeSendButton"] button:first-of-type', '#splitButton-ro__primaryActionButton'],
} as const;

const openTimeoutMs = 8_000;
const attachTimeoutMs = 30_000;

function subjectField(compose: Element): HTMLInputElement | null {
  return [...compose.querySelectorAll<HTMLInputElement>(selectors.subject.join(','))].at(-1) ?? null;
}

/** The newest open compose form. */
function openCompose(doc: Document): Element | null {
  return [...doc.querySelectorAll(selectors.compose.join(','))].at(-1) ?? null;
}

export const outlook: WebmailAdapter = {
  id: 'outlook',
  name: 'Outlook op het web',
  detect: (doc, location) =>
    (outlookHosts as readonly string[]).includes(location.hostname) || queryFirst(doc, selectors.marker) !== null,
  // Outlook re-renders its ribbon often: the floating button stays put.
  buttonHost: () => null,
  hasCompose: (doc) => openCompose(doc) !== null,

  async openCompose(doc, signal) {
    const open = openCompose(doc);
    if (open) return open;
    required(doc, selectors.newCompose, 'openCompose', 'New mail button').click();
    return waitFor(doc.body, () => openCompose(doc), { timeoutMs: openTimeoutMs, step: 'openCompose', what: 'compose form', signal });
  },

  setRecipient(compose, address) {
    typeRecipient(required(compose, selectors.to, 'recipient', 'To field'), address);
  },

  setSubject(compose, subject) {
    const field = subjectField(compose);
    if (!field) throw new AdapterError('subject', 'subject field not found');
    setFieldValue(field, subject);
  },

  setBody(compose, body) {
    insertEditorText(required(compose, selectors.body, 'body', 'message body'), body);
  },

  async attach(compose, file, signal) {
    await attachAndConfirm(
      compose,
      file,
      {
        input: queryFirst<HTMLInputElement>(compose, selectors.fileInput),
        dropTarget: () => required(compose, selectors.body, 'attach', 'drop target'),
        attachment: selectors.attachment,
      },
      { timeoutMs: attachTimeoutMs, signal },
    );
  },

  readDraft(compose) {
    const subject = subjectField(compose);
    if (!subject) throw new AdapterError('read', 'subject field not found');
    return { subject: subject.value, body: readText(required(compose, selectors.body, 'read', 'message body')) };
  },

  selfCheck: (doc) =>
    runSelfCheck(doc, [
      { step: 'detect', what: 'OWA page marker', selectors: selectors.marker },
      { step: 'openCompose', what: 'New mail button', selectors: selectors.newCompose },
      { step: 'openCompose', what: 'compose form (open one to check)', selectors: selectors.compose },
      { step: 'recipient', what: 'To field', selectors: selectors.to },
      { step: 'subject', what: 'subject field', selectors: selectors.subject },
      { step: 'body', what: 'message body', selectors: selectors.body },
      { step: 'attach', what: 'file input', selectors: selectors.fileInput },
      { step: 'button', what: 'Send button', selectors: selectors.send },
    ]),
};
