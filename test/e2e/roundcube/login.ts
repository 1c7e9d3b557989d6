// Playwright helpers for the sandbox's Roundcube 1.6 (elastic skin). Structural selectors only: labels change with
// the interface language, and the rcmbtnNNN ids are generated per page.
import type { Page } from 'playwright-core';
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

type Credentials = Pick<RoundcubeServer, 'url' | 'user' | 'password'>;
type WaitOptions = { timeoutMs?: number };

/** The parts of Roundcube's page object (window.rcmail) the waits look at. */
type RcmailWindow = {
  rcmail?: {
    loaded?: boolean;
    busy?: boolean;
    task?: string;
    env?: { action?: string; compose_id?: string };
    gui_objects?: { messageform?: unknown };
  };
};

/** Logs in through the login form, unless the page already has a session; resolves when the mail view is ready. */
export async function loginRoundcube(page: Page, server: Credentials, options: WaitOptions = {}): Promise<void> {
  const timeout = options.timeoutMs ?? 15_000;
  await page.goto(server.url, { waitUntil: 'domcontentloaded', timeout });
  const loginForm = page.locator(roundcubeSelectors.loginUser);
  if ((await loginForm.count()) > 0) {
    await loginForm.fill(server.user, { timeout });
    await page.fill(roundcubeSelectors.loginPassword, server.password, { timeout });
    await page.click(roundcubeSelectors.loginSubmit, { timeout });
    // Either the mail view loads, or the login page comes back with an error message.
    await page.waitForSelector('body.task-mail, body.task-login #messagestack div.error', { timeout });
    if ((await page.locator('body.task-login').count()) > 0) {
      const message = await page.locator('#messagestack').innerText();
      throw new Error(`Roundcube login as ${server.user} failed: ${message.trim()}`);
    }
  }
  await page.waitForFunction(
    () => {
      const rcmail = (window as unknown as RcmailWindow).rcmail;
      return rcmail?.loaded === true && rcmail.task === 'mail';
    },
    undefined,
    { timeout },
  );
}

/** Opens a new compose form and resolves when it is ready for input: Roundcube's and elastic's scripts done. */
export async function openCompose(page: Page, server: Pick<RoundcubeServer, 'url'>, options: WaitOptions = {}): Promise<void> {
  const timeout = options.timeoutMs ?? 15_000;
  // Roundcube answers with a redirect to …&_action=compose&_id=<compose id>.
  await page.goto(new URL('?_task=mail&_action=compose', server.url).href, { waitUntil: 'domcontentloaded', timeout });
  if ((await page.locator('body.task-login').count()) > 0) throw new Error('not logged in to Roundcube: call loginRoundcube first');
  await page.waitForFunction(
    () => {
      const rcmail = (window as unknown as RcmailWindow).rcmail;
      return (
        rcmail?.loaded === true &&
        rcmail.busy !== true &&
        rcmail.env?.action === 'compose' &&
        Boolean(rcmail.env.compose_id) &&
        Boolean(rcmail.gui_objects?.messageform)
      );
    },
    undefined,
    { timeout },
  );
  // elastic builds the recipient widget after Roundcube's init; the body and file input must be usable.
  await page.waitForSelector(roundcubeSelectors.toInput, { state: 'visible', timeout });
  await page.waitForSelector(roundcubeSelectors.body, { state: 'visible', timeout });
  await page.waitForSelector(roundcubeSelectors.fileInput, { state: 'attached', timeout });
}
