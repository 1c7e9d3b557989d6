// @vitest-environment happy-dom
/**
 * Issue 20.1 (webmail side): every adapter reads back the sending identity, Reply-To and Followup-To; a compose
 * that routes answers elsewhere is not untouched; Roundcube fills only a compose page it opened itself. Issue 20.10:
 * Outlook's read-back, with a labelled attachment list and uploads marked without a progress bar.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDraft } from '../../lib/webmail';
import { isUntouched, queryAll } from '../../lib/webmail/dom';
import { gmail } from '../../lib/webmail/gmail';
import { outlook } from '../../lib/webmail/outlook';
import { roundcube } from '../../lib/webmail/roundcube';
import type { ReadBack } from '../../lib/webmail/types';
import { installOutlook, type OutlookBehaviour } from '../fixtures/outlook/behaviour';
import { fixtureDocument, loadFixture, mailbox, request, timeouts, zipName } from './fixture';

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

const context = () => ({ doc: document, timeouts });
const elsewhere = 'antwoord.elders@example.org';
const empty: ReadBack = { to: [], cc: [], bcc: [], from: '', replyTo: [], followupTo: [], subject: '', body: '', attachments: [] };

describe('isUntouched', () => {
  it('counts a Reply-To or a Followup-To as someone’s compose', () => {
    expect(isUntouched(empty)).toBe(true);
    expect(isUntouched({ ...empty, replyTo: [elsewhere] })).toBe(false);
    expect(isUntouched({ ...empty, followupTo: [elsewhere] }, true)).toBe(false);
    // The sending identity is the worker's own: no reason to refuse a compose.
    expect(isUntouched({ ...empty, from: 'an.peeters@example.org' })).toBe(true);
  });
});

describe('queryAll', () => {
  it('takes the first alternative that finds something, never the alternatives joined', () => {
    document.body.innerHTML = '<div aria-label="Attachments"><div data-testid="AttachmentCard" title="a.zip"></div></div>';
    expect(queryAll(document, ['[data-testid="AttachmentCard"]', 'div[aria-label^="Attachment"]']).map((element) => element.getAttribute('title'))).toEqual(['a.zip']);
    expect(queryAll(document, ['.none', 'div[aria-label^="Attachment"]'])).toHaveLength(1);
    expect(queryAll(document, ['.none'])).toEqual([]);
  });
});

describe.each(['roundcube/compose-en.html', 'roundcube/compose-nl.html'])('Roundcube on %s', (fixture) => {
  beforeEach(() => loadFixture(fixture));
  const compose = () => roundcube.currentCompose(document)!;
  const input = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

  it('reads the selected identity, and Reply-To and Followup-To from their fields, hidden rows included', () => {
    expect(roundcube.readBack(compose())).toMatchObject({ from: 'tester@127.0.0.1', replyTo: [], followupTo: [] });
    // As a link ?_replyto=…&_followupto=… fills them: the rows stay hidden until "Add Reply-To".
    expect(document.querySelector('#compose_replyto')!.classList.contains('hidden')).toBe(true);
    input('_replyto').value = `Iemand <${elsewhere.toUpperCase()}>`;
    input('_followupto').value = `${elsewhere}, tweede@example.org`;
    expect(roundcube.readBack(compose())).toMatchObject({ replyTo: [elsewhere], followupTo: [elsewhere, 'tweede@example.org'] });
  });

  it('reads the identity the worker chose among several', () => {
    const select = document.querySelector<HTMLSelectElement>('select[name="_from"]')!;
    select.append(Object.assign(document.createElement('option'), { value: '2', textContent: 'Jan Peeters <Jan.Peeters@Example.org>' }));
    select.value = '2';
    expect(roundcube.readBack(compose()).from).toBe('jan.peeters@example.org');
  });

  it('never fills the compose on screen, however empty: it opens its own', async () => {
    expect(isUntouched(roundcube.readBack(compose()))).toBe(true);
    expect(await roundcube.freshCompose(context(), {})).toEqual({ kind: 'navigate', url: `${document.location.pathname}?_task=mail&_action=compose`, displaced: null });
    const result = await makeDraft(roundcube, request(), context());
    expect(result).toEqual({ status: 'navigating', url: expect.stringContaining('_action=compose'), displaced: null });
    expect(roundcube.readBack(compose()).to).toEqual([]);
  });

  it('fills the page it opened, but not when that page routes answers elsewhere', async () => {
    expect(await roundcube.freshCompose(context(), { afterNavigation: true })).toEqual({ kind: 'compose', compose: compose(), displaced: null });
    input('_replyto').value = elsewhere;
    expect((await roundcube.freshCompose(context(), { afterNavigation: true })).kind).toBe('navigate');
    input('_replyto').value = '';
    input('_followupto').value = elsewhere;
    expect((await roundcube.freshCompose(context(), { afterNavigation: true })).kind).toBe('navigate');
  });
});

describe.each(['gmail/compose-2020-en.html', 'gmail/compose-2024-en.html', 'gmail/compose-2024-nl.html'])('Gmail on %s', (fixture) => {
  beforeEach(() => loadFixture(fixture));
  const compose = () => gmail.currentCompose(document)!;

  it('shows no choice of sender (empty from input) and has no Reply-To or Followup-To field', () => {
    expect(compose().querySelector('input[name="from"]')).not.toBeNull();
    expect(gmail.readBack(compose())).toMatchObject({ from: '', replyTo: [], followupTo: [] });
  });

  it('reads the "Send mail as" address chosen in the From field', () => {
    compose().querySelector<HTMLInputElement>('input[name="from"]')!.value = 'An.Peeters@Example.org';
    expect(gmail.readBack(compose()).from).toBe('an.peeters@example.org');
  });
});

describe.each(['outlook/compose-en.html', 'outlook/compose-nl.html'])('Outlook on %s', (fixture) => {
  it('shows no From field by default and has no Reply-To or Followup-To field', () => {
    loadFixture(fixture);
    expect(outlook.readBack(outlook.currentCompose(document)!)).toMatchObject({ from: '', replyTo: [], followupTo: [] });
  });
});

describe('Outlook attachments (issue 20.10)', () => {
  function page(options: OutlookBehaviour) {
    loadFixture('outlook/inbox-en.html');
    const template = fixtureDocument('outlook/compose-en.html').querySelector('[id^="docking_InitVisiblePart_"]')!;
    return installOutlook(document, document.importNode(template, true), { start: 'inbox', ...options }, controller.signal);
  }

  it('reads one attachment from a list labelled "Attachments": the card, not the list around it', async () => {
    page({ attachmentList: 'labelled' });
    const result = await makeDraft(outlook, request(), context());
    expect(result.status, JSON.stringify(result)).toBe('filled');
    if (result.status === 'filled') expect(result.draft.attachments).toEqual([zipName]);
  });

  it.each(['busy', 'text', 'spinner', 'progressbar'] as const)('waits for an upload marked by %s to end before reading back', async (upload) => {
    page({ attachmentList: 'labelled', upload, uploadMs: 150 });
    const result = await makeDraft(outlook, request(), context());
    expect(result.status, JSON.stringify(result)).toBe('filled');
    if (result.status !== 'filled') return;
    expect(result.draft).toMatchObject({ to: [mailbox], attachments: [zipName] });
    const card = document.querySelector('[data-testid="AttachmentCard"]')!;
    expect(card.textContent).toContain('1 KB');
    expect(card.getAttribute('aria-busy')).toBeNull();
    expect(card.querySelector('[role="progressbar"], [class*="Spinner"]')).toBeNull();
  });

  it('counts no attachment while its card says "Uploading…" (no progress role)', () => {
    loadFixture('outlook/compose-en.html');
    const compose = outlook.currentCompose(document)!;
    const card = document.createElement('div');
    card.setAttribute('data-testid', 'AttachmentCard');
    card.setAttribute('title', zipName);
    card.append(Object.assign(document.createElement('div'), { textContent: zipName }), Object.assign(document.createElement('div'), { textContent: 'Uploading…' }));
    compose.append(card);
    expect(outlook.uploading(compose)).toBe(true);
    expect(outlook.readBack(compose).attachments).toEqual([]);
    card.lastElementChild!.textContent = 'Bezig met uploaden…';
    expect(outlook.readBack(compose).attachments).toEqual([]);
    card.lastElementChild!.textContent = '1 KB';
    expect(outlook.uploading(compose)).toBe(false);
    expect(outlook.readBack(compose).attachments).toEqual([zipName]);
  });
});
