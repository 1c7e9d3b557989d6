import type { AdapterId, AdapterStep, AttachTierId, Displaced, ReadBack, SelfCheckItem } from '../messages';

export type { AttachTierId, Displaced, ReadBack, SelfCheckItem };

/** What the panel asks of a webmail: all of it non-personal (the zip is ciphertext; the texts carry no client data). */
export type DraftRequest = {
  to: string;
  subject: string;
  body: string;
  /** The encrypted zip; none for a withdrawal notice. */
  file?: File;
  /** The webmail just opened its compose page for us (Roundcube's navigation). */
  afterNavigation?: boolean;
};

/**
 * One entry of an adapter's selector map: the step it serves, what it is (named in errors and in the self-check),
 * and its CSS alternatives in order of preference, each with a comment naming the UI variant and when it was seen.
 */
export type SelectorEntry = { readonly step: AdapterStep | 'button'; readonly what: string; readonly css: readonly string[] };
export type SelectorMap = Readonly<Record<string, SelectorEntry>>;

/** How long an adapter waits for the page; injectable so tests need not wait out real timeouts. */
export type Timeouts = {
  /** A new compose form to appear after asking for one. */
  openMs: number;
  /** A recipient chip or pill to appear after filling To. */
  chipMs: number;
  /** Our attachment to show (upload finished) after one attach tier, before trying the next. */
  tierMs: number;
  /**
   * The whole attach step, every tier together (issue 20.10): once it has passed no further tier starts, so the
   * panel's fallback comes within 10 s of "Maak concept" even when every tier fails.
   */
  attachMs: number;
};

export const defaultTimeouts: Timeouts = { openMs: 8_000, chipMs: 1_500, tierMs: 6_000, attachMs: 9_000 };

export type AdapterContext = { doc: Document; timeouts: Timeouts; signal?: AbortSignal };

/**
 * A compose form ready to fill, or where the tab must go first (Roundcube composes on a page of its own); with what
 * became of the compose that was on screen, null when nothing of anyone's was there (issue 21.10).
 */
export type FreshCompose = ({ kind: 'compose'; compose: Element } | { kind: 'navigate'; url: string }) & { displaced: Displaced | null };

/** One way of handing the file to the webmail. `run` hands it over; the caller then watches for the attachment. */
export type AttachTier = {
  readonly id: AttachTierId;
  /** Throws an AdapterError when this tier cannot even start here (no input, no drop zone). */
  run(compose: Element, file: File, context: AdapterContext): Promise<void>;
};

/**
 * Where the "Aanmelden bij OCMW" button may sit in the webmail's own toolbar. The button joins the toolbar as its last
 * item while the whole toolbar, our button included, still fits unclipped on screen; otherwise it floats.
 */
export type ButtonHost = {
  /** The toolbar the button joins. */
  readonly toolbar: Element;
  /** True while the webmail's responsive layout folds the toolbar into a menu ("⋮"): the button floats then. */
  folded(): boolean;
  /**
   * The webmail's own bars near the window's bottom edge that a floating button must stay above (on a small screen
   * Roundcube's Save and Send bar, the list's pager), shown or hidden: the button watches their size.
   */
  keepClear(): readonly Element[];
};

/**
 * One adapter per webmail, behind one interface. Selectors live in one map at the top of each adapter file
 * (`selectors`), read by `required()` and by the self-check; a missing element throws an AdapterError, never fails
 * silently.
 */
export interface WebmailAdapter {
  readonly id: AdapterId;
  readonly name: string;
  readonly selectors: SelectorMap;
  /** True when this page is this webmail. */
  detect(doc: Document, location: Location): boolean;
  /** Where our "Aanmelden bij OCMW" button may go in the webmail's toolbar, or null to use the floating button only. */
  buttonHost(doc: Document): ButtonHost | null;
  /** The compose form the worker sees now (the newest one), or null. */
  currentCompose(doc: Document): Element | null;
  /**
   * A compose form that is ours to fill: the current one only when it holds no recipients, subject, body text or
   * attachments (never a reply, a forward or a half-written mail); otherwise a new one, saying what became of the one
   * on screen. Nothing of it is lost: a webmail that would close it unsaved saves it as a draft first.
   */
  freshCompose(context: AdapterContext, request: Pick<DraftRequest, 'afterNavigation'>): Promise<FreshCompose>;
  /** Fills To and resolves once the webmail shows the address as a recipient. */
  setRecipient(compose: Element, address: string, context: AdapterContext): Promise<void>;
  setSubject(compose: Element, subject: string): void;
  setBody(compose: Element, body: string): void;
  /** The ways to attach, in order. */
  readonly attachTiers: readonly AttachTier[];
  /** True while an upload of this compose still runs (by the attachment's own state): no read-back counts it yet. */
  uploading(compose: Element): boolean;
  /** Everything the compose shows: recipients, subject, body, finished attachments. */
  readBack(compose: Element): ReadBack;
}
