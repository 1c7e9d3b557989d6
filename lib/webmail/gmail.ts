import { AdapterError, addressesOf, insertEditorText, isUntouched, leaving, queryAll, queryFirst, readText, required, setFieldValue, waitFor } from './dom';
import { pasteText, setInputFile, stagedDrop } from './events';
import type { AdapterContext, ReadBack, SelectorEntry, SelectorMap, WebmailAdapter } from './types';

/**
 * Gmail (mail.google.com). Obfuscated but long-lived class names and structural attributes only: labels are
 * translated (Flemish users run Gmail in Dutch). Evidence: ../shared/fixtures/EVIDENCE-2026.md §2 and
 * test/fixtures/SOURCES.md.
 */
const selectors = {
  composeButton: {
    step: 'openCompose',
    what: 'Compose button',
    css: [
      'div[gh="cm"]', // classic left rail, ISDK 2026-07 and IRB audit 2026-07
      '.aic div[role="button"].L3', // integrated view (Chat/Meet rail), ISDK 2026-07
    ],
  },
  subject: { step: 'subject', what: 'subject field', css: ['input[name="subjectbox"]'] }, // 2020 capture, ISDK 2026-07, G25 2025-04
  compose: {
    step: 'openCompose',
    what: 'compose form',
    css: [
      'div.nH.Hd[role="dialog"]', // New Message dialog, 2020 capture, ISDK 2026-07
      'div.ip.adB', // inline reply in a thread, G25 2025-04
      'div.aoI[role="region"]', // compose region, 2020 capture
      'div.M9', // compose content, G25 2025-04
      '[role="dialog"]', // any dialog around the subject, ISDK 2026-07
    ],
  },
  to: {
    step: 'recipient',
    what: 'To field',
    css: [
      'div[name="to"] input[role="combobox"]', // PeopleKit, since 2021-10; ISDK 2026-07 (div.anm[name=to])
      'textarea.vO[name="to"]', // before 2021-10, 2020 capture
    ],
  },
  toChips: { step: 'read', what: 'To chips', css: ['div[name="to"] div[data-hovercard-id]', 'div[name="to"] [email]'] }, // G25 2025-04; [email]: pre-2021
  ccChips: { step: 'read', what: 'Cc chips', css: ['div[name="cc"] div[data-hovercard-id]', 'div[name="cc"] [email]'] }, // G25 2025-04
  bccChips: { step: 'read', what: 'Bcc chips', css: ['div[name="bcc"] div[data-hovercard-id]', 'div[name="bcc"] [email]'] }, // G25 2025-04
  body: {
    step: 'body',
    what: 'message body',
    css: [
      'div[g_editable="true"][role="textbox"][contenteditable="true"]', // 2020 capture, ISDK 2026-07
      'div.Am.Al.editable[contenteditable="true"]', // 2020 capture, G25 2025-04
    ],
  },
  // The sending address when the user may choose one (aliases, "Send mail as"): Gmail keeps the choice in this hidden
  // input and leaves it empty when there is none to make (2020 capture, 2024 fixtures; InboxSDK's getFromContact reads
  // it the same way, ISDK 2026-07).
  from: { step: 'read', what: 'From address', css: ['input[type="hidden"][name="from"]', 'input[name="from"]'] },
  // The user's signature in a fresh compose: not "text" that makes a compose someone's mail (ISDK, G25).
  signature: { step: 'read', what: 'signature', css: ['.gmail_signature', '[data-smartmail="gmail_signature"]'] },
  fileInput: { step: 'attach', what: 'file input', css: ['input[type="file"][name="Filedata"]'] }, // 2020 capture; unconfirmed 2025-26
  // Built on body by Gmail only during a drag over a compose; .aC7 without .aWP inserts inline. ISDK 2026-07.
  dropZone: { step: 'attach', what: 'attachment drop zone', css: ['body > div.aC7.aWP'] },
  attachment: { step: 'attach', what: 'attachment chip', css: ['div.dL'] }, // G25 2025-04
  attachmentName: { step: 'attach', what: 'attachment name', css: ['.vI'] }, // G25 2025-04
  // Present in the chip once the upload finished (ci:17937505998, ci:35336169250).
  uploaded: { step: 'attach', what: 'finished upload', css: ['input[name="attach"]'] },
  send: { step: 'button', what: 'Send button', css: ['tr.btC div.T-I.aoO[role="button"]', '.btC [role="button"].T-I.aoO'] }, // 2020 capture, G25 2025-04
} as const satisfies SelectorMap;

const newComposeHash = '#inbox?compose=new';

/** Every open compose form, oldest first: the form around each subject field. */
function composes(doc: Document): Element[] {
  const roots = queryAll(doc, selectors.subject).map((subject) => selectors.compose.css.map((css) => subject.closest(css)).find((root) => root) ?? null);
  return roots.filter((root): root is Element => root !== null && root.closest('[aria-hidden="true"], [hidden]') === null);
}

/** The address a chip stands for: its email attribute, else the name it shows (a recipient all the same). */
function chipAddress(chip: Element): string {
  const address = chip.getAttribute('data-hovercard-id') ?? chip.getAttribute('email') ?? chip.textContent ?? '';
  return address.trim().toLowerCase();
}

function recipients(compose: Element, chips: SelectorEntry, name: string): string[] {
  // Before 2021-10 the recipients were plain textareas (2020 capture).
  const old = compose.querySelector<HTMLTextAreaElement>(`textarea[name="${name}"]`);
  return [...queryAll(compose, chips).map(chipAddress), ...(old ? addressesOf(old.value) : [])].filter((address) => address !== '');
}

/** Text of the body without the signature block. */
function bodyText(body: Element, keepSignature: boolean): string {
  if (keepSignature) return readText(body);
  const copy = body.cloneNode(true) as Element;
  for (const signature of queryAll(copy, selectors.signature)) signature.remove();
  return readText(copy);
}

function readBack(compose: Element, keepSignature = true): ReadBack {
  return {
    to: recipients(compose, selectors.toChips, 'to'),
    cc: recipients(compose, selectors.ccChips, 'cc'),
    bcc: recipients(compose, selectors.bccChips, 'bcc'),
    from: addressesOf(queryFirst<HTMLInputElement>(compose, selectors.from)?.value ?? '')[0] ?? '',
    // Gmail's compose has no Reply-To field: Reply-To is a setting of a "Send mail as" address, not of one mail
    // (none in the 2020 capture, the 2024 fixtures or EVIDENCE-2026 §2). The From above names the address it goes with.
    replyTo: [],
    followupTo: [],
    subject: required<HTMLInputElement>(compose, selectors.subject, 'read').value,
    body: bodyText(required(compose, selectors.body, 'read'), keepSignature),
    // Finished uploads only: a chip without its attach input is still uploading.
    attachments: queryAll(compose, selectors.attachment)
      .filter((chip) => queryFirst(chip, selectors.uploaded) !== null)
      .map((chip) => (queryFirst(chip, selectors.attachmentName)?.textContent ?? '').trim()),
  };
}

function untouched(compose: Element): boolean {
  try {
    return isUntouched(readBack(compose, false));
  } catch {
    return false; // a compose we cannot read is not ours to fill
  }
}

/**
 * The compose on screen as the new one opens (issue 21.10). Nothing to save first: Gmail keeps every compose as a
 * draft by itself, and the Compose button opens the new one beside the open ones (assumed: EVIDENCE-2026 says nothing
 * of it and we never saw it live). So whether it stayed open is read once the new one is there. An inline compose in
 * a thread answers it, unless its subject says forward.
 */
function leftBehind(compose: Element): ReturnType<typeof leaving> {
  const inline = compose.matches(selectors.compose.css[1]);
  try {
    const left = leaving(readBack(compose, false));
    return inline && left.kind === 'draft' ? { ...left, kind: 'reply' } : left;
  } catch {
    return { kind: inline ? 'reply' : 'draft', heldOurZip: false };
  }
}

function pressButton(button: HTMLElement): void {
  // Gmail's buttons act on the mouse-down/up pair, not on click alone.
  for (const type of ['mousedown', 'mouseup', 'click'] as const) {
    button.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: button.ownerDocument.defaultView }));
  }
}

const wait = (compose: Element, probe: () => boolean, what: string, timeoutMs: number, signal?: AbortSignal) =>
  waitFor(compose.ownerDocument.documentElement, probe, { timeoutMs, step: 'recipient', what, signal });

async function fillTo(compose: Element, address: string, { timeouts, signal }: AdapterContext): Promise<void> {
  const field = required(compose, selectors.to);
  const shown = () => readBack(compose).to.includes(address);
  if (field instanceof HTMLTextAreaElement) {
    setFieldValue(field, address);
    return;
  }
  pasteText(field, address);
  await wait(compose, shown, 'recipient chip', timeouts.chipMs, signal).catch(() => undefined);
  // Gmail resets the recipients of a fresh compose once, asynchronously (ISDK): watch for that, re-apply once.
  const reset = await wait(compose, () => !shown(), 'recipient reset', timeouts.chipMs, signal).then(
    () => true,
    () => false,
  );
  if (signal?.aborted) throw new AdapterError('recipient', 'recipient', 'cancelled');
  if (reset || !shown()) {
    pasteText(field, address);
    await wait(compose, shown, 'recipient chip', timeouts.chipMs, signal).catch(() => undefined);
  }
}

/** This compose's attach drop zone: the one over it when Gmail built several, else the newest. */
function dropZoneOf(compose: Element): Element | null {
  const zones = queryAll(compose.ownerDocument, selectors.dropZone);
  const box = compose.getBoundingClientRect();
  const over = zones.filter((zone) => {
    const rect = zone.getBoundingClientRect();
    return rect.width > 0 && box.width > 0 && rect.left < box.right && rect.right > box.left && rect.top < box.bottom && rect.bottom > box.top;
  });
  return over.at(-1) ?? zones.at(-1) ?? null;
}

const imageOnly = (input: HTMLInputElement) => {
  const accept = input.accept.split(',').map((type) => type.trim()).filter((type) => type !== '');
  return accept.length > 0 && accept.every((type) => type.startsWith('image/') || /^\.(png|jpe?g|gif|webp|heic|bmp)$/iu.test(type));
};

export const gmail: WebmailAdapter = {
  id: 'gmail',
  name: 'Gmail',
  selectors,
  detect: (_doc, location) => location.hostname === 'mail.google.com',
  // Gmail re-renders its chrome often: the floating button stays put.
  buttonHost: () => null,
  currentCompose: (doc) => composes(doc).at(-1) ?? null,

  async freshCompose({ doc, timeouts, signal }) {
    const current = gmail.currentCompose(doc);
    if (current && untouched(current)) return { kind: 'compose', compose: current, displaced: null };
    const left = current ? leftBehind(current) : null;
    const before = new Set(composes(doc));
    const button = queryFirst(doc, selectors.composeButton);
    if (button) pressButton(button);
    else {
      // Opens an empty compose in the running app (EVIDENCE Q2); the same hash twice would change nothing.
      if (doc.location.hash === newComposeHash) doc.location.hash = '#inbox';
      doc.location.hash = newComposeHash;
    }
    const compose = await waitFor(doc.documentElement, () => composes(doc).find((root) => !before.has(root)), {
      timeoutMs: timeouts.openMs, step: 'openCompose', what: 'new compose form', signal,
    });
    // Still open beside the new one, or closed by the webmail (its autosave keeps drafts: not seen by us).
    const displaced = left && current ? { ...left, savedAs: composes(doc).includes(current) ? ('kept' as const) : ('unknown' as const) } : null;
    return { kind: 'compose', compose, displaced };
  },

  async setRecipient(compose, address, context) {
    await fillTo(compose, address, context);
    if (!readBack(compose).to.includes(address)) throw new AdapterError('recipient', 'recipient chip', 'notShown');
  },

  setSubject(compose, subject) {
    setFieldValue(required<HTMLInputElement>(compose, selectors.subject), subject);
  },

  setBody(compose, body) {
    insertEditorText(required(compose, selectors.body), body);
  },

  attachTiers: [
    {
      id: 'drop',
      run: (compose, file, { timeouts, signal }) => stagedDrop(compose, file, { zone: () => dropZoneOf(compose), timeoutMs: timeouts.tierMs, signal }),
    },
    {
      id: 'input',
      async run(compose, file) {
        // This compose's own input only: another compose's would attach to the wrong mail.
        const input = queryAll<HTMLInputElement>(compose, selectors.fileInput).find((candidate) => !imageOnly(candidate));
        if (!input) throw new AdapterError('attach', 'file input', 'notFound');
        setInputFile(input, file);
      },
    },
  ],

  // A chip without its attach input is still uploading.
  uploading: (compose) => queryAll(compose, selectors.attachment).some((chip) => queryFirst(chip, selectors.uploaded) === null),

  readBack: (compose) => readBack(compose),
};
