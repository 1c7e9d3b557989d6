import { AdapterError, addressesOf, insertEditorText, isUntouched, leaving, queryAll, queryFirst, readText, required, setFieldValue, waitFor } from './dom';
import { pasteFile, stagedDrop } from './events';
import type { AdapterContext, ReadBack, SelectorMap, WebmailAdapter } from './types';

/**
 * Outlook on the web (new Outlook, OWA). Nobody on the team has captured its compose page: the selectors follow
 * the public 2025-26 evidence (../shared/fixtures/EVIDENCE-2026.md §1) and are checked on live pages by the
 * options page's self-check. Structural attributes first: labels are translated.
 */
export const outlookHosts = ['outlook.office.com', 'outlook.office365.com', 'outlook.cloud.microsoft', 'outlook.live.com'] as const;

const selectors = {
  marker: {
    step: 'detect',
    what: 'OWA page marker',
    css: [
      'script[src*="/owamail/"]', // owa.*.js, office-js #4390 2024, BRK 2026-03
      'link[href*="/owamail/"]', // favicons and styles, ZMB 2024-08
      'meta[content*="owamail"]', // BRK 2026-03
      'head [href*="cdn.office.net"]', // BRK 2026-03
    ],
  },
  // "New mail" by its label, in the ribbon only: never an unlabelled ribbon button (EVIDENCE §1, New mail).
  newMail: {
    step: 'openCompose',
    what: 'New mail button',
    css: [
      '[data-app-section="Ribbon"] button[aria-label="New mail"]', // OWA en 2026-07 (PB, live)
      '#innerRibbonContainer button[aria-label="New mail"]', // OWA en 2022-26 (ci:36431929372 and others)
      '[data-app-section="Ribbon"] button[aria-label="New message"]', // OWA en, older label (assumed)
      '[data-app-section="Ribbon"] button[aria-label="Nieuwe e-mail"]', // OWA nl, UNVERIFIED (EVIDENCE Q6)
      '[data-app-section="Ribbon"] button[aria-label="Nieuw bericht"]', // OWA nl, UNVERIFIED (EVIDENCE Q6)
      '[data-app-section="Ribbon"] button[aria-label="Nouveau message"]', // OWA fr, UNVERIFIED
      '[data-app-section="Ribbon"] button[aria-label="Nouveau courrier"]', // OWA fr, UNVERIFIED
      '#innerRibbonContainer button[aria-label="Nieuwe e-mail"]', // OWA nl, UNVERIFIED
      '#innerRibbonContainer button[aria-label="Nouveau message"]', // OWA fr, UNVERIFIED
    ],
  },
  body: {
    step: 'body',
    what: 'message body',
    css: [
      '[id^="editorParent_"] > [role="textbox"][contenteditable="true"][aria-multiline="true"]', // OWA ~2023 subtree (ci:20089265704)
      '[role="textbox"][contenteditable="true"][aria-multiline="true"]', // BRK test 2026-03
      '[aria-label="Message body"][contenteditable="true"]', // OWA en 2026-07 (PB, live)
    ],
  },
  // The compose around the body editor (BRK 2026-03, AX 2025-26).
  compose: {
    step: 'openCompose',
    what: 'compose form',
    css: [
      '[id^="docking_InitVisiblePart_"]', // docked in the reading pane, BRK 2026-03, AX 2025-26
      '[data-app-section="Form_Content"]', // popped-out compose, BRK 2026-03
      '[data-app-section="MailReadCompose"]', // AX 2025-26
    ],
  },
  // Recipient wells, To, Cc, Bcc in that order; the multi-line one is the body.
  wells: {
    step: 'recipient',
    what: 'To field',
    css: [
      'div[aria-label="To"][contenteditable="true"], div[aria-label="Cc"][contenteditable="true"], div[aria-label="Bcc"][contenteditable="true"]', // OWA en 2026-07 (PB, live)
      '[contenteditable="true"]:not([aria-multiline="true"])', // BRK 2026-03, any language
    ],
  },
  pill: { step: 'recipient', what: 'recipient pill', css: ['span[data-lpc-hover-target-id]'] }, // DD 2025-26
  subject: {
    step: 'subject',
    what: 'subject field',
    css: [
      'input[id^="MSG_"][id$="_SUBJECT"]', // OWA 2026-07 (PB, live; DD; UIA1)
      'input[type="text"][autocomplete="off"]', // the last one; BRK 2026-03
    ],
  },
  attachment: {
    step: 'attach',
    what: 'attachment card',
    css: [
      '[data-testid="AttachmentCard"]', // DD 2025-26 ("known stable")
      'div[aria-label^="Attachment"]', // DD 2025-26 fallback
    ],
  },
  // An upload still running (PWP: wait for it to end), on the card or inside it. Assumed markup: a progress bar, a busy
  // card, a spinner (Fluent v9's fui-Spinner, older ms-Spinner); the card's text is checked too (uploadingText).
  uploading: {
    step: 'attach',
    what: 'upload in progress',
    css: ['[role="progressbar"]', '[aria-busy="true"]', 'progress', '.fui-Spinner', '.ms-Spinner', '[class*="spinner" i]'],
  },
  send: {
    step: 'button',
    what: 'Send button',
    css: [
      '[data-testid="ComposeSendButton"] button:first-of-type', // TGL 2024-09, DD 2025-26
      'button.fui-SplitButton__primaryActionButton', // Fluent v9 static class, ci:40530745831 (2025-26)
    ],
  },
} as const satisfies SelectorMap;

/** What a card says while its upload runs, in the languages we serve (assumed wording: no capture shows it yet). */
const uploadingText = /uploading|bezig met (uploaden|bijvoegen)|wordt geüpload|chargement en cours|téléchargement en cours/iu;

const rootOf = (body: Element) => selectors.compose.css.map((css) => body.closest(css)).find((root) => root) ?? null;

/** Every open compose form, oldest first: the form around each body editor, hidden duplicates left out (PB). */
function composes(doc: Document): Element[] {
  const roots = queryAll(doc, selectors.body).map(rootOf);
  return [...new Set(roots)].filter((root): root is Element => root !== null && root.closest('[aria-hidden="true"], [hidden]') === null);
}

const wells = (compose: Element) => {
  const labelled = queryAll(compose, [selectors.wells.css[0]]);
  return labelled.length > 0 ? labelled : queryAll(compose, [selectors.wells.css[1]]);
};

function subjectField(compose: Element): HTMLInputElement {
  const field = queryFirst<HTMLInputElement>(compose, [selectors.subject.css[0]]) ?? queryAll<HTMLInputElement>(compose, [selectors.subject.css[1]]).at(-1);
  if (!field) throw new AdapterError('subject', 'subject field', 'notFound');
  return field;
}

/** A pill's address: the one in its title or label, else the name it shows (a recipient all the same). */
function pillAddress(pill: Element): string {
  const texts = [pill.getAttribute('title'), pill.getAttribute('aria-label'), pill.textContent].map((text) => text ?? '');
  const address = texts.map((text) => /[^\s<>(),;:"]+@[^\s<>(),;:"]+/u.exec(text)?.[0]).find((found) => found);
  return (address ?? pill.textContent ?? '').trim().toLowerCase();
}

/** Pills, plus any typed text not yet made a pill. */
function recipients(well: Element | undefined): string[] {
  if (!well) return [];
  const pills = queryAll(well, selectors.pill);
  const copy = well.cloneNode(true) as Element;
  for (const pill of queryAll(copy, selectors.pill)) pill.remove();
  return [...pills.map(pillAddress), ...addressesOf(readText(copy))].filter((address) => address !== '');
}

/** The attachment cards, innermost only: a fallback alternative may also match a list around them. */
function cards(compose: Element): Element[] {
  const found = queryAll(compose, selectors.attachment);
  return found.filter((card) => !found.some((other) => other !== card && card.contains(other)));
}

/** True while a card's upload runs, by whatever marks it: its role, busy state, a spinner, or its text. */
function cardUploading(card: Element): boolean {
  return selectors.uploading.css.some((css) => card.matches(css)) || queryFirst(card, selectors.uploading) !== null || uploadingText.test(card.textContent ?? '');
}

/** True while any attachment of this compose is still uploading. */
const uploading = (compose: Element) => cards(compose).some(cardUploading);

function readBack(compose: Element): ReadBack {
  const [to, cc, bcc] = wells(compose);
  return {
    to: recipients(to),
    cc: recipients(cc),
    bcc: recipients(bcc),
    // Outlook shows a From field only once the worker turned on "Show From"; no capture or source shows its markup
    // (EVIDENCE-2026 §1, test/fixtures/outlook), so the read-back cannot name a choice: '' (none shown). Nor has its
    // compose a Reply-To field (set per account, not per mail): none in the fixtures or the evidence.
    from: '',
    replyTo: [],
    followupTo: [],
    subject: subjectField(compose).value,
    body: readText(required(compose, selectors.body, 'read')),
    // Finished uploads only: while one runs, none counts (the caller waits for the end).
    attachments: uploading(compose) ? [] : cards(compose).map((card) => (card.getAttribute('title') ?? card.textContent ?? '').trim()),
  };
}

function untouched(compose: Element): boolean {
  try {
    return isUntouched(readBack(compose));
  } catch {
    return false; // a compose we cannot read is not ours to fill
  }
}

/**
 * The compose on screen as the new one replaces it (issue 21.10). Nothing to save first: OWA saves a compose as a draft
 * by itself while it is edited (PB, live 2026-07: "Draft saved" after a fill; EVIDENCE-2026 §1), and "New mail" opens
 * the new compose beside it. Whether it stayed open is read once the new one is there.
 */
function leftBehind(compose: Element): ReturnType<typeof leaving> {
  try {
    return leaving(readBack(compose));
  } catch {
    return { kind: 'draft', heldOurZip: false }; // someone's, but unreadable: the notice still says so
  }
}

/** Types as the editor expects (BRK): execCommand keeps the editor's own state; happy-dom and old engines lack it. */
function insertText(field: HTMLElement, text: string): void {
  const doc = field.ownerDocument;
  const done = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  if (done) return;
  field.append(doc.createTextNode(text));
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
}

async function fillTo(compose: Element, address: string, { timeouts, signal }: AdapterContext): Promise<void> {
  const well = wells(compose)[0];
  if (!(well instanceof HTMLElement)) throw new AdapterError('recipient', 'To field', 'notFound');
  // A collapsed reply row becomes editable on focusin (BRK makeFieldsEditable). Never Escape: it discards (PB).
  well.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
  well.focus();
  insertText(well, address);
  insertText(well, ',');
  await waitFor(compose.ownerDocument.documentElement, () => queryAll(well, selectors.pill).some((pill) => pillAddress(pill) === address), {
    timeoutMs: timeouts.chipMs, step: 'recipient', what: 'recipient pill', signal,
  });
}

export const outlook: WebmailAdapter = {
  id: 'outlook',
  name: 'Outlook op het web',
  selectors,
  detect: (doc, location) => (outlookHosts as readonly string[]).includes(location.hostname) || queryFirst(doc, selectors.marker) !== null,
  // Outlook re-renders its ribbon often: the floating button stays put.
  buttonHost: () => null,
  currentCompose: (doc) => composes(doc).at(-1) ?? null,

  async freshCompose({ doc, timeouts, signal }) {
    const current = outlook.currentCompose(doc);
    if (current && untouched(current)) return { kind: 'compose', compose: current, displaced: null };
    const left = current ? leftBehind(current) : null;
    const before = new Set(composes(doc));
    required(doc, selectors.newMail).click();
    const compose = await waitFor(doc.documentElement, () => composes(doc).find((root) => !before.has(root)), {
      timeoutMs: timeouts.openMs, step: 'openCompose', what: 'new compose form', signal,
    });
    // Still open beside the new one, or closed by the webmail (its autosave keeps drafts: not seen by us).
    const displaced = left && current ? { ...left, savedAs: composes(doc).includes(current) ? ('kept' as const) : ('unknown' as const) } : null;
    return { kind: 'compose', compose, displaced };
  },

  async setRecipient(compose, address, context) {
    await fillTo(compose, address, context);
    if (!readBack(compose).to.includes(address)) throw new AdapterError('recipient', 'recipient pill', 'notShown');
  },

  setSubject(compose, subject) {
    setFieldValue(subjectField(compose), subject);
  },

  setBody(compose, body) {
    insertEditorText(required(compose, selectors.body), body);
  },

  attachTiers: [
    // No zone: OWA's drop targets take the file at the compose's centre once dragover set the drag state (M21).
    { id: 'drop', run: (compose, file, { timeouts, signal }) => stagedDrop(compose, file, { timeoutMs: timeouts.tierMs, signal }) },
    // New Outlook makes an attachment of a file pasted into the body (UIA1).
    { id: 'paste', run: async (compose, file) => pasteFile(required(compose, selectors.body, 'attach'), file) },
  ],

  uploading,

  readBack: (compose) => readBack(compose),
};
