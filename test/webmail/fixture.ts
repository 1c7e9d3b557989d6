import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Loads a committed webmail fixture into this test's document (happy-dom), scripts stripped. */
export function loadFixture(path: string): void {
  const html = readFileSync(resolve(__dirname, '../fixtures', path), 'utf8');
  const inner = html.replace(/^[\s\S]*?<html[^>]*>/iu, '').replace(/<\/html>\s*$/iu, '').replace(/<script\b[\s\S]*?<\/script>/giu, '');
  document.documentElement.innerHTML = inner;
}

/** A Location-like object for an adapter's detect(). */
export function at(url: string): Location {
  return new URL(url) as unknown as Location;
}

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

/**
 * Plays the webmail's part that a static fixture cannot: when a file arrives (input change or drop), show an
 * attachment element naming it, as the live webmail does after its upload.
 */
export function answerAttachments(options: { chip: (name: string) => Element; container: () => Element | null }): () => string[] {
  const received: string[] = [];
  const show = (files: FileList | null | undefined) => {
    for (const file of Array.from(files ?? [])) {
      received.push(file.name);
      options.container()?.append(options.chip(file.name));
    }
  };
  document.addEventListener('change', (event) => show((event.target as HTMLInputElement).files), true);
  document.addEventListener('drop', (event) => show((event as DragEvent).dataTransfer?.files), true);
  return () => received;
}
