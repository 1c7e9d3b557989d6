import { waitFor } from './dom';

/**
 * The events that hand a file to a webmail the way a user would: picking it in a file input, dropping it, pasting
 * it. Only our ciphertext zip ever travels this way.
 *
 * Firefox: a DataTransfer or event built in the content script's world reaches the page's listeners empty. There
 * they are built in the page's world (`wrappedJSObject`) from a clone of the file (`cloneInto`).
 */
type PageWorld = { DataTransfer: typeof DataTransfer; DragEvent: typeof DragEvent; ClipboardEvent: typeof ClipboardEvent };
type FirefoxGlobals = { cloneInto?: <T>(value: T, target: unknown, options?: { cloneFunctions?: boolean }) => T };

function world(target: Element): { page: PageWorld; clone: <T>(value: T) => T } {
  const view = target.ownerDocument.defaultView as (Window & { wrappedJSObject?: PageWorld }) | null;
  const { cloneInto } = globalThis as FirefoxGlobals;
  if (cloneInto && view?.wrappedJSObject) return { page: view.wrappedJSObject, clone: (value) => cloneInto(value, view) };
  return { page: globalThis as unknown as PageWorld, clone: (value) => value };
}

function transferOf(target: Element, file: File): DataTransfer {
  const { page, clone } = world(target);
  const transfer = new page.DataTransfer();
  transfer.items.add(clone(file));
  return transfer;
}

function drag(target: Element, type: string, transfer: DataTransfer, at?: { clientX: number; clientY: number }): void {
  const { page, clone } = world(target);
  const init = clone({ bubbles: true, cancelable: true, composed: true, ...(at ?? {}) }) as DragEventInit;
  init.dataTransfer = transfer;
  target.dispatchEvent(new page.DragEvent(type, init));
}

/** Puts `file` into a file input the way picking it would, and fires input and change. */
export function setInputFile(input: HTMLInputElement, file: File): void {
  input.files = transferOf(input, file).files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Drops `file` on `target` in one go (dragenter, dragover, drop), as Roundcube's drop zone takes it. */
export function dropFile(target: Element, file: File): void {
  const transfer = transferOf(target, file);
  for (const type of ['dragenter', 'dragover', 'drop']) drag(target, type, transfer);
}

/**
 * A drop staged the way a real drag unfolds: dragenter and dragover on the compose, then wait for the drop zone the
 * webmail builds only during a drag (Gmail's `.aC7.aWP`), drop there, then dragleave and dragend. Without a `zone`,
 * the drop lands on the element at the compose's centre.
 */
export async function stagedDrop(
  compose: Element,
  file: File,
  options: { zone?: () => Element | null; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<void> {
  const transfer = transferOf(compose, file);
  const box = compose.getBoundingClientRect();
  const centre = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
  drag(compose, 'dragenter', transfer, centre);
  drag(compose, 'dragover', transfer, centre);
  const target = options.zone
    ? await waitFor(compose.ownerDocument.documentElement, options.zone, { timeoutMs: options.timeoutMs, step: 'attach', what: 'drop zone', signal: options.signal })
    : (compose.ownerDocument.elementFromPoint(centre.clientX, centre.clientY) ?? compose);
  drag(target, 'dragover', transfer, centre);
  drag(target, 'drop', transfer, centre);
  drag(compose, 'dragleave', transfer, centre);
  drag(compose, 'dragend', transfer, centre);
}

/** Pastes `file` into an editor, as Ctrl+V with a file on the clipboard would (new Outlook makes an attachment of it). */
export function pasteFile(target: Element, file: File): void {
  const { page, clone } = world(target);
  const transfer = transferOf(target, file);
  const init = clone({ bubbles: true, cancelable: true, composed: true }) as ClipboardEventInit;
  init.clipboardData = transfer;
  (target as HTMLElement).focus?.();
  target.dispatchEvent(new page.ClipboardEvent('paste', init));
}

/** Pastes text, as Ctrl+V would (Gmail's recipient field makes chips of pasted addresses, as InboxSDK fills it). */
export function pasteText(target: HTMLElement, text: string): void {
  const { page, clone } = world(target);
  const transfer = new page.DataTransfer();
  transfer.setData('text/plain', text);
  const init = clone({ bubbles: true, cancelable: true, composed: true }) as ClipboardEventInit;
  init.clipboardData = transfer;
  target.focus();
  target.dispatchEvent(new page.ClipboardEvent('paste', init));
}
