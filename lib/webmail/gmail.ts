import { attachAndConfirm, insertEditorText, queryFirst, readText, required, runSelfCheck, setFieldValue, typeRecipient, waitFor } from './dom';
import type { WebmailAdapter } from './types';

/**
 * Gmail (mail.google.com). Class names are Gmail's obfuscated but long-lived ones; aria-labels are translated
 * (Flemish users run Gmail in Dutch), so none is used. Sources: test/fixtures/SOURCES.md.
 */
const selectors = {
  // The New Message dialog, found from its subject field (captured 2020, unchanged in later public code).
  subject: ['input[name="subjectbox"]'],
  composeFromSubject: ['div.nH.Hd[role="dialog"]', 'div.aoI[role="region"]', '[role="dialog"]'],
  // The left-hand Compose button ("Opstellen" in Dutch).
  newCompose: [
    'div[gh="cm"]', // stable attribute, many sources up to 2026
    'div.T-I.T-I-KE.L3[role="button"]', // class form, reported unreliable by a 2026 audit
  ],
  to: [
    '[name="to"] input[role="combobox"]', // PeopleKit recipient field, since October 2021 (Cc and Bcc share its peoplekit-id)
    'textarea.vO[name="to"]', // before October 2021 (captured)
  ],
  body: ['div[g_editable="true"][role="textbox"][contenteditable="true"]', 'div.Am.Al.editable[contenteditable="true"]'],
  fileInput: ['input[type="file"][name="Filedata"]'],
  // An attachment chip in the compose form, which names the file.
  attachment: ['div.dL', 'div[role="listitem"] input[name="attach"]'],
  send: ['tr.btC div.T-I.aoO[role="button"]', 'div.T-I.aoO[role="button"]'],
} as const;

const openTimeoutMs = 8_000;
const attachTimeoutMs = 30_000;

/** The newest open compose form: the dialog around the last subject field. */
function openCompose(doc: Document): Element | null {
  const subject = [...doc.querySelectorAll(selectors.subject.join(','))].at(-1);
  // In order of preference: the whole dialog rather than the region inside it.
  for (const selector of selectors.composeFromSubject) {
    const root = subject?.closest(selector);
    if (root) return root;
  }
  return null;
}

function pressButton(button: HTMLElement): void {
  // Gmail's buttons act on the mouse-down/up pair, not on click alone.
  for (const type of ['mousedown', 'mouseup', 'click'] as const) {
    button.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: button.ownerDocument.defaultView }));
  }
}

export const gmail: WebmailAdapter = {
  id: 'gmail',
  name: 'Gmail',
  detect: (_doc, location) => location.hostname === 'mail.google.com',
  // Gmail re-renders its chrome often: the floating button stays put.
  buttonHost: () => null,
  hasCompose: (doc) => openCompose(doc) !== null,

  async openCompose(doc, signal) {
    const open = openCompose(doc);
    if (open) return open;
    pressButton(required(doc, selectors.newCompose, 'openCompose', 'Compose button'));
    return waitFor(doc.body, () => openCompose(doc), { timeoutMs: openTimeoutMs, step: 'openCompose', what: 'compose dialog', signal });
  },

  setRecipient(compose, address) {
    typeRecipient(required(compose, selectors.to, 'recipient', 'To field'), address);
  },

  setSubject(compose, subject) {
    setFieldValue(required<HTMLInputElement>(compose, selectors.subject, 'subject', 'subject field'), subject);
  },

  setBody(compose, body) {
    insertEditorText(required(compose, selectors.body, 'body', 'message body'), body);
  },

  async attach(compose, file, signal) {
    const input = queryFirst<HTMLInputElement>(compose, selectors.fileInput) ?? queryFirst<HTMLInputElement>(compose.ownerDocument, selectors.fileInput);
    await attachAndConfirm(
      compose,
      file,
      { input, dropTarget: () => required(compose, selectors.body, 'attach', 'drop target'), attachment: selectors.attachment },
      { timeoutMs: attachTimeoutMs, signal },
    );
  },

  readDraft(compose) {
    const subject = required<HTMLInputElement>(compose, selectors.subject, 'read', 'subject field').value;
    return { subject, body: readText(required(compose, selectors.body, 'read', 'message body')) };
  },

  selfCheck: (doc) =>
    runSelfCheck(doc, [
      { step: 'detect', what: 'Gmail page (Compose button)', selectors: selectors.newCompose },
      { step: 'openCompose', what: 'compose dialog (open one to check)', selectors: selectors.composeFromSubject },
      { step: 'recipient', what: 'To field', selectors: selectors.to },
      { step: 'subject', what: 'subject field', selectors: selectors.subject },
      { step: 'body', what: 'message body', selectors: selectors.body },
      { step: 'attach', what: 'file input', selectors: selectors.fileInput },
      { step: 'button', what: 'Send button', selectors: selectors.send },
    ]),
};

