import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DraftRequest, Timeouts } from '../../lib/webmail';

const readFixture = (path: string) => readFileSync(resolve(__dirname, '../fixtures', path), 'utf8');

/** Loads a committed webmail fixture into this test's document (happy-dom), scripts stripped. */
export function loadFixture(path: string): void {
  const inner = readFixture(path).replace(/^[\s\S]*?<html[^>]*>/iu, '').replace(/<\/html>\s*$/iu, '').replace(/<script\b[\s\S]*?<\/script>/giu, '');
  document.documentElement.innerHTML = inner;
}

/** A fixture parsed on its own, to take parts from (a compose form the page builds later). */
export function fixtureDocument(path: string): Document {
  return new DOMParser().parseFromString(readFixture(path).replace(/<script\b[\s\S]*?<\/script>/giu, ''), 'text/html');
}

/** A Location-like object for an adapter's detect(). */
export function at(url: string): Location {
  return new URL(url) as unknown as Location;
}

/** Short waits, so that no test waits out the real ones. */
export const timeouts: Timeouts = { openMs: 500, chipMs: 200, tierMs: 300, attachMs: 700 };

export const mailbox = 'sociale.dienst@lille.be';
export const zipName = 'aanmelding-KG-7F3Q-2M9X.zip';

export const request = (name = zipName): DraftRequest => ({
  to: mailbox,
  subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X',
  body: 'Beste collega,\n\nIn bijlage een aanmelding met referentie KG-7F3Q-2M9X.',
  file: new File([new Uint8Array([80, 75, 3, 4, 1, 2, 3])], name, { type: 'application/zip' }),
});

// happy-dom's DragEvent drops the dataTransfer it is given; browsers keep it. This stand-in carries it like theirs.
const probe = new DataTransfer();
if (new DragEvent('drop', { dataTransfer: probe }).dataTransfer !== probe) {
  class DragEventShim extends MouseEvent {
    readonly dataTransfer: DataTransfer | null;
    constructor(type: string, init: DragEventInit = {}) {
      super(type, init);
      this.dataTransfer = init.dataTransfer ?? null;
    }
  }
  (globalThis as unknown as { DragEvent: typeof DragEventShim }).DragEvent = DragEventShim;
}

// happy-dom 21 keeps a ClipboardEvent's clipboardData (checked 2026-11-30); should a version drop it, carry it here.
if (new ClipboardEvent('paste', { clipboardData: probe }).clipboardData !== probe) {
  class ClipboardEventShim extends Event {
    readonly clipboardData: DataTransfer | null;
    constructor(type: string, init: ClipboardEventInit = {}) {
      super(type, init);
      this.clipboardData = init.clipboardData ?? null;
    }
  }
  (globalThis as unknown as { ClipboardEvent: typeof ClipboardEventShim }).ClipboardEvent = ClipboardEventShim;
}

/**
 * Plays Roundcube's part that a static fixture cannot: when a file arrives (input change or drop), show an
 * attachment element naming it, as the live webmail does after its upload.
 */
export function answerAttachments(options: {
  chip: (name: string) => Element;
  container: () => Element | null;
  on?: readonly ('change' | 'drop')[];
  signal: AbortSignal;
}): () => string[] {
  const received: string[] = [];
  const on = options.on ?? ['change', 'drop'];
  const show = (files: FileList | null | undefined) => {
    for (const file of Array.from(files ?? [])) {
      received.push(file.name);
      options.container()?.append(options.chip(file.name));
    }
  };
  if (on.includes('change')) document.addEventListener('change', (event) => show((event.target as HTMLInputElement).files), { capture: true, signal: options.signal });
  if (on.includes('drop')) document.addEventListener('drop', (event) => show((event as DragEvent).dataTransfer?.files), { capture: true, signal: options.signal });
  return () => received;
}

/**
 * Plays Roundcube 1.6's "savedraft" that the static fixture cannot (its Save link lost its onclick): a click on the
 * Save button shows "Saving message..." in the message stack; `ms` later the draft's Drafts uid lands in _draft_saveid
 * and the stack says it was saved, or, with `fails`, shows an error. A save asked for while the last one is current
 * starts nothing, as Roundcube does. Seen in our sandbox (Debian roundcube 1.6.5): loading, then confirmation, ~0.2 s.
 */
export function answerDraftSaves(options: { signal: AbortSignal; ms?: number; fails?: boolean; current?: boolean }): { saves: () => number } {
  let saves = 0;
  // `current`: the form is as Drafts holds it (a draft opened from Drafts, unchanged).
  let current = options.current ?? false;
  const stack = () => document.querySelector('#messagestack')!;
  const message = (className: string, text: string) => stack().appendChild(Object.assign(document.createElement('div'), { className, textContent: text }));
  // Any change to the form makes the saved copy stale.
  document.addEventListener('input', () => (current = false), { capture: true, signal: options.signal });
  document.addEventListener(
    'click',
    (event) => {
      if (!(event.target as Element).closest('a.save.draft')) return;
      event.preventDefault();
      if (current) return;
      const loading = message('loading content', 'Saving message...');
      setTimeout(() => {
        loading.remove();
        if (options.fails) {
          message('error content', 'An error occurred while saving.');
          return;
        }
        saves += 1;
        current = true;
        document.querySelector<HTMLInputElement>('input[name="_draft_saveid"]')!.value = String(100 + saves);
        message('confirmation content', 'Message saved to Drafts.');
      }, options.ms ?? 20);
    },
    { capture: true, signal: options.signal },
  );
  return { saves: () => saves };
}
