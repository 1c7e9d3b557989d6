import { addressesOf, AdapterError, insertEditorText, isUntouched, leaving, queryAll, queryFirst, readText, required, setFieldValue, waitFor } from './dom';
import { dropFile, setInputFile } from './events';
import { roundcubeComposeQuery } from './hosts';
import type { AdapterContext, Displaced, ReadBack, SelectorMap, WebmailAdapter } from './types';

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
  // The sending identity: a select of the user's identities, each option "name <address>" (value: the identity's id).
  from: { step: 'read', what: 'From identity', css: ['select#_from[name="_from"]', 'select[name="_from"]', 'input[name="_from"]'] },
  // Reply-To and Followup-To: inputs the recipient widgets mirror, in the form even while elastic hides their rows
  // until "Add Reply-To"; a compose link (?_replyto=…&_followupto=…) fills them (issue 20.1).
  replyTo: { step: 'read', what: 'Reply-To field', css: ['input#_replyto[name="_replyto"]', '[name="_replyto"]'] },
  followupTo: { step: 'read', what: 'Followup-To field', css: ['input#_followupto[name="_followupto"]', '[name="_followupto"]'] },
  subject: { step: 'subject', what: 'subject field', css: ['input#compose-subject', 'input[name="_subject"]'] },
  bodyPlain: { step: 'body', what: 'message body', css: ['textarea#composebody[name="_message"]', 'textarea[name="_message"]'] },
  bodyHtmlFrame: { step: 'body', what: 'HTML editor', css: ['iframe#composebody_ifr'] }, // TinyMCE 5, when composing in HTML
  isHtml: { step: 'body', what: 'editor mode', css: ['input[name="_is_html"]'] },
  fileInput: { step: 'attach', what: 'file input', css: ['input#uploadformInput[type="file"]', 'form#uploadformFrm input[type="file"]'] },
  dropZone: { step: 'attach', what: 'attachment drop zone', css: ['#compose-attachments.droptarget', '#compose-attachments'] },
  uploading: { step: 'attach', what: 'upload in progress', css: ['#attachment-list li.uploading'] },
  uploaded: { step: 'attach', what: 'uploaded attachment', css: ['#attachment-list li[id^="rcmfile"]'] },
  // Leaving a compose for a new one (issue 21.10): its own Save button (onclick rcmail.command('savedraft')), the
  // Drafts uid it writes back once saved (set_draft_id), and its message stack while saving and on an error.
  saveDraft: { step: 'openCompose', what: 'Save button', css: ['#toolbar-menu a.save.draft', 'a.save.draft'] },
  draftSaveId: { step: 'openCompose', what: 'saved draft id', css: ['input[name="_draft_saveid"]'] },
  saving: { step: 'openCompose', what: 'save in progress', css: ['#messagestack .loading'] },
  saveError: { step: 'openCompose', what: 'save error', css: ['#messagestack .error'] },
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
  keepClear: ['#layout > div > .footer, .floating-action-buttons'], // one alternative: both kinds at once
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

/** The selected identity's address ("tester <tester@127.0.0.1>" → tester@127.0.0.1); '' when the form has no choice. */
function fromAddress(compose: Element): string {
  const field = queryFirst<HTMLSelectElement | HTMLInputElement>(compose, selectors.from);
  const text = field instanceof HTMLSelectElement ? (field.selectedOptions[0]?.textContent ?? '') : (field?.value ?? '');
  return addressesOf(text)[0] ?? '';
}

/** Roundcube's own word on what a compose is (rcmail.set_env in the page's inline script), read as text: no page script runs. */
function composeMode(doc: Document): Displaced['kind'] | undefined {
  for (const script of doc.querySelectorAll('script:not([src])')) {
    const mode = /"compose_mode":"([a-z]+)"/u.exec(script.textContent ?? '')?.[1];
    if (mode === 'reply' || mode === 'forward') return mode;
    if (mode === 'draft' || mode === 'edit') return 'draft';
  }
  return undefined;
}

/** The body without the signature Roundcube adds to a new compose ("-- " and what follows). */
const withoutSignature = (body: string) => body.replace(/(^|\n)-- ?\n[\s\S]*$/u, '');

/**
 * Leaving the compose on screen (issue 21.10). Roundcube throws it away on leaving: it only asks first when it changed
 * since its last save and the worker touched the page (Chromium shows no beforeunload question to a page without a
 * user gesture), it autosaves every draft_autosave seconds (300 by default), and the copy it keeps in localStorage is
 * removed on leaving. So a compose holding anything is saved with Roundcube's own Save first, and the tab leaves only
 * once the save is confirmed (a new Drafts uid in _draft_saveid, or none needed: saved already and unchanged since,
 * when Roundcube starts no save). A save that fails keeps the compose where it is and the draft step stops there.
 */
async function saveBeforeLeaving(doc: Document, compose: Element, { timeouts, signal }: AdapterContext): Promise<Displaced | null> {
  const draft = readBack(compose);
  if (isUntouched({ ...draft, body: withoutSignature(draft.body) })) return null;
  const left = leaving(draft, composeMode(doc));
  const saveId = () => queryFirst<HTMLInputElement>(doc, selectors.draftSaveId)?.value ?? '';
  const errors = new Set(queryAll(doc, selectors.saveError));
  const fail = (why: string) => new AdapterError('openCompose', '', 'notSaved', { ...left, savedAs: 'kept' }, why);
  try {
    // Roundcube saves only finished uploads and refuses commands while busy: let an upload end first.
    await waitFor(doc.documentElement, () => !queryFirst(doc, selectors.uploading), { timeoutMs: timeouts.tierMs, step: 'openCompose', what: 'upload in progress', signal });
    const before = saveId();
    required(doc, selectors.saveDraft).click();
    const outcome = await waitFor(
      doc.documentElement,
      () => {
        const now = saveId();
        if (now !== '' && now !== before) return 'saved';
        if (queryAll(doc, selectors.saveError).some((error) => !errors.has(error))) return 'error';
        // Saved before and unchanged since: Roundcube starts no save (no "saving" message), the Drafts copy is current.
        if (before !== '' && !queryFirst(doc, selectors.saving)) return 'current';
        return null;
      },
      { timeoutMs: timeouts.openMs, step: 'openCompose', what: 'draft saved', signal },
    );
    if (outcome === 'error') throw fail('Roundcube reported an error');
  } catch (error) {
    if (error instanceof AdapterError && error.displaced) throw error;
    throw fail(error instanceof AdapterError ? error.message : 'unexpected error');
  }
  return { ...left, savedAs: 'draft' };
}

function readBack(compose: Element): ReadBack {
  const doc = compose.ownerDocument;
  return {
    to: addressesOf(fieldValue(compose, selectors.to)),
    cc: addressesOf(fieldValue(compose, selectors.cc)),
    bcc: addressesOf(fieldValue(compose, selectors.bcc)),
    from: fromAddress(compose),
    replyTo: addressesOf(fieldValue(compose, selectors.replyTo)),
    followupTo: addressesOf(fieldValue(compose, selectors.followupTo)),
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

  async freshCompose(context, { afterNavigation }) {
    const { doc } = context;
    // Only the page we opened for this draft (it may carry the worker's signature). A compose already on screen is
    // never reused, however empty it looks: a link can fill what the form does not show, such as Reply-To or the
    // message it answers (issue 20.1). One page load of our own costs less than that doubt.
    const compose = roundcube.currentCompose(doc);
    if (afterNavigation === true && compose && isUntouched(readBack(compose), true)) return { kind: 'compose', compose, displaced: null };
    // Roundcube composes on a page of its own: a new one, never the reply or the half-written mail on screen, which
    // is saved as a draft before the tab leaves it (issue 21.10). Not a page we opened ourselves that something filled.
    const displaced = compose && afterNavigation !== true ? await saveBeforeLeaving(doc, compose, context) : null;
    return { kind: 'navigate', url: `${doc.location.pathname}${roundcubeComposeQuery}`, displaced };
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

  uploading: (compose) => queryFirst(compose.ownerDocument, selectors.uploading) !== null,

  readBack(compose) {
    if (!queryFirst(compose, selectors.subject)) throw new AdapterError('read', 'subject field', 'notFound');
    return readBack(compose);
  },
};
