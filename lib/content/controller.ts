import { draftRequestSchema, fromBase64, tabMessageSchema, type DraftResultMessage, type ReadResult, type SelfCheckReport } from '../messages';
import { makeDraft, type WebmailAdapter } from '../webmail';
import { AdapterError } from '../webmail/dom';
import { mountPanel, type PanelFrame } from './frame';

export type ControllerOptions = {
  adapter: WebmailAdapter;
  doc: Document;
  panelUrl: string;
  panelTitle: string;
};

/**
 * The content script's side of the referral: opens and closes the panel, and carries out what the panel asks
 * through the background (make the draft, read it back, self-check). It only ever holds ciphertext and
 * non-personal draft text.
 */
export class Controller {
  private panel: PanelFrame | null = null;

  constructor(private readonly options: ControllerOptions) {}

  get panelOpen(): boolean {
    return this.panel !== null;
  }

  openPanel(): void {
    if (this.panel) {
      this.panel.element.focus();
      return;
    }
    this.panel = mountPanel(this.options.doc, this.options.panelUrl, this.options.panelTitle);
  }

  closePanel(): void {
    this.panel?.remove();
    this.panel = null;
  }

  /** Handles one message from the background; unknown or malformed messages are dropped (undefined). */
  async handle(message: unknown): Promise<DraftResultMessage | ReadResult | SelfCheckReport | { ok: true } | undefined> {
    const parsed = tabMessageSchema.safeParse(message);
    if (!parsed.success) return undefined;
    const { adapter, doc } = this.options;
    switch (parsed.data.type) {
      case 'tab.makeDraft': {
        const request = draftRequestSchema.parse(parsed.data.request);
        const file =
          request.fileName && request.zipBase64
            ? new File([fromBase64(request.zipBase64).slice().buffer], request.fileName, { type: 'application/zip' })
            : undefined;
        return makeDraft(adapter, doc, { to: request.to, subject: request.subject, body: request.body, ...(file ? { file } : {}) });
      }
      case 'tab.readDraft':
        try {
          return { ok: true, draft: adapter.readDraft(await adapter.openCompose(doc)) };
        } catch (error) {
          return { ok: false, detail: error instanceof AdapterError ? `${adapter.id}: ${error.message}` : `${adapter.id}: unexpected error` };
        }
      case 'tab.closePanel':
        this.closePanel();
        return { ok: true };
      case 'tab.selfCheck':
        // The origin only: paths can carry message ids.
        return { adapter: adapter.id, url: doc.location.origin, items: adapter.selfCheck(doc) };
    }
  }
}
