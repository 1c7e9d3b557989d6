// The one vocabulary for driving a page with puppeteer-core (Chromium over CDP, Firefox ESR over WebDriver BiDi): find
// a field by its label, a button by its text, an element by its role and name; type, fill, choose, tick; wait for a
// text. The browser tests, the end-to-end tests, `npm run screens` and the bench all use these words.
//
// Every question is asked of the page in plain DOM terms and polled until it holds or the timeout ends, the way
// Playwright's locators wait. Only what a user could act on counts: visible elements, enabled buttons. The page
// functions here define no named inner functions: tsx compiles with esbuild's keepNames, which would wrap them in a
// helper (__name) the page does not have.
import type { ElementHandle, Frame, Page } from 'puppeteer-core';

/** A page or one of its frames: everything here works on either. */
export type Surface = Page | Frame;

export type Wait = { timeout?: number };

/**
 * A text to find, as Playwright's locators take it: a string is looked for case-insensitively anywhere in the text
 * (white space collapsed), a pattern is tested against the whole text.
 */
export type Name = string | RegExp;

/** Where to look: inside an element, or inside the first element matching a selector (the whole document without). */
export type Within = { within?: ElementHandle<Element> | string };

/** The name crosses into the page as a pattern's source and flags. */
type NameInPage = { source: string; flags: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const inPage = (name: Name): NameInPage => (typeof name === 'string' ? { source: escape(name), flags: 'iu' } : { source: name.source, flags: name.flags });
/** A pattern for exactly `text` (white space collapsed), or for a text holding it when `contains`; case counts. */
export const exactly = (text: string, contains = false): RegExp => new RegExp(contains ? escape(normalize(text)) : `^${escape(normalize(text))}$`, 'u');

/** Trimmed text with runs of white space collapsed, as a user reads it. */
export const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();

/**
 * Scrolls the element to the middle of its page, as a worker scrolls to what they want to click: the panel keeps its
 * buttons in a bar at the bottom, over the last lines of a long form, and a click aimed at a field half under it would
 * land on the bar.
 */
export async function centre(handle: ElementHandle<Element>): Promise<void> {
  await handle.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'nearest' })).catch(() => undefined);
}

/** The roles the tests ask for, as the elements that carry them. A section is a region only when it is named. */
const roleSelectors = {
  article: 'article, [role="article"]',
  button: 'button, [role="button"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  link: 'a[href], [role="link"]',
  region: 'section[aria-label], section[aria-labelledby], [role="region"]',
} as const;

export type Role = keyof typeof roleSelectors;

/**
 * In the page: the visible elements matching `selector` (inside `within`) with their accessible names
 * (aria-labelledby, else aria-label, else the text; white space collapsed); buttons only when enabled. With `list`,
 * just the names; otherwise the first whose name matches `wanted`, or, when `strict` and more than one does, a text
 * saying so (a truthy answer that is not an element), or null while none does.
 */
const findNamed = (selector: string, wanted: NameInPage, within: Element | string | null, list: boolean, strict: boolean) => {
  const root = typeof within === 'string' ? document.querySelector(within) : (within ?? document);
  const named = [...(root?.querySelectorAll(selector) ?? [])]
    .filter((element) => element.checkVisibility() && !(element instanceof HTMLButtonElement && element.disabled))
    .map((element) => {
      const labelledBy = element.getAttribute('aria-labelledby');
      const name = labelledBy
        ? labelledBy.split(/\s+/u).map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
        : (element.getAttribute('aria-label') ?? element.textContent ?? '');
      return { element, name: name.replace(/\s+/gu, ' ').trim() };
    });
  if (list) return named.map((item) => item.name);
  const pattern = new RegExp(wanted.source, wanted.flags);
  const found = named.filter((item) => pattern.test(item.name));
  if (strict && found.length > 1) return `${found.length} match: ${JSON.stringify(found.map((item) => item.name))}`;
  return found[0]?.element ?? null;
};

async function named<T extends Element>(
  surface: Surface,
  role: Role,
  name: Name,
  options: Wait & Within & { strict: boolean },
): Promise<ElementHandle<T>> {
  const selector = roleSelectors[role];
  const within = options.within ?? null;
  let handle;
  try {
    handle = await surface.waitForFunction(findNamed, { timeout: options.timeout ?? 5_000, polling: 50 }, selector, inPage(name), within, false, options.strict);
  } catch (error) {
    const names = await surface.evaluate(findNamed, selector, inPage(name), within, true, false).catch(() => []);
    throw new Error(`no ${role} named ${String(name)}; on show: ${JSON.stringify(names).slice(0, 1_000)}`, { cause: error });
  }
  const element = handle.asElement();
  if (!element) throw new Error(`more than one ${role} named ${String(name)}: ${String(await handle.jsonValue())}`);
  await centre(element as ElementHandle<Element>);
  return element as ElementHandle<T>;
}

/**
 * The one visible element with `role` whose accessible name holds `name` (see Name), inside `within` when given; a
 * button must be enabled (what Playwright's click waits for). Waits up to `timeout`. Like Playwright's strict
 * locators it fails when two match, and its error lists the names of that role on show. Scrolled to the middle.
 */
export async function byRole<T extends Element = HTMLElement>(
  surface: Surface,
  role: Role,
  name: Name,
  options: Wait & Within = {},
): Promise<ElementHandle<T>> {
  return named<T>(surface, role, name, { ...options, strict: true });
}

/**
 * The first visible, enabled button whose name (its text, or its aria-label) is exactly `name`, inside `within` when
 * given; scrolled to the middle. Not strict: a confirmation may repeat the button that asked for it.
 */
export async function button(surface: Surface, name: string, options: Wait & Within = {}): Promise<ElementHandle<HTMLButtonElement>> {
  return named<HTMLButtonElement>(surface, 'button', exactly(name), { ...options, strict: false });
}

/**
 * The visible form control named by a <label> whose text equals `label`, or, with `prefix`, starts with it (an exact
 * match first), inside `within` when given; scrolled to the middle. Covers both `<label for>` and a label wrapping
 * its input (the radio buttons).
 */
export async function byLabel<T extends Element = HTMLInputElement>(
  surface: Surface,
  label: string,
  options: Wait & Within & { prefix?: boolean } = {},
): Promise<ElementHandle<T>> {
  const find = (wanted: string, within: Element | string | null, prefix: boolean, list: boolean) => {
    const root = typeof within === 'string' ? document.querySelector(within) : (within ?? document);
    const labels = [...(root?.querySelectorAll('label') ?? [])]
      .filter((element) => element.control?.checkVisibility() ?? false)
      .map((element) => ({ control: element.control, name: (element.textContent ?? '').replace(/\s+/gu, ' ').trim() }));
    if (list) return labels.map((item) => item.name);
    return (labels.find((item) => item.name === wanted) ?? (prefix ? labels.find((item) => item.name.startsWith(wanted)) : undefined))?.control ?? null;
  };
  const within = options.within ?? null;
  const prefix = options.prefix ?? false;
  const handle = await surface
    .waitForFunction(find, { timeout: options.timeout ?? 5_000, polling: 50 }, normalize(label), within, prefix, false)
    .catch(async (error: unknown) => {
      const shown = await surface.evaluate(find, normalize(label), within, prefix, true).catch(() => []);
      throw new Error(`no field labelled ${JSON.stringify(label)}; labels on show: ${JSON.stringify(shown).slice(0, 1_000)}`, { cause: error });
    });
  const control = handle.asElement() as ElementHandle<T> | null;
  if (!control) throw new Error(`the label ${JSON.stringify(label)} names no element`);
  await centre(control as ElementHandle<Element>);
  return control;
}

/**
 * Waits until a visible element matching `selector` (default: any in the body; an <option> counts as visible when its
 * <select> is) has a text (white space collapsed)
 * that holds `text` (see Name); resolves with that element's text. The error says what the page shows instead.
 */
export async function waitForText(surface: Surface, text: Name, options: Wait & { selector?: string } = {}): Promise<string> {
  const handle = await surface
    .waitForFunction(
      (selector: string, wanted: NameInPage) => {
        const pattern = new RegExp(wanted.source, wanted.flags);
        return (
          [...document.querySelectorAll(selector)]
            // An <option> has no box of its own while its list is closed: it shows as far as its <select> does.
            .filter((element) => (element instanceof HTMLOptionElement ? (element.closest('select')?.checkVisibility() ?? false) : element.checkVisibility()))
            .map((element) => (element.textContent ?? '').replace(/\s+/gu, ' ').trim())
            .find((content) => pattern.test(content)) ?? null
        );
      },
      { timeout: options.timeout ?? 5_000, polling: 50 },
      options.selector ?? 'body *',
      inPage(text),
    )
    .catch(async (error: unknown) => {
      const shown = await surface.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      throw new Error(`${String(text)} did not appear in ${options.selector ?? 'the page'}; the page shows: ${JSON.stringify(shown.slice(0, 1_500))}`, { cause: error });
    });
  return (await handle.jsonValue()) as string;
}

/**
 * Waits until a visible element matching `selector` has exactly the text `text` (case and all; white space
 * collapsed), or a text containing it, for `contains`. Resolves with that element's text.
 */
export async function textAppears(surface: Surface, selector: string, text: string, options: Wait & { contains?: boolean } = {}): Promise<string> {
  return waitForText(surface, exactly(text, options.contains), { ...options, selector });
}

/** Clicks the control (a real pointer click at its centre) and checks that it ended up checked. */
export async function check(control: ElementHandle<HTMLInputElement>, what: string): Promise<void> {
  await control.click();
  if (!(await control.evaluate((element) => element.checked))) throw new Error(`${what}: not checked after a click`);
}

/**
 * Clicks into the field (three times: what it held is selected, and the typing replaces it) and types `text` with the
 * keyboard; checks that the field then holds exactly that text.
 */
export async function typeInto(control: ElementHandle<HTMLInputElement | HTMLTextAreaElement>, text: string, what = 'the field'): Promise<void> {
  await control.click({ count: 3 });
  await control.type(text);
  const value = await control.evaluate((element) => element.value);
  if (value !== text) throw new Error(`${what}: typed ${JSON.stringify(text)}, the field holds ${JSON.stringify(value)}`);
}

/**
 * Replaces what the field holds with `value` the way Playwright's fill does: focus, select all, then one insertText
 * (an input event carrying the whole value, as a paste or an input method gives), or Delete for the empty string.
 */
export async function fill(control: ElementHandle<HTMLInputElement | HTMLTextAreaElement>, value: string): Promise<void> {
  const { keyboard } = control.frame.page();
  await control.focus();
  await control.evaluate((element) => element.select());
  if (value === '') await keyboard.press('Delete');
  else await keyboard.sendCharacter(value);
}

/** The value of the control labelled `label`. */
export async function valueOf(surface: Surface, label: string): Promise<string> {
  return (await byLabel(surface, label)).evaluate((element) => element.value);
}

/**
 * Chooses `value` in the <select> labelled `label`, once the list offers it (the lists fill in as the form is typed);
 * focused first, as a worker tabs or clicks to it.
 */
export async function selectByLabel(surface: Surface, label: string, value: string, options: Wait = {}): Promise<void> {
  const select = (await surface.waitForFunction(
    (text: string, choice: string) => {
      const control = [...document.querySelectorAll('label')].find((element) => (element.textContent ?? '').replace(/\s+/gu, ' ').trim() === text)?.control;
      return control instanceof HTMLSelectElement && [...control.options].some((option) => option.value === choice) ? control : null;
    },
    { timeout: options.timeout ?? 5_000, polling: 50 },
    label,
    value,
  )) as ElementHandle<HTMLSelectElement>;
  await select.focus();
  const chosen = await select.select(value);
  if (chosen[0] !== value) throw new Error(`${label}: ${value} is not a choice (got ${JSON.stringify(chosen)})`);
}
