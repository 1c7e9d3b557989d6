/**
 * DOM helpers shared by the webmail adapters. They run in the content script, on pages we do not control:
 * every required element that is missing throws an AdapterError naming the adapter and the element, so the
 * panel can fall back and say which step failed. No fixed sleeps: waits are observers with a timeout.
 */
import type { AdapterStep, SelfCheckItem } from '../messages';

export type { AdapterStep, SelfCheckItem };

export class AdapterError extends Error {
  constructor(
    readonly step: AdapterStep,
    message: string,
  ) {
    super(message);
    this.name = 'AdapterError';
  }
}

/** The first element matching any of the alternatives, in order of preference. */
export function queryFirst<T extends Element = HTMLElement>(root: ParentNode, alternatives: readonly string[]): T | null {
  for (const selector of alternatives) {
    const found = root.querySelector<T & Element>(selector);
    if (found) return found;
  }
  return null;
}

/** Like queryFirst, but a missing element is an AdapterError: "<adapter>: <what> not found". */
export function required<T extends Element = HTMLElement>(
  root: ParentNode,
  alternatives: readonly string[],
  step: AdapterStep,
  what: string,
): T {
  const found = queryFirst<T>(root, alternatives);
  if (!found) throw new AdapterError(step, `${what} not found`);
  return found;
}

/** Resolves with the first element matching the alternatives, waiting for DOM changes up to `timeoutMs`. */
export function waitForElement<T extends Element = HTMLElement>(
  root: ParentNode & Node,
  alternatives: readonly string[],
  options: { timeoutMs: number; step: AdapterStep; what: string; signal?: AbortSignal },
): Promise<T> {
  const present = queryFirst<T>(root, alternatives);
  if (present) return Promise.resolve(present);
  return waitFor(root, () => queryFirst<T>(root, alternatives), options);
}

/** Resolves with the first truthy value of `probe`, checked on every DOM change, up to `timeoutMs`. */
export function waitFor<T>(
  root: Node,
  probe: () => T | null | undefined | false,
  options: { timeoutMs: number; step: AdapterStep; what: string; signal?: AbortSignal },
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
    const onAbort = () => finish(() => reject(new AdapterError(options.step, `${options.what}: cancelled`)));
    const timer = setTimeout(() => finish(() => reject(new AdapterError(options.step, `${options.what} not found in time`))), options.timeoutMs);
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

/**
 * Types into a recipient field that turns text into address chips (Gmail's PeopleKit input, Outlook's
 * contenteditable well): the text goes in as typing would, then Enter asks the widget to make a chip of it.
 */
export function typeRecipient(field: HTMLElement, address: string): void {
  field.focus();
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    setFieldValue(field, address);
  } else {
    field.append(field.ownerDocument.createTextNode(address));
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: address }));
  }
  for (const type of ['keydown', 'keyup'] as const) {
    field.dispatchEvent(new KeyboardEvent(type, { bubbles: true, cancelable: true, key: 'Enter', code: 'Enter', keyCode: 13 }));
  }
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

/** Puts `file` into a file input the way picking it would, and fires change (Roundcube, Gmail). */
export function setInputFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

type FirefoxGlobals = {
  cloneInto?: <T>(value: T, target: unknown) => T;
};
type PageWindow = { DataTransfer: typeof DataTransfer; DragEvent: typeof DragEvent };

/** Drops `file` on `target`, as dragging it from the desktop would (dragenter, dragover, drop). */
export function dropFile(target: Element, file: File): void {
  const view = target.ownerDocument.defaultView as (Window & { wrappedJSObject?: PageWindow }) | null;
  const { cloneInto } = globalThis as FirefoxGlobals;
  if (cloneInto && view?.wrappedJSObject) {
    // Firefox: a DataTransfer built in the content script's world reaches the page empty. Build it, and the
    // event, in the page's world from a clone of the file (the zip is ciphertext; nothing else crosses).
    const page = view.wrappedJSObject;
    const transfer = new page.DataTransfer();
    transfer.items.add(cloneInto(file, view));
    for (const type of ['dragenter', 'dragover', 'drop'] as const) {
      const init = cloneInto({ bubbles: true, cancelable: true }, view) as DragEventInit;
      init.dataTransfer = transfer;
      target.dispatchEvent(new page.DragEvent(type, init));
    }
    return;
  }
  const transfer = new DataTransfer();
  transfer.items.add(file);
  for (const type of ['dragenter', 'dragover', 'drop'] as const) {
    target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }
}

/**
 * Attaches `file` through a file input when there is one, else by a drop on `dropTarget`, then waits until an
 * element matching `attachment` names the file: what the webmail shows once it has taken the file.
 */
export async function attachAndConfirm(
  compose: Element,
  file: File,
  where: { input: HTMLInputElement | null; dropTarget: () => Element; attachment: readonly string[] },
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<void> {
  if (where.input) setInputFile(where.input, file);
  else dropFile(where.dropTarget(), file);
  await waitFor(compose, () => [...compose.querySelectorAll(where.attachment.join(','))].some((item) => item.textContent?.includes(file.name)), {
    timeoutMs: options.timeoutMs, step: 'attach', what: 'attached file', signal: options.signal,
  });
}

/** One line of the self-check: which element of the adapter was found on the live page (names only, no content). */

export function runSelfCheck(
  doc: Document,
  checks: readonly { step: SelfCheckItem['step']; what: string; selectors: readonly string[] }[],
): SelfCheckItem[] {
  return checks.map(({ step, what, selectors }) => ({ step, what, found: queryFirst(doc, selectors) !== null }));
}
