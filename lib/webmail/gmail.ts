import { dropFile, insertEditorText, queryFirst, readText, required, runSelfCheck, setFieldValue, setInputFile, typeRecipient, waitFor } from './dom';
import type { WebmailAdapter } from './types';

/**
 * Gmail (mail.google.com). Class names are Gmail's obfuscated but long-lived ones; aria-labels are translated
 * (Flemish users run Gmail in Dutch), so none is used. Sources: test/fixtures/SOURCES.md.
 */
const selectors = {
  // New Message dialog, captured 2020 and unchanged in later captures.
  compose: ['div.nH.Hd[role="dialog"]', 'div.aoI[role="region"]'],
  // The left-hand Compose button ("Opstellen" in Dutch).
  newCompose: ['div.T-I.T-I-KE.L3[role="button"]', 'div[gh="cm"]'],
  to: [
    'input.agP.aFw[peoplekit-id="BbVjBd"]', // PeopleKit recipient combobox, since October 2021
    'input[peoplekit-id="BbVjBd"]',
    'textarea.vO[name="to"]', // before October 2021
  ],
  subject: ['input[name="subjectbox"]'],
  body: ['div.Am.Al.editable[contenteditable="true"]', 'div[g_editable="true"][contenteditable="true"][role="textbox"]'],
  fileInput: ['input[type="file"][name="Filedata"]'],
  // An attachment chip in the compose form; its download link carries the file name.
  attachment: ['div.dL', 'div[role="listitem"] input[name="attach"]'],
  sendBar: ['tr.btC', 'div.aDh'],
  // Host for our button in the main view: the column that holds the Compose button.
  buttonHost: ['div.aic', 'div.T-I.T-I-KE.L3[role="button"]'],
} as const;

const openTimeoutMs = 8_000;
const attachTimeoutMs = 30_000;

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
  buttonHost: (doc) => queryFirst(doc, selectors.buttonHost)?.parentElement ?? null,
  hasCompose: (doc) => queryFirst(doc, selectors.compose) !== null,

  async openCompose(doc, signal) {
    const open = [...doc.querySelectorAll(selectors.compose.join(','))].at(-1);
    if (open) return open;
    pressButton(required(doc, selectors.newCompose, 'openCompose', 'Compose button'));
    return waitFor(doc.body, () => [...doc.querySelectorAll(selectors.compose.join(','))].at(-1), {
      timeoutMs: openTimeoutMs, step: 'openCompose', what: 'compose dialog', signal,
    });
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
    if (input) setInputFile(input, file);
    else dropFile(required(compose, selectors.body, 'attach', 'drop target'), file);
    await waitFor(compose, () => [...compose.querySelectorAll(selectors.attachment.join(','))].some((chip) => chip.textContent?.includes(file.name)), {
      timeoutMs: attachTimeoutMs, step: 'attach', what: 'attachment chip', signal,
    });
  },

  readDraft(compose) {
    const subject = required<HTMLInputElement>(compose, selectors.subject, 'read', 'subject field').value;
    return { subject, body: readText(required(compose, selectors.body, 'read', 'message body')) };
  },

  selfCheck: (doc) =>
    runSelfCheck(doc, [
      { step: 'button', what: 'Compose button column', selectors: selectors.buttonHost },
      { step: 'openCompose', what: 'Compose button', selectors: selectors.newCompose },
      { step: 'openCompose', what: 'compose dialog (open one to check)', selectors: selectors.compose },
      { step: 'recipient', what: 'To field', selectors: selectors.to },
      { step: 'subject', what: 'subject field', selectors: selectors.subject },
      { step: 'body', what: 'message body', selectors: selectors.body },
      { step: 'attach', what: 'file input', selectors: selectors.fileInput },
    ]),
};

