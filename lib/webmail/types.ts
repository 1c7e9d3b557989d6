import type { AdapterId, DraftText, SelfCheckItem } from '../messages';

export type { DraftText, SelfCheckItem };

/** What the panel asks of a webmail: all of it non-personal (the zip is ciphertext; the texts carry no client data). */
export type DraftRequest = {
  to: string;
  subject: string;
  body: string;
  /** The encrypted zip; none for a withdrawal notice. */
  file?: File;
};

/**
 * One adapter per webmail, behind one interface. Selectors live at the top of each adapter file; a missing
 * element throws an AdapterError, never fails silently.
 */
export interface WebmailAdapter {
  readonly id: AdapterId;
  readonly name: string;
  /** True when this page is this webmail. */
  detect(doc: Document, location: Location): boolean;
  /** Where our "Aanmelden bij OCMW" button goes, or null to use the floating button. */
  buttonHost(doc: Document): Element | null;
  /** True when a compose form is open on this page. */
  hasCompose(doc: Document): boolean;
  /** Uses the open compose form or opens a new one; resolves with its root. */
  openCompose(doc: Document, signal?: AbortSignal): Promise<Element>;
  setRecipient(compose: Element, address: string): void;
  setSubject(compose: Element, subject: string): void;
  setBody(compose: Element, body: string): void;
  /** Attaches the file and resolves when the compose form shows it. */
  attach(compose: Element, file: File, signal?: AbortSignal): Promise<void>;
  readDraft(compose: Element): DraftText;
  selfCheck(doc: Document): SelfCheckItem[];
}
