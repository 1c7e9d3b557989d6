// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError, makeDraft, pickAdapter, type WebmailAdapter } from '../../lib/webmail';
import { selfCheckOf } from '../../lib/webmail/dom';
import { gmail } from '../../lib/webmail/gmail';
import { outlook } from '../../lib/webmail/outlook';
import { roundcube } from '../../lib/webmail/roundcube';
import { installGmail } from '../fixtures/gmail/behaviour';
import { installOutlook } from '../fixtures/outlook/behaviour';
import { answerAttachments, answerDraftSaves, at, fixtureDocument, loadFixture, mailbox, request, timeouts, zipName } from './fixture';

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  document.location.hash = '';
});

const context = () => ({ doc: document, timeouts });
const outlookTemplate = () => document.importNode(fixtureDocument('outlook/compose-en.html').querySelector('[id^="docking_InitVisiblePart_"]')!, true);
/** An uploaded file as Roundcube 1.6 lists it (attachment_upload.php): delete link, name, size, options menu. */
const roundcubeChip = (name: string) =>
  Object.assign(document.createElement('li'), {
    id: 'rcmfile1',
    className: 'application zip',
    innerHTML: `<a class="delete">Verwijderen</a><span class="attachment-name">${name}</span><span class="attachment-size">(4 KB)</span><a class="drop">Opties</a>`,
  });

/** `from`: the sending address each fixture's compose shows ('' where it shows no choice). */
type Case = { adapter: WebmailAdapter['id']; fixture: string; url: string; install: () => void; from: string };
const cases: Case[] = [
  ...['gmail/compose-2020-en.html', 'gmail/compose-2024-en.html', 'gmail/compose-2024-nl.html'].map((fixture) => ({
    adapter: 'gmail' as const, fixture, url: 'https://mail.google.com/mail/u/0/', install: () => installGmail(document, {}, controller.signal), from: '',
  })),
  ...['outlook/compose-en.html', 'outlook/compose-nl.html'].map((fixture) => ({
    adapter: 'outlook' as const, fixture, url: 'https://outlook.cloud.microsoft/mail/', install: () => installOutlook(document, outlookTemplate(), {}, controller.signal), from: '',
  })),
  ...['roundcube/compose-en.html', 'roundcube/compose-nl.html'].map((fixture) => ({
    adapter: 'roundcube' as const, fixture, url: 'https://webmail.example.be/?_task=mail&_action=compose',
    install: () => answerAttachments({ chip: roundcubeChip, container: () => document.querySelector('#attachment-list'), signal: controller.signal }),
    from: 'tester@127.0.0.1',
  })),
];

describe.each(cases)('$adapter adapter on $fixture', (testCase) => {
  beforeEach(() => loadFixture(testCase.fixture));
  const adapter = () => {
    const picked = pickAdapter(document, at(testCase.url));
    if (!picked) throw new Error('no adapter detected');
    return picked;
  };

  it('is detected by its host', () => {
    expect(adapter().id).toBe(testCase.adapter);
  });

  it('reuses the empty compose on screen (for Roundcube: the page opened for it), fills it and reads everything back', async () => {
    testCase.install();
    const compose = adapter().currentCompose(document);
    const result = await makeDraft(adapter(), { ...request(), afterNavigation: true }, context());
    expect(result.status, JSON.stringify(result)).toBe('filled');
    if (result.status !== 'filled') return;
    expect(adapter().currentCompose(document)).toBe(compose);
    expect(result.draft).toEqual({
      to: [mailbox], cc: [], bcc: [], from: testCase.from, replyTo: [], followupTo: [],
      subject: request().subject, body: expect.stringContaining('referentie KG-7F3Q-2M9X'), attachments: [expect.stringContaining('aanmelding-KG-7F3Q-2M9X')],
    });
    expect(result.tiers.at(-1)?.ok).toBe(true);
  });

  it('keeps what the body already holds (a signature) below the cover text', () => {
    const compose = adapter().currentCompose(document)!;
    const body = compose.querySelector<HTMLElement>('[role="textbox"][contenteditable="true"][aria-multiline="true"], div[g_editable="true"], textarea[name="_message"]')!;
    if (body instanceof HTMLTextAreaElement) body.value = '-- Handtekening An';
    else body.append(document.createTextNode('-- Handtekening An'));
    adapter().setBody(compose, 'Cover');
    expect(adapter().readBack(compose).body.replace(/\s+/gu, ' ')).toMatch(/^Cover .*Handtekening An/u);
  });

  it('says which step failed when the page changed (selectors broken)', async () => {
    for (const field of document.querySelectorAll('input[name="subjectbox"], input[id$="_SUBJECT"], input[type="text"][autocomplete="off"], input[name="_subject"]')) field.remove();
    testCase.install();
    const result = await makeDraft(adapter(), request(), context());
    expect(result.status).not.toBe('filled');
    if (result.status !== 'failed') return; // Roundcube goes to a new compose page instead
    expect(['openCompose', 'subject']).toContain(result.failedStep);
    expect(result.detail).toMatch(new RegExp(`^${testCase.adapter}: .*not found`, 'u'));
  });

  it('lists its selector map in the self-check, found on this page', () => {
    const items = selfCheckOf(document, adapter().selectors);
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const step of ['subject', 'body'] as const) {
      expect(items.filter((item) => item.step === step && !/signature|editor|mode|HTML/u.test(item.what)).every((item) => item.found), step).toBe(true);
    }
  });
});

describe('Gmail', () => {
  beforeEach(() => loadFixture('gmail/compose-2024-en.html'));

  it('opens a new compose with the Compose button when the one on screen holds text', async () => {
    const page = installGmail(document, {}, controller.signal);
    const old = gmail.currentCompose(document)!;
    old.querySelector('div[g_editable="true"]')!.append(document.createTextNode('Half geschreven'));
    const fresh = await gmail.freshCompose(context(), {});
    // The half-written mail stays open beside the new one (issue 21.10).
    expect(fresh).toEqual({ kind: 'compose', compose: page.composes()[1], displaced: { kind: 'draft', savedAs: 'kept', heldOurZip: false } });
    expect(page.opened()).toBe(1);
  });

  it('keeps to a compose whose only text is the signature', async () => {
    const old = gmail.currentCompose(document)!;
    const signature = Object.assign(document.createElement('div'), { className: 'gmail_signature', textContent: '-- An Peeters' });
    old.querySelector('div[g_editable="true"]')!.append(signature);
    expect(await gmail.freshCompose(context(), {})).toEqual({ kind: 'compose', compose: old, displaced: null });
  });

  it('finds the integrated-view Compose button (no gh="cm")', async () => {
    loadFixture('gmail/compose-2024-nl.html');
    const page = installGmail(document, { start: 'inbox' }, controller.signal);
    expect(document.querySelector('div[gh="cm"]')).toBeNull();
    const fresh = await gmail.freshCompose(context(), {});
    expect(fresh).toEqual({ kind: 'compose', compose: page.composes()[0], displaced: null });
  });

  it('falls back to #inbox?compose=new when there is no Compose button, even when the hash already says so', async () => {
    document.location.hash = '#inbox?compose=new';
    const page = installGmail(document, { start: 'inbox' }, controller.signal);
    document.querySelector('div[gh="cm"]')!.remove();
    const fresh = await gmail.freshCompose(context(), {});
    expect(document.location.hash).toBe('#inbox?compose=new');
    expect(fresh).toEqual({ kind: 'compose', compose: page.composes()[0], displaced: null });
  });

  it('re-applies the recipient once after Gmail resets a fresh compose, leaving one chip', async () => {
    installGmail(document, { resetOnce: true }, controller.signal);
    const compose = gmail.currentCompose(document)!;
    await gmail.setRecipient(compose, mailbox, context());
    expect(compose.querySelectorAll('div[name="to"] [data-hovercard-id]')).toHaveLength(1);
    expect(gmail.readBack(compose).to).toEqual([mailbox]);
  });

  it('fails the recipient step when no chip ever appears', async () => {
    const compose = gmail.currentCompose(document)!;
    await expect(gmail.setRecipient(compose, mailbox, context())).rejects.toMatchObject({ step: 'recipient' });
  });

  it('counts an attachment only once its upload finished', () => {
    const compose = gmail.currentCompose(document)!;
    const chip = Object.assign(document.createElement('div'), { className: 'dL' });
    chip.append(Object.assign(document.createElement('div'), { className: 'vI', textContent: zipName }));
    compose.querySelector('.GM')!.append(chip);
    expect(gmail.readBack(compose).attachments).toEqual([]);
    chip.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'attach' }));
    expect(gmail.readBack(compose).attachments).toEqual([zipName]);
  });

  it('uses only the file input of this compose, never another compose’s', async () => {
    const page = installGmail(document, { start: 'reply', zone: false, input: false }, controller.signal);
    const result = await makeDraft(gmail, request(), context());
    expect(result).toMatchObject({ status: 'failed', failedStep: 'attach' });
    expect(gmail.readBack(page.reply()!).attachments).toEqual([]);
  });
});

describe('Outlook', () => {
  beforeEach(() => loadFixture('outlook/inbox-en.html'));

  it('opens a new compose with the labelled New mail button, without pressing Escape', async () => {
    const page = installOutlook(document, outlookTemplate(), {}, controller.signal);
    expect(outlook.currentCompose(document)).toBeNull();
    const result = await makeDraft(outlook, request(), context());
    expect(result.status, JSON.stringify(result)).toBe('filled');
    expect(page.composes()).toHaveLength(1);
    expect(page.discarded()).toBe(0);
  });

  it('finds the Dutch label (unverified) in the ribbon', async () => {
    const page = installOutlook(document, outlookTemplate(), {}, controller.signal);
    document.querySelector('button[aria-label="New mail"]')!.setAttribute('aria-label', 'Nieuwe e-mail');
    expect((await outlook.freshCompose(context(), {})).kind).toBe('compose');
    expect(page.composes()).toHaveLength(1);
  });

  it('never clicks an unlabelled ribbon split button: it says New mail button not found', async () => {
    installOutlook(document, outlookTemplate(), {}, controller.signal);
    const button = document.querySelector('button[aria-label="New mail"]')!;
    button.setAttribute('aria-label', 'Delete');
    let clicked = false;
    button.addEventListener('click', () => (clicked = true));
    await expect(outlook.freshCompose(context(), {})).rejects.toMatchObject({ step: 'openCompose', what: 'New mail button', problem: 'notFound', message: 'New mail button not found' });
    await expect(outlook.freshCompose(context(), {})).rejects.toBeInstanceOf(AdapterError);
    expect(clicked).toBe(false);
  });

  it('ignores a New mail label outside the ribbon', async () => {
    const stray = Object.assign(document.createElement('button'), { type: 'button' });
    stray.setAttribute('aria-label', 'New mail');
    document.querySelector('[data-app-section="Ribbon"]')!.removeAttribute('data-app-section');
    document.querySelector('#innerRibbonContainer')!.removeAttribute('id');
    document.body.append(stray);
    const result = await makeDraft(outlook, request(), context());
    expect(result).toMatchObject({ status: 'failed', failedStep: 'openCompose', completed: [], detail: 'outlook: New mail button not found' });
  });

  it('waits for the pill: typed text alone is no recipient', async () => {
    loadFixture('outlook/compose-en.html');
    const compose = outlook.currentCompose(document)!;
    await expect(outlook.setRecipient(compose, mailbox, context())).rejects.toMatchObject({ step: 'recipient' });
  });

  it('counts an attachment only once its upload finished', () => {
    loadFixture('outlook/compose-en.html');
    const compose = outlook.currentCompose(document)!;
    const card = document.createElement('div');
    card.setAttribute('data-testid', 'AttachmentCard');
    card.textContent = `${zipName} 1 KB`;
    const progress = document.createElement('div');
    progress.setAttribute('role', 'progressbar');
    card.append(progress);
    compose.append(card);
    expect(outlook.readBack(compose).attachments).toEqual([]);
    progress.remove();
    expect(outlook.readBack(compose).attachments).toEqual([`${zipName} 1 KB`]);
  });
});

describe('Roundcube', () => {
  it('asks to navigate to a new compose page when the compose on screen is a reply, once it is saved as a draft', async () => {
    loadFixture('roundcube/compose-en.html');
    answerDraftSaves({ signal: controller.signal });
    document.querySelector<HTMLTextAreaElement>('textarea[name="_cc"]')!.value = 'collega@kindengezin.example';
    expect(await roundcube.freshCompose(context(), {})).toEqual({
      kind: 'navigate',
      url: `${document.location.pathname}?_task=mail&_action=compose`,
      displaced: { kind: 'draft', savedAs: 'draft', heldOurZip: false },
    });
  });
  it("reads back the file name alone, not Roundcube's size and options menu beside it", () => {
    loadFixture('roundcube/compose-nl.html');
    document.querySelector('#attachment-list')!.append(roundcubeChip('aanmelding-KG-7F3Q-2M9X.zip'));
    expect(roundcube.readBack(roundcube.currentCompose(document)!).attachments).toEqual(['aanmelding-KG-7F3Q-2M9X.zip']);
  });
});

describe('pickAdapter', () => {
  it('knows no adapter on other pages', () => {
    document.documentElement.innerHTML = '<head></head><body><p>Elders</p></body>';
    expect(pickAdapter(document, at('https://example.org/'))).toBeNull();
  });

  it.each([
    '<script src="https://res.cdn.office.net/owamail/20260101.01/scripts/owa.boot.js"></script>',
    '<link rel="icon" href="https://res.cdn.office.net/assets/mail/favicon.ico">',
  ])('recognises Outlook on a new host by its page markers: %s', (marker) => {
    document.documentElement.innerHTML = `<head>${marker}</head><body></body>`;
    expect(pickAdapter(document, at('https://outlook.example.test/mail/'))?.id).toBe('outlook');
  });
});
