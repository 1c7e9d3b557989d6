// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { AdapterError, adapters, makeDraft, pickAdapter, type WebmailAdapter } from '../../lib/webmail';
import { answerAttachments, at, loadFixture } from './fixture';

type Case = {
  adapter: WebmailAdapter['id'];
  fixture: string;
  url: string;
  chip: (name: string) => Element;
  container: () => Element | null;
  /** A fixture without an open compose form: the adapter must open one through the page's own button. */
  opensCompose?: { composeFixture: string };
};

function element(tag: string, attributes: Record<string, string>, text: string): Element {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

const gmailChip = (name: string) => element('div', { class: 'dL' }, name);
const roundcubeChip = (name: string) => element('li', { id: 'rcmfile1', class: 'application zip' }, name);
const outlookChip = (name: string) => element('div', { 'data-testid': 'AttachmentCard' }, name);
const composeOf = (selector: string) => () => document.querySelector(selector);

const cases: Case[] = [
  { adapter: 'gmail', fixture: 'gmail/compose-2020-en.html', url: 'https://mail.google.com/mail/u/0/', chip: gmailChip, container: composeOf('[role="dialog"]') },
  { adapter: 'gmail', fixture: 'gmail/compose-2024-en.html', url: 'https://mail.google.com/mail/u/0/', chip: gmailChip, container: composeOf('[role="dialog"]') },
  { adapter: 'gmail', fixture: 'gmail/compose-2024-nl.html', url: 'https://mail.google.com/mail/u/0/', chip: gmailChip, container: composeOf('[role="dialog"]') },
  { adapter: 'outlook', fixture: 'outlook/compose-en.html', url: 'https://outlook.office.com/mail/', chip: outlookChip, container: composeOf('[id^="docking_InitVisiblePart_"]') },
  { adapter: 'outlook', fixture: 'outlook/compose-nl.html', url: 'https://outlook.cloud.microsoft/mail/', chip: outlookChip, container: composeOf('[id^="docking_InitVisiblePart_"]') },
  { adapter: 'roundcube', fixture: 'roundcube/compose-en.html', url: 'https://webmail.example.be/?_task=mail&_action=compose', chip: roundcubeChip, container: composeOf('#attachment-list') },
  { adapter: 'roundcube', fixture: 'roundcube/compose-nl.html', url: 'https://webmail.example.be/?_task=mail&_action=compose', chip: roundcubeChip, container: composeOf('#attachment-list') },
];

const draft = (name = 'aanmelding-KG-7F3Q-2M9X.zip') => ({
  to: 'sociale.dienst@lille.be',
  subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X',
  body: 'Beste collega,\n\nIn bijlage een aanmelding met referentie KG-7F3Q-2M9X.',
  file: new File([new Uint8Array([80, 75, 3, 4, 1, 2, 3])], name, { type: 'application/zip' }),
});

describe.each(cases)('$adapter adapter on $fixture', (testCase) => {
  let received: () => string[];
  beforeEach(() => {
    loadFixture(testCase.fixture);
    received = answerAttachments({ chip: testCase.chip, container: testCase.container });
  });

  const adapter = () => {
    const picked = pickAdapter(document, at(testCase.url));
    if (!picked) throw new Error('no adapter detected');
    return picked;
  };

  it('is detected by its host', () => {
    expect(adapter().id).toBe(testCase.adapter);
  });

  it('fills To, subject and body, attaches the zip, and reads the draft back', async () => {
    const result = await makeDraft(adapter(), document, draft());
    expect(result).toEqual({
      ok: true,
      draft: { subject: 'Aanmelding Kind en Gezin – KG-7F3Q-2M9X', body: expect.stringContaining('referentie KG-7F3Q-2M9X') },
    });
    expect(received()).toEqual(['aanmelding-KG-7F3Q-2M9X.zip']);
    const compose = await adapter().openCompose(document);
    const toField = compose.querySelector('textarea[name="to"], textarea[name="_to"], [name="to"] input[role="combobox"], [contenteditable="true"]:not([aria-multiline="true"])');
    const typed = toField instanceof HTMLTextAreaElement || toField instanceof HTMLInputElement ? toField.value : toField?.textContent;
    expect(typed).toContain('sociale.dienst@lille.be');
  });

  it('keeps what the body already holds (a signature) below the cover text', async () => {
    const compose = await adapter().openCompose(document);
    const body = compose.querySelector<HTMLElement>('[role="textbox"][contenteditable="true"][aria-multiline="true"], div[g_editable="true"], textarea[name="_message"]');
    if (body instanceof HTMLTextAreaElement) body.value = '-- Handtekening An';
    else body?.append(document.createTextNode('-- Handtekening An'));
    adapter().setBody(compose, 'Cover');
    expect(adapter().readDraft(compose).body.replace(/\s+/gu, ' ')).toMatch(/^Cover .*Handtekening An/u);
  });

  it('says which step failed when the page changed (selectors broken)', async () => {
    for (const field of document.querySelectorAll('input[name="subjectbox"], input[type="text"][autocomplete="off"], input[name="_subject"]')) field.remove();
    const result = await makeDraft(adapter(), document, draft());
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(['openCompose', 'subject']).toContain(result.failedStep);
    expect(result.detail).toMatch(new RegExp(`^${testCase.adapter}: .* not found`, 'u'));
  });

  it('lists its elements in the self-check, found on this page', () => {
    const items = adapter().selfCheck(document);
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const step of ['recipient', 'subject', 'body'] as const) {
      expect(items.filter((item) => item.step === step).every((item) => item.found), step).toBe(true);
    }
  });
});

describe('Outlook without an open compose form', () => {
  it('opens one with the New mail button, then fills it', async () => {
    loadFixture('outlook/inbox-en.html');
    const composeHtml = (await import('node:fs')).readFileSync(`${__dirname}/../fixtures/outlook/compose-en.html`, 'utf8');
    const compose = new DOMParser().parseFromString(composeHtml, 'text/html').querySelector('[id^="docking_InitVisiblePart_"]');
    // The live page renders the compose form after the click; the fixture pair plays that.
    document.addEventListener('click', () => {
      if (compose && !document.querySelector('[id^="docking_InitVisiblePart_"]')) document.body.append(document.importNode(compose, true));
    });
    answerAttachments({ chip: outlookChip, container: composeOf('[id^="docking_InitVisiblePart_"]') });
    const outlook = adapters.find((adapter) => adapter.id === 'outlook')!;
    expect(outlook.hasCompose(document)).toBe(false);
    const result = await makeDraft(outlook, document, draft());
    expect(result.ok).toBe(true);
  });

  it('fails on openCompose, with an AdapterError, when there is no New mail button either', async () => {
    document.documentElement.innerHTML = '<head></head><body><main></main></body>';
    const outlook = adapters.find((adapter) => adapter.id === 'outlook')!;
    await expect(outlook.openCompose(document)).rejects.toBeInstanceOf(AdapterError);
    const result = await makeDraft(outlook, document, draft());
    expect(result).toMatchObject({ ok: false, failedStep: 'openCompose', completed: [] });
  });
});

describe('pickAdapter', () => {
  it('knows no adapter on other pages', () => {
    document.documentElement.innerHTML = '<head></head><body><p>Elders</p></body>';
    expect(pickAdapter(document, at('https://example.org/'))).toBeNull();
  });

  it('recognises Outlook on a new host by its page markers', () => {
    document.documentElement.innerHTML = '<head><script src="https://res.cdn.office.net/owamail/20260101.01/scripts/owa.boot.js"></script></head><body></body>';
    expect(pickAdapter(document, at('https://outlook.example.test/mail/'))?.id).toBe('outlook');
  });
});
