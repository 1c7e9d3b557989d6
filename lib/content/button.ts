/**
 * The one thing our content script puts into a webmail page: the "Aanmelden bij OCMW" button, in a closed shadow
 * root so the page's CSS cannot restyle it. The panel itself is the browser's side panel (or, from this button in
 * Firefox, a small browser window): never part of the page, so the page cannot overlay, frame or read it.
 */
export function mountButton(doc: Document, label: string, toolbar: Element | null, onClick: () => void): () => void {
  const host = doc.createElement('veilig-aanmelden');
  host.setAttribute(
    'style',
    toolbar
      ? 'all: initial; display: inline-flex; align-items: center; align-self: center; margin: 0 8px;'
      : 'all: initial; position: fixed; z-index: 2147483646; right: 24px; bottom: 24px;',
  );
  const root = host.attachShadow({ mode: 'closed' });
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
