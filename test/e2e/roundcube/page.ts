// Roundcube 1.6 (elastic skin) in the sandbox, driven with puppeteer-core: the login, the waits for Roundcube's own
// app, the compose form and its draft. Structural selectors only: labels change with the interface language, and the
// rcmbtnNNN ids are generated per page. Page functions get the selectors as arguments (they run in the page).
import type { Page } from 'puppeteer-core';
import { normalize, type Wait } from '../../support/driver';
import type { RoundcubeServer } from './server';

export const roundcubeSelectors = {
  loginUser: '#rcmloginuser',
  loginPassword: '#rcmloginpwd',
  loginSubmit: '#rcmloginsubmit',
  /** The real To field; elastic moves it off-screen and shows a token widget instead. */
  toField: 'textarea#_to',
  /** The visible To widget's input: type an address, then Enter makes it a recipient token. */
  toInput: '#compose_to ul.recipient-input li.input input',
  toTokens: '#compose_to ul.recipient-input li.recipient',
  subject: '#compose-subject',
  body: 'textarea#composebody',
  fileInput: '#uploadformInput',
  dropZone: '#compose-attachments',
  uploading: '#attachment-list li.uploading',
  uploaded: '#attachment-list li[id^="rcmfile"]',
  saveDraft: '#toolbar-menu a.save.draft',
  draftUid: 'input[name="_draft_saveid"]',
  messages: '#messagestack',
} as const;

const rc = roundcubeSelectors;

/** Roundcube's page object (window.rcmail), as far as the waits look at it. */
type RcmailWindow = { rcmail?: { loaded?: boolean; task?: string; busy?: boolean; env?: { action?: string; compose_id?: string } } };

/** Logs in through Roundcube's login form with real typing; resolves when the mail view is ready. */
export async function loginRoundcube(page: Page, server: Pick<RoundcubeServer, 'url' | 'user' | 'password'>, options: Wait = {}): Promise<void> {
  const timeout = options.timeout ?? 15_000;
  await page.goto(server.url, { waitUntil: 'load', timeout });
  await page.waitForSelector(rc.loginUser, { timeout });
  await page.type(rc.loginUser, server.user);
  await page.type(rc.loginPassword, server.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout }), page.click(rc.loginSubmit)]);
  if (await page.$('body.task-login')) {
    const message = await page.$eval(rc.messages, (element) => element.textContent ?? '').catch(() => '');
    throw new Error(`Roundcube login as ${server.user} failed: ${normalize(message)}`);
  }
  await waitForRoundcube(page, 'mail', { timeout });
  // Roundcube's first requests after login (the message list, the folder counts) write the PHP session when they
  // end. A compose opened while one is running can lose its compose id to that write (Roundcube then answers with
  // error 450 instead of a compose form): let them finish before the test moves on.
  await page.waitForNetworkIdle({ idleTime: 200, timeout });
}

/** Waits until Roundcube's app has loaded the given task (and, for 'compose', a compose form with its id). */
export async function waitForRoundcube(page: Page, task: 'mail' | 'compose', options: Wait = {}): Promise<void> {
  const waiting = page.waitForFunction(
    (wanted: string) => {
      const rcmail = (window as unknown as RcmailWindow).rcmail;
      if (rcmail?.loaded !== true || rcmail.task !== 'mail') return false;
      return wanted === 'mail' || (rcmail.env?.action === 'compose' && Boolean(rcmail.env.compose_id) && rcmail.busy !== true);
    },
    { timeout: options.timeout ?? 15_000, polling: 50 },
    task,
  );
  await waiting.catch(async (error: unknown) => {
    // Say what the page shows instead: Roundcube's state and its message or error text.
    const seen = await page
      .evaluate((messages: string) => {
        const rcmail = (window as unknown as RcmailWindow).rcmail;
        const [stack, failure] = [messages, '.error, .boxerror, #message'].map(
          (selector) => document.querySelector(selector)?.textContent?.replace(/\s+/gu, ' ').trim().slice(0, 200) ?? '',
        );
        return JSON.stringify({ url: location.href, loaded: rcmail?.loaded, task: rcmail?.task, action: rcmail?.env?.action, busy: rcmail?.busy, messages: stack, error: failure });
      }, rc.messages)
      .catch((reason: unknown) => `(the page could not be read: ${String(reason)})`);
    throw new Error(`Roundcube did not show the ${task} view: ${seen}`, { cause: error });
  });
}

/** Loads a new compose page in `page` (logged in already) and waits until Roundcube has its compose form and id. */
export async function loadCompose(page: Page, server: Pick<RoundcubeServer, 'url'>, options: Wait = {}): Promise<void> {
  // Roundcube answers with a redirect to …&_action=compose&_id=<compose id>.
  await page.goto(new URL('?_task=mail&_action=compose', server.url).href, { waitUntil: 'load', timeout: options.timeout ?? 15_000 });
  await waitForRoundcube(page, 'compose', options);
}

/** What the Roundcube compose page holds: To, subject, and the names of the uploaded attachments. */
export async function composeState(page: Page): Promise<{ to: string; subject: string; attachments: string[] }> {
  return page.evaluate(
    (selectors: typeof rc) => ({
      to: document.querySelector<HTMLTextAreaElement>(selectors.toField)?.value ?? '',
      subject: document.querySelector<HTMLInputElement>(selectors.subject)?.value ?? '',
      attachments: [...document.querySelectorAll(selectors.uploaded)].map((item) => (item.textContent ?? '').replace(/\s+/gu, ' ').trim()),
    }),
    rc,
  );
}

/** Waits until Roundcube lists `name` among the uploaded attachments (and nothing is still uploading). */
export async function waitForAttachment(page: Page, name: string, options: Wait = {}): Promise<void> {
  await page.waitForFunction(
    (file: string, selectors: typeof rc) =>
      document.querySelector(selectors.uploading) === null &&
      [...document.querySelectorAll(selectors.uploaded)].some((item) => item.textContent?.includes(file)),
    { timeout: options.timeout ?? 15_000, polling: 50 },
    name,
    rc,
  );
}

/** The user saves the draft with Roundcube's own toolbar button; resolves with the IMAP UID Roundcube stored it under. */
export async function saveDraft(page: Page, options: Wait = {}): Promise<number> {
  await page.click(rc.saveDraft);
  // Roundcube writes the new UID into the hidden _draft_saveid field once the draft is stored.
  const uid = await page.waitForFunction((field: string) => document.querySelector<HTMLInputElement>(field)?.value || null, {
    timeout: options.timeout ?? 15_000,
    polling: 100,
  }, rc.draftUid);
  return Number(await uid.jsonValue());
}
