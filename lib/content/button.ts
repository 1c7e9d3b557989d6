/**
 * The one thing our content script puts into a webmail page: the "Aanmelden bij OCMW" button, in a closed shadow
 * root so the page's CSS cannot restyle it and the page cannot read it. The panel itself is the browser's side panel
 * (or, from this button in Firefox, a small browser window): never part of the page, so the page cannot overlay,
 * frame or read it.
 *
 * Where it sits (issue 14.7: never clipped, never hidden in a menu): a floating button at the bottom right of the
 * window, unless the webmail's script passes a placement of its own. Only Roundcube has a toolbar to join
 * (lib/content/toolbar-place.ts, carried by Roundcube's script alone): Outlook and Gmail pages never load that code.
 */
export function mountButton(doc: Document, label: string, onClick: () => void, placement?: Placement): () => void {
  const host = doc.createElement('veilig-aanmelden');
  const root = host.attachShadow({ mode: 'closed' });
  const button = doc.createElement('button');
  button.type = 'button';
  const text = doc.createElement('span');
  text.textContent = label;
  button.append(text);
  // The click goes straight to the caller, in the same task: Chrome opens the side panel only inside the gesture.
  button.addEventListener('click', onClick);
  root.append(button);

  let floating = false;
  const parts: ButtonParts = {
    doc,
    host,
    button,
    text,
    float(bottom = edge) {
      if (!floating) {
        host.style.cssText = floatingHostStyle;
        button.style.cssText = floatingButtonStyle;
        text.style.cssText = '';
        doc.body.append(host);
        floating = true;
      }
      const value = `${Math.round(bottom)}px`;
      if (host.style.bottom !== value) host.style.bottom = value;
    },
    leaveFloat() {
      floating = false;
    },
  };
  if (!placement) {
    parts.float();
    return () => host.remove();
  }
  const stop = placement(parts);
  return () => {
    stop();
    host.remove();
  };
}

/** The button's elements, for a placement that moves it (into a toolbar) and back to floating. */
export type ButtonParts = {
  doc: Document;
  /** The element in the page (the shadow root's host). */
  host: HTMLElement;
  /** The button inside the closed shadow root. */
  button: HTMLButtonElement;
  /** The label inside the button. */
  text: HTMLSpanElement;
  /** Floats the button at the window's right edge, `bottom` pixels from the bottom (the corner by default). */
  float: (bottom?: number) => void;
  /** Tells the button it no longer floats (a placement has restyled it): the next `float` restyles it again. */
  leaveFloat: () => void;
};

/** Places the button and keeps it placed until the returned function is called. */
export type Placement = (parts: ButtonParts) => () => void;

/** Floating: the distance from the window's right and bottom edges. */
export const edge = 24;

const floatingHostStyle = 'all: initial; position: fixed; z-index: 2147483646; right: 24px; bottom: 24px;';
const floatingButtonStyle =
  'font: 600 14px/1.2 system-ui, "Segoe UI", sans-serif; padding: 8px 14px; border-radius: 18px; border: 2px solid #fff;' +
  ' background: #0b5394; color: #fff; cursor: pointer; box-shadow: 0 1px 4px rgba(0,0,0,.35);';
