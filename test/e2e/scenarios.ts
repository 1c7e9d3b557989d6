// The end-to-end referral scenarios both browsers run (referral-chromium.test.ts, referral-firefox.test.ts), written
// once against a small "browser under test": how that browser gives a webmail tab, opens the panel for it and shows
// an extension page. What only one browser has stays in its own file: Chromium's click count, closed shadow roots and
// the attacks on the page; Firefox's panel window bound to its tab, and that "Klaar: sluit en wis" closes it.
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { button, byLabel, textAppears } from '../support/driver';
import { expectReferralDraft } from './drafts';
import {
  addRoundcubeInOptions,
  client,
  clientValues,
  fillClient,
  fillConsent,
  fillReferral,
  inEveryPage,
  makeDraft,
  openCompose,
  pageExposure,
  shownPassword,
  waitForTargetLine,
  withoutAttachTiers,
} from './flow';
import { readDrafts } from './roundcube/imap';
import { composeState, saveDraft, waitForAttachment, waitForRoundcube } from './roundcube/page';
import type { RoundcubeServer } from './roundcube/server';

export type BrowserUnderTest = {
  readonly server: RoundcubeServer;
  /** A folder of the test's own, for the 7-Zip check of the draft's attachment. */
  readonly work: string;
  /** How the extension's own addresses start here: `chrome-extension:` or `moz-extension:`. */
  readonly scheme: string;
  /**
   * The webmail tab for the next scenario, logged in, where Roundcube's "leave this page?" question is answered yes:
   * the mail list the first time, afterwards whatever page the browser keeps there.
   */
  tab(): Promise<Page>;
  /** The panel for `tab`, opened by a real click on the tab's in-page button. */
  openPanel(tab: Page): Promise<Page>;
  /** Brings `panel` to a blank referral's first step (what an earlier scenario left there is closed). */
  blankReferral(panel: Page): Promise<void>;
  /** A new tab showing the extension page `path` (options.html). */
  openExtensionPage(path: string): Promise<Page>;
  /** The tab's whole DOM as the browser sees it, closed shadow roots included, where the browser can tell. */
  piercedDom?(tab: Page): Promise<string>;
  /** What the extension logged, for the error message when the panel never says "Concept klaar". */
  logs(): Promise<string>;
  /** A timed line in the test's output. */
  lap(what: string): void;
};

/** A saved referral: its reference, and its draft's IMAP uid (the withdrawal is checked against it). */
export type Referred = { reference: string; firstUid: number };

/** Asserts that the webmail tab holds no extension frame and none of the client's data, wherever it could look. */
export async function expectPageHoldsNothing(under: BrowserUnderTest, tab: Page, when: string): Promise<void> {
  const exposed = await pageExposure(tab);
  // Roundcube's own frames (the mail list's preview) may be there; none of ours.
  expect(exposed.frames.filter((url) => url.startsWith(under.scheme)), when).toEqual([]);
  expect(exposed.frameElements.filter((element) => element.includes(under.scheme)), when).toEqual([]);
  const texts = [exposed.text, ...(under.piercedDom ? [await under.piercedDom(tab)] : [])];
  for (const text of texts) {
    expect(text, when).not.toContain(`${under.scheme}//`);
    for (const value of clientValues) expect(text, `${when}: ${value}`).not.toContain(value);
  }
}

/** The options page adds the Roundcube sandbox's address without a prompt (the e2e build holds the loopback host). */
export async function addRoundcubeAddress(under: BrowserUnderTest): Promise<void> {
  const origin = new URL(under.server.url).origin;
  const options = await under.openExtensionPage('options.html');
  // The page shows nothing when permissions.request rejects: the helper records the rejection, so a failure says
  // what the browser answered. A prompt (which no automation can answer) would show as a timeout.
  expect(await addRoundcubeInOptions(options, origin)).toEqual({ status: `Toegevoegd: ${origin}. Herlaad je webmail.`, rejections: [] });
  await options.close();
}

/**
 * The whole referral: from the button in the mail list through the panel's steps to a draft in the tab that the user
 * saves, read back over IMAP, its zip opened by 7-Zip with the shown password. `beforeFilling` runs once the panel
 * shows where the draft goes. Resolves with the referral, the tab and the panel (still on its done step).
 */
export async function referralToSavedDraft(
  under: BrowserUnderTest,
  beforeFilling: (panel: Page) => Promise<void> = async () => undefined,
): Promise<Referred & { tab: Page; panel: Page }> {
  const tab = await under.tab();
  // In the mail list: a real click on the button opens the panel, which names the webmail of its tab.
  const panel = await under.openPanel(tab);
  await waitForTargetLine(panel, under.server);
  under.lap('the panel is open and shows where the draft goes');
  await beforeFilling(panel);

  await fillConsent(panel);
  await fillClient(panel);
  // While the client is being typed: the page holds no extension frame and nothing of the client.
  await expectPageHoldsNothing(under, tab, 'while typing');
  const password = await shownPassword(panel);
  // "Maak concept" takes the tab to a new compose page of Roundcube's own and fills that.
  const reference = await makeDraft(panel, under.logs);
  expect(new URL(tab.url()).searchParams.get('_action')).toBe('compose');
  under.lap(`panel: Concept klaar, ${reference}`);

  // The webmail page holds the draft, and nothing of the client.
  await waitForAttachment(tab, `aanmelding-${reference}.zip`);
  const compose = await composeState(tab);
  expect(compose.to).toContain('sociale.dienst@lille.be');
  expect(compose.subject).toBe(`Aanmelding Kind en Gezin – ${reference}`);
  expect(compose.attachments.some((item) => item.includes(`aanmelding-${reference}.zip`))).toBe(true);
  await expectPageHoldsNothing(under, tab, 'after the draft');

  // The user saves the draft (the extension never sends); then read it back over IMAP.
  await saveDraft(tab);
  under.lap('draft saved in Roundcube');
  const draft = await expectReferralDraft(under.server, reference, password, under.work);
  under.lap('7-Zip opened the draft attachment with the shown password');
  return { reference, firstUid: draft.uid, tab, panel };
}

/**
 * With a reply-all open (Cc, a quoted thread of another family), the referral goes into a new compose page: To only
 * the mailbox, no Cc or Bcc, no quoted text. Resolves with the panel (on its done step).
 */
export async function referralBesideReplyAll(under: BrowserUnderTest): Promise<Page> {
  const tab = await under.tab();
  // Roundcube fills a compose from its URL as it does for a mailto: link: a stand-in for a reply-all in progress.
  const reply = new URL('?_task=mail&_action=compose', under.server.url);
  reply.searchParams.set('_to', 'een.ouder@example.org');
  reply.searchParams.set('_cc', 'collega@example.org');
  reply.searchParams.set('_subject', 'Re: afspraak');
  reply.searchParams.set('_body', '> Lisa De Smet, 0478 99 88 77');
  await tab.goto(reply.href, { waitUntil: 'load', timeout: 15_000 });
  await waitForRoundcube(tab, 'compose');
  const field = (name: string) => tab.$eval(`[name="${name}"]`, (element) => (element as HTMLTextAreaElement).value);
  expect(await field('_cc')).toContain('collega@example.org');
  expect(await field('_message')).toContain('Lisa De Smet');
  const replyId = await field('_id');

  const panel = await under.openPanel(tab);
  await waitForTargetLine(panel, under.server);
  await under.blankReferral(panel);
  await fillReferral(panel);
  const reference = await makeDraft(panel);
  // A new compose page (another compose id) holds exactly the referral.
  expect(await field('_id')).not.toBe(replyId);
  expect((await composeState(tab)).to.replace(/[,\s]+$/u, '')).toBe('sociale.dienst@lille.be');
  expect(await field('_cc')).toBe('');
  expect(await field('_bcc')).toBe('');
  expect(await field('_message')).not.toContain('Lisa');
  expect(await field('_subject')).toBe(`Aanmelding Kind en Gezin – ${reference}`);
  await waitForAttachment(tab, `aanmelding-${reference}.zip`);
  expect((await composeState(tab)).attachments).toHaveLength(1);
  return panel;
}

/**
 * When the page changed (a Roundcube update renamed the upload field and the drop zone, on every page, the compose
 * page the panel opens included) the panel says which step failed, offers the file, and loses nothing typed. The
 * panel is left on the client step with the referral typed in it.
 */
export async function fallbackWhenThePageChanged(under: BrowserUnderTest): Promise<void> {
  const tab = await under.tab();
  const restore = await inEveryPage(tab, withoutAttachTiers);
  // Taken away again even when a step fails: the later scenarios need the attach tiers.
  try {
    await openCompose(tab, under.server);
    const panel = await under.openPanel(tab);
    await waitForTargetLine(panel, under.server);
    await fillReferral(panel);
    await (await button(panel, 'Maak concept')).click();
    await textAppears(panel, 'p, [role="alert"]', 'Deze stap lukte niet: het bestand toevoegen.', { contains: true, timeout: 20_000 });
    const download = await panel.waitForFunction(
      () => [...document.querySelectorAll('a')].find((link) => link.textContent?.trim() === 'Download het versleutelde bestand')?.getAttribute('download') ?? null,
      { timeout: 5_000, polling: 50 },
    );
    expect(await download.jsonValue()).toMatch(/^aanmelding-KG-[2-9A-Z]{4}-[2-9A-Z]{4}\.zip$/u);
    // Back on the client step, everything typed still there.
    await (await button(panel, 'Probeer opnieuw')).click();
    expect(await (await byLabel(panel, 'Achternaam')).evaluate((element) => element.value)).toBe(client.lastName);
    expect(await (await byLabel(panel, 'Telefoonnummer')).evaluate((element) => element.value)).toBe(client.phone);
    await expectPageHoldsNothing(under, tab, 'after the fallback');
  } finally {
    await restore();
  }
}

/**
 * Withdraws `referred` from the register: a second draft to the same mailbox, same reference, no client data; the
 * options page then counts `registered` referrals, one of them withdrawn (the drafts never marked sent do not count).
 */
export async function withdrawal(under: BrowserUnderTest, referred: Referred, registered: number): Promise<void> {
  expect(referred.reference, 'the referral test must pass first').not.toBe('');
  const tab = await under.tab();
  await openCompose(tab, under.server);
  const panel = await under.openPanel(tab);
  await waitForTargetLine(panel, under.server);
  await (await button(panel, 'Register')).click();
  await textAppears(panel, 'body', referred.reference, { contains: true });
  await (await button(panel, `Trek in: ${referred.reference}`)).click();
  await (await button(panel, 'Maak concept van de intrekking')).click();
  await textAppears(panel, 'h1', 'Intrekking klaar', { timeout: 20_000 });
  await saveDraft(tab);
  // The register notes the withdrawal once the worker says the notice went out (issue 21.3).
  await (await button(panel, 'Ja, verstuurd')).click();
  await textAppears(panel, 'p', 'Genoteerd in je register als ingetrokken.');

  const { server } = under;
  const drafts = await readDrafts({ imapPort: server.imapPort, user: server.user, password: server.password, subject: referred.reference });
  const referral = drafts.find((message) => message.uid === referred.firstUid);
  const notice = drafts.find((message) => message.headers.subject === `Intrekking toestemming – ${referred.reference}`);
  if (!referral || !notice) throw new Error('both drafts must be in Drafts');
  expect(notice.headers.to).toBe(referral.headers.to);
  expect(notice.text).toContain(referred.reference);
  expect(notice.text).toContain('Wis dan de gegevens');
  expect(notice.attachments).toEqual([]);
  for (const value of ['Zoë', 'Testpersoon', client.email, client.street, '470', '2275', 'Gierle']) {
    expect(notice.headers.subject + notice.text).not.toContain(value);
  }
  // The register in the extension notes the withdrawal, still without client data.
  const options = await under.openExtensionPage('options.html');
  await textAppears(options.mainFrame(), 'p', `${registered} referenties in het register.`);
  // Counted as the evaluation CSV counts (issue 14.9): the withdrawn referral went out; the drafts never marked sent do not count yet.
  await textAppears(options.mainFrame(), 'p', `Telt mee in de evaluatie van ${new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Brussels' }).slice(0, 4)}: 1 aanmelding, 1 intrekking en 0 verbeteringen.`);
  await options.close();
  under.lap('withdrawal saved in Drafts');
}
