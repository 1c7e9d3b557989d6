import { edge, type Placement } from './button';
import type { ButtonHost } from '../webmail/types';

/**
 * Where the button sits in a webmail with a toolbar (Roundcube; issue 14.7: never clipped, never hidden in a menu):
 * in the toolbar, styled like the toolbar's own items, while the whole toolbar with our button still fits on screen
 * unclipped and the webmail has not folded it into its "⋮" menu; otherwise floating at the bottom right, above the
 * bars the webmail keeps there (Roundcube's Save and Send bar on a small screen). Decided at mount and again whenever
 * the toolbar, the boxes that clip it, the bars or the window change size (one ResizeObserver, the window's resize
 * event): nothing runs while the page is idle or merely mutates. Only Roundcube's script imports this module.
 */
export function inToolbar(place: ButtonHost): Placement {
  return (parts) => {
    const { doc, host, button, text } = parts;
    const { toolbar } = place;
    const icon = personPlusIcon(doc);
    button.prepend(icon);

    let mode: 'toolbar' | 'floating' | null = null;
    // Roundcube's toolbar items darken on hover; a tint of the text colour does the same in its light and dark modes.
    button.addEventListener('pointerenter', () => {
      if (mode === 'toolbar') button.style.backgroundColor = toolbarHover;
    });
    button.addEventListener('pointerleave', () => {
      if (mode === 'toolbar') button.style.backgroundColor = 'transparent';
    });

    const float = (bottom: number) => {
      parts.float(bottom);
      if (mode !== 'floating') {
        icon.style.display = 'none';
        mode = 'floating';
      }
    };

    const joinToolbar = (height: number) => {
      if (mode !== 'toolbar') {
        parts.leaveFloat();
        host.style.cssText = toolbarHostStyle;
        button.style.cssText = toolbarButtonStyle;
        icon.style.display = 'block';
        text.style.cssText = 'display: block; font-size: 90%;';
        mode = 'toolbar';
      }
      const value = `${height}px`;
      if (host.style.height !== value) host.style.height = value;
      if (host.parentNode !== toolbar || toolbar.lastElementChild !== host) toolbar.append(host);
    };

    /** The corner, lifted above each bar the button would cover; the corner itself when there is no room above. */
    const floatClear = () => {
      float(edge);
      const view = doc.documentElement;
      const { width, height } = host.getBoundingClientRect();
      const bars = place
        .keepClear()
        .filter((bar) => bar.checkVisibility())
        .map((bar) => bar.getBoundingClientRect())
        .filter((box) => box.width > 0 && box.height > 0);
      let bottom = edge;
      for (let tries = 0; tries <= bars.length; tries++) {
        const box = { left: view.clientWidth - edge - width, right: view.clientWidth - edge, top: view.clientHeight - bottom - height, bottom: view.clientHeight - bottom };
        const bar = bars.find((other) => other.left < box.right + gap && box.left < other.right + gap && other.top < box.bottom + gap && box.top < other.bottom + gap);
        if (!bar) break;
        bottom = view.clientHeight - bar.top + gap;
      }
      float(view.clientHeight - bottom - height < 0 ? edge : bottom);
    };

    const decide = () => {
      if (toolbar.isConnected && !place.folded() && toolbar.checkVisibility()) {
        const height = itemHeight(toolbar, host);
        if (height >= minimumItemHeight) {
          joinToolbar(height);
          if (fits(toolbar, host)) return;
        }
      }
      floatClear();
    };

    decide();
    // Only size changes call back: the window (zoom included), the toolbar (Roundcube folds it, or its items change),
    // the boxes that clip it (a column dragged narrower), the bars a floating button keeps clear of (shown or hidden).
    // Not the document's own size, which a page changes with its content. The decision runs in the next frame, not
    // inside the observer's callback: moving our button resizes what is observed (the toolbar, and the column whose
    // minimum width the toolbar sets), which inside the callback would make the page see a "ResizeObserver loop"
    // error. Our own move calls back once more; the decision then comes out the same and stops there.
    let frame = 0;
    const schedule = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        decide();
      });
    };
    const observer = new ResizeObserver(schedule);
    for (const element of new Set([toolbar, ...clippingAncestors(toolbar), ...place.keepClear()])) observer.observe(element);
    const view = doc.defaultView;
    view?.addEventListener('resize', schedule);
    return () => {
      observer.disconnect();
      view?.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  };
}

/** Floating: between the button and a bar it keeps clear of. */
const gap = 8;
/** A toolbar less tall than this has no room for an icon above a label. */
const minimumItemHeight = 32;

// In the toolbar: an icon above a smaller label, in the toolbar's own colour and typeface (inherited, so Roundcube's
// dark mode applies too), as tall as the toolbar's items but never taller than what shows of the toolbar.
const toolbarHostStyle = 'all: initial; display: inline-block; vertical-align: top; color: inherit; font-family: inherit; white-space: nowrap;';
const toolbarButtonStyle =
  'display: flex; flex-direction: column; align-items: center; justify-content: flex-start; box-sizing: border-box; height: 100%;' +
  ' min-width: 3.2rem; margin: 0; padding: .45rem .45rem 0; border: 0; border-radius: 0; background: transparent; box-shadow: none;' +
  ' color: inherit; font-family: inherit; font-size: 1rem; font-weight: 400; line-height: 1.5; white-space: nowrap; cursor: pointer;';
const toolbarHover = 'color-mix(in srgb, currentColor 8%, transparent)';

type Box = { left: number; top: number; right: number; bottom: number };

/** The part of the window where `element`'s content can show: the viewport cut by every ancestor that clips. */
function visibleArea(element: Element): Box {
  const view = element.ownerDocument.documentElement;
  const area: Box = { left: 0, top: 0, right: view.clientWidth, bottom: view.clientHeight };
  for (const node of clippingAncestors(element)) {
    const style = getComputedStyle(node);
    const box = node.getBoundingClientRect();
    const left = box.left + node.clientLeft;
    const top = box.top + node.clientTop;
    if (style.overflowX !== 'visible') {
      area.left = Math.max(area.left, left);
      area.right = Math.min(area.right, left + node.clientWidth);
    }
    if (style.overflowY !== 'visible') {
      area.top = Math.max(area.top, top);
      area.bottom = Math.min(area.bottom, top + node.clientHeight);
    }
  }
  return area;
}

/** The ancestors of `element` (below the root) that clip their content. */
function clippingAncestors(element: Element): Element[] {
  const view = element.ownerDocument.documentElement;
  const found: Element[] = [];
  for (let node = element.parentElement; node && node !== view; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') found.push(node);
  }
  return found;
}

/** The height our item may take: that of the toolbar's own items, cut to what shows of the toolbar. */
function itemHeight(toolbar: Element, ours: Element): number {
  const top = toolbar.getBoundingClientRect().top;
  let bottom = top;
  for (const item of toolbar.children) if (item !== ours) bottom = Math.max(bottom, item.getBoundingClientRect().bottom);
  return Math.floor(Math.min(bottom, visibleArea(toolbar).bottom) - top);
}

/** Our item shows whole, and the toolbar, our item included, is not pushed out sideways (Roundcube centres it). */
function fits(toolbar: Element, ours: Element): boolean {
  const slack = 0.5;
  const item = ours.getBoundingClientRect();
  const itemArea = visibleArea(ours);
  if (item.width === 0 || item.height === 0) return false;
  if (item.left < itemArea.left - slack || item.right > itemArea.right + slack || item.top < itemArea.top - slack || item.bottom > itemArea.bottom + slack) return false;
  const bar = toolbar.getBoundingClientRect();
  const barArea = visibleArea(toolbar);
  return bar.left >= barArea.left - slack && bar.right <= barArea.right + slack;
}

/** A person with a plus: "refer someone", drawn in the text colour, hidden from assistive technology. */
function personPlusIcon(doc: Document): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.style.cssText = 'display: block; width: 1.3rem; height: 1.75rem; flex: none;';
  const shapes: [string, Record<string, string>][] = [
    ['circle', { cx: '9', cy: '7.5', r: '4', fill: 'currentColor' }],
    ['path', { d: 'M1.5 21c0-4.4 3.4-7.5 7.5-7.5s7.5 3.1 7.5 7.5z', fill: 'currentColor' }],
    ['path', { d: 'M19.5 7.5v7M16 11h7', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round' }],
  ];
  for (const [name, attributes] of shapes) {
    const shape = doc.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) shape.setAttribute(key, value);
    svg.append(shape);
  }
  return svg;
}
