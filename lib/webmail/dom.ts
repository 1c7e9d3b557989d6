/**
 * DOM helpers shared by the webmail adapters. They run in the content script, on pages we do not control:
 * every required element that is missing throws an AdapterError naming the adapter and the element, so the
 * panel can fall back and say which step failed. No fixed sleeps: waits are observers with a timeout.
 */
import type { AdapterStep, Displaced, SelfCheckItem } from '../messages';
import { AdapterError } from './failure';
import type { ReadBack, SelectorEntry, SelectorMap } from './types';

export type { AdapterStep, Displaced, SelfCheckItem };
export { AdapterError };

type Alternatives = SelectorEntry | readonly string[];
const cssOf = (alternatives: Alternatives): readonly string[] => ('css' in alternatives ? alternatives.css : alternatives);

/** The first element matching any of the alternatives (a selector map entry or a list), in order of preference. */
export function queryFirst<T extends Element = HTMLElement>(root: ParentNode, alternatives: Alternatives): T | null {
  for (const selector of cssOf(alternatives)) {
    const found = root.querySelector<T & Element>(selector);
    if (found) return found;
  }
  return null;
}

/**
 * Every element matching the first alternative that matches anything, in document order (issue 20.10). Never the
 * alternatives joined: a fallback written for another variant of the page (`div[aria-label^="Attachment"]`) would
 * then also match what surrounds the preferred one (a list labelled "Attachments" around the cards).
 */
export function queryAll<T extends Element = HTMLElement>(root: ParentNode, alternatives: Alternatives): T[] {
  for (const selector of cssOf(alternatives)) {
    const found = [...root.querySelectorAll<T & Element>(selector)];
    if (found.length > 0) return found;
  }
  return [];
}

/** Like queryFirst, but a missing element is an AdapterError for the entry's step: "<what> not found". */
export function required<T extends Element = HTMLElement>(root: ParentNode, entry: SelectorEntry, step?: AdapterStep): T {
  const found = queryFirst<T>(root, entry);
  if (!found) throw new AdapterError(step ?? (entry.step === 'button' ? 'detect' : entry.step), entry.what, 'notFound');
  return found;
}

/** The self-check: every entry of an adapter's selector map, found on this page or not (names only, no content). */
export function selfCheckOf(doc: Document, selectors: SelectorMap): SelfCheckItem[] {
  return Object.values(selectors).map(({ step, what, css }) => ({ step, what, found: queryFirst(doc, css) !== null }));
}

/** Resolves with the first truthy value of `probe`, checked on every DOM change, up to `timeoutMs`. */
export function waitFor<T>(
  root: Node,
  probe: () => T | null | undefined | false,
  options: { timeoutMs: number; step: AdapterStep; what: string; signal?: AbortSignal | undefined },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const first = probe();
    if (first) {
      resolve(first);
      return;
    }
    const finish = (outcome: () => void) => {
      observer.disconnect();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const observer = new MutationObserver(() => {
      const value = probe();
      if (value) finish(() => resolve(value));
    });
    const onAbort = () => finish(() => reject(new AdapterError(options.step, options.what, 'cancelled')));
    const timer = setTimeout(() => finish(() => reject(new AdapterError(options.step, options.what, 'timeout'))), options.timeoutMs);
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    options.signal?.addEventListener('abort', onAbort);
  });
}

/**
 * Sets a form field's value the way typing would: through the prototype's value setter (so frameworks that
 * track the value, such as React, see the change) and with input and change events.
 */
export function setFieldValue(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  field.focus();
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Inserts plain text into a contenteditable editor at its start, line by line, as text nodes and <br>s: no
 * markup is parsed (Gmail enforces Trusted Types: no HTML strings into its pages), and an input event tells the editor.
 */
export function insertEditorText(editor: HTMLElement, text: string): void {
  editor.focus();
  const doc = editor.ownerDocument;
  const fragment = doc.createDocumentFragment();
  text.split('\n').forEach((line, index) => {
    if (index > 0) fragment.append(doc.createElement('br'));
    if (line !== '') fragment.append(doc.createTextNode(line));
  });
  // Keep what the editor already holds (a signature) below our text, after an empty line.
  if (editor.textContent?.trim()) fragment.append(doc.createElement('br'), doc.createElement('br'));
  editor.insertBefore(fragment, editor.firstChild);
  editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
}

const blockElements = new Set(['DIV', 'P', 'LI', 'TR', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TABLE']);

/**
 * Text of an editor or field for the leak check, with a line break for every <br> and block: the same in every
 * browser (innerText depends on layout and style), so words on separate lines never run together.
 */
export function readText(element: Element): string {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return element.value;
  let text = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue ?? '';
      else if (child.nodeName === 'BR') text += '\n';
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const block = blockElements.has(child.nodeName);
        if (block && text !== '' && !text.endsWith('\n')) text += '\n';
        walk(child);
        if (block && !text.endsWith('\n')) text += '\n';
      }
    }
  };
  walk(element);
  return text;
}

/**
 * The addresses in a recipient field's text ("An <an@example.org>, bo@example.org;"): the part in angle brackets
 * when there is one, lowercased, empties dropped. What the read-back compares with the recipient's mailbox.
 */
export function addressesOf(text: string): string[] {
  return text
    .split(/[,;\n]/u)
    .map((part) => (/<([^>]*)>/u.exec(part)?.[1] ?? part).trim().toLowerCase())
    .filter((address) => address !== '');
}

/**
 * True when a compose form holds nothing of anyone: no recipients (Reply-To and Followup-To included: a compose whose
 * answers go elsewhere is someone's, issue 20.1), subject, attachments, and no body text unless `bodyMayHoldSignature`
 * (a page the webmail just opened for us). Only such a form is ours to fill.
 */
export function isUntouched(draft: ReadBack, bodyMayHoldSignature = false): boolean {
  const routed = draft.to.length + draft.cc.length + draft.bcc.length + draft.replyTo.length + draft.followupTo.length;
  const empty = routed + draft.attachments.length === 0 && draft.subject.trim() === '';
  return empty && (bodyMayHoldSignature || draft.body.trim() === '');
}

/** An earlier referral's zip as a webmail lists it ("aanmelding-KG-7F3Q-2M9X.zip", shortened or with its size). */
const ourZip = /aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}/u;

/**
 * A compose about to be left for a new one (issue 21.10), without its content: an answer or a forward by its subject's
 * prefix (the webmails' own: Re, AW, Antw; Fwd, FW, TR, Doorst, WG), unless the webmail says which (`kind`), else a
 * mail in progress; and whether it holds a zip of ours.
 */
export function leaving(draft: ReadBack, kind?: Displaced['kind']): Omit<Displaced, 'savedAs'> {
  const subject = draft.subject.trim();
  const byPrefix = /^(re|aw|antw)\s*(\[\d+\])?\s*:/iu.test(subject) ? 'reply' : /^(fwd?|tr|doorst|wg)\s*:/iu.test(subject) ? 'forward' : 'draft';
  return { kind: kind ?? byPrefix, heldOurZip: draft.attachments.some((name) => ourZip.test(name)) };
}
