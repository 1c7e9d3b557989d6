/**
 * The two things our content script puts into a webmail page: the "Aanmelden bij OCMW" button and, on click,
 * the panel iframe. Both live in a closed shadow root so the page's CSS cannot restyle them and its scripts
 * cannot reach into them. The iframe shows an extension page: what the user types there never enters this page.
 */
const hostStyle = 'all: initial; position: fixed; z-index: 2147483646;';

export type PanelFrame = { element: HTMLIFrameElement; remove: () => void };

function shadowHost(doc: Document, style: string): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement('veilig-aanmelden');
  host.setAttribute('style', style);
  const root = host.attachShadow({ mode: 'closed' });
  return { host, root };
}

/** The button, in the webmail's own toolbar when it has a stable one, floating at the bottom right otherwise. */
export function mountButton(doc: Document, label: string, toolbar: Element | null, onClick: () => void): () => void {
  const { host, root } = shadowHost(
    doc,
    toolbar ? 'all: initial; display: inline-flex; align-items: center; align-self: center; margin: 0 8px;' : `${hostStyle} right: 24px; bottom: 24px;`,
  );
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute(
    'style',
    'font: 600 14px/1.2 system-ui, "Segoe UI", sans-serif; padding: 8px 14px; border-radius: 18px; border: 2px solid #fff;' +
      ' background: #0b5394; color: #fff; cursor: pointer; box-shadow: 0 1px 4px rgba(0,0,0,.35);',
  );
  button.addEventListener('click', onClick);
  root.append(button);
  (toolbar ?? doc.body).append(host);
  return () => host.remove();
}

/** The panel: a side sheet on the right holding the extension's panel page. */
export function mountPanel(doc: Document, src: string, title: string): PanelFrame {
  const { host, root } = shadowHost(doc, `${hostStyle} top: 0; right: 0; width: min(440px, 100vw); height: 100vh;`);
  const frame = doc.createElement('iframe');
  frame.src = src;
  frame.title = title;
  // Copy buttons in the panel write to the clipboard: in Chrome a cross-origin frame needs the page's leave for
  // that. Firefox knows no such permission name and would warn about it in the page's console.
  const policy = (doc as Document & { featurePolicy?: { features(): string[] } }).featurePolicy;
  if (policy?.features().includes('clipboard-write')) frame.allow = 'clipboard-write';
  frame.setAttribute('style', 'border: 0; width: 100%; height: 100%; background: #fff; box-shadow: -2px 0 12px rgba(0,0,0,.3);');
  root.append(frame);
  doc.body.append(host);
  frame.addEventListener('load', () => frame.focus(), { once: true });
  return { element: frame, remove: () => host.remove() };
}
