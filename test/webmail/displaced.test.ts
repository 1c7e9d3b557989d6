// @vitest-environment happy-dom
/**
 * Issue 21.10 (webmail side): the compose on screen is never replaced without a word. Each answer to `draft.make` says
 * what became of it, without its content; Roundcube, which throws a compose away on leaving, saves it with its own
 * Save first and leaves only once the save is confirmed; Outlook and Gmail keep it open beside the new one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftResultSchema } from '../../lib/messages';
import { makeDraft } from '../../lib/webmail';
import { leaving } from '../../lib/webmail/dom';
import { gmail } from '../../lib/webmail/gmail';
import { outlook } from '../../lib/webmail/outlook';
import { roundcube } from '../../lib/webmail/roundcube';
import type { ReadBack } from '../../lib/webmail/types';
import { installGmail } from '../fixtures/gmail/behaviour';
import { installOutlook } from '../fixtures/outlook/behaviour';
import { answerDraftSaves, fixtureDocument, loadFixture, mailbox, request, timeouts } from './fixture';

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

const context = () => ({ doc: document, timeouts });
const earlierZip = 'aanmelding-KG-4H7K-9PQ2.zip';

describe('leaving(): what a compose was, without its content', () => {
  const empty: ReadBack = { to: [], cc: [], bcc: [], from: '', replyTo: [], followupTo: [], subject: '', body: '', attachments: [] };
  it.each([
    ['Re: Afspraak', 'reply'], ['RE: Afspraak', 'reply'], ['Antw: Afspraak', 'reply'], ['AW: Termin', 'reply'], ['Re[2]: Afspraak', 'reply'],
    ['Fwd: Afspraak', 'forward'], ['FW: Afspraak', 'forward'], ['TR : Rendez-vous', 'forward'], ['Doorst: Afspraak', 'forward'],
    ['Afspraak', 'draft'], ['Aanmelding Kind en Gezin – KG-4H7K-9PQ2', 'draft'], ['', 'draft'], ['Reactie: ja', 'draft'],
  ] as const)('%j is a %s', (subject, kind) => {
    expect(leaving({ ...empty, subject })).toEqual({ kind, heldOurZip: false });
  });

  it('knows a zip of ours by its name, however the webmail shows it; the webmail’s own word wins', () => {
    expect(leaving({ ...empty, attachments: [`${earlierZip} (12 KB)`] }).heldOurZip).toBe(true);
    expect(leaving({ ...empty, attachments: ['aanmelding-KG-4H7K-9P…'] }).heldOurZip).toBe(false);
    expect(leaving({ ...empty, attachments: ['verslag.zip', 'aanmelding.zip'] }).heldOurZip).toBe(false);
    expect(leaving({ ...empty, subject: 'Afspraak' }, 'reply').kind).toBe('reply');
  });
});

describe.each(['roundcube/compose-en.html', 'roundcube/compose-nl.html'])('Roundcube on %s', (fixture) => {
  beforeEach(() => loadFixture(fixture));
  const field = (name: string) => document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  /** Roundcube's rcmail.set_env in an inline script, as on the live page (the fixture's scripts were stripped). */
  const composeMode = (mode: string) => document.body.append(Object.assign(document.createElement('script'), { type: 'text/plain', textContent: `rcmail.set_env({"compose_mode":"${mode}","draft_autosave":300});` }));
  const attachEarlierZip = () => {
    const item = Object.assign(document.createElement('li'), { id: 'rcmfile1' });
    item.append(Object.assign(document.createElement('a'), { className: 'attachment-name', textContent: earlierZip }));
    document.querySelector('#attachment-list')!.append(item);
  };

  it('saves a reply on screen as a draft before it asks to leave it, and says so', async () => {
    const saved = answerDraftSaves({ signal: controller.signal, ms: 50 });
    composeMode('reply');
    field('_to').value = 'een.ouder@example.org';
    field('_subject').value = 'Re: afspraak';
    field('_message').value = '> Lisa De Smet, 0478 99 88 77';
    const result = await makeDraft(roundcube, request(), context());
    expect(result).toEqual({ status: 'navigating', url: expect.stringContaining('_action=compose'), displaced: { kind: 'reply', savedAs: 'draft', heldOurZip: false } });
    expect(saved.saves()).toBe(1);
    expect(field('_draft_saveid').value).toBe('101');
    // The answer is data without content: it passes the schema, and nothing of the reply is in it.
    expect(draftResultSchema.safeParse(result).success).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/Lisa|ouder|afspraak/u);
  });

  it('saves an unsaved compose holding an earlier zip of ours first, and names it', async () => {
    const saved = answerDraftSaves({ signal: controller.signal });
    field('_to').value = mailbox;
    field('_subject').value = 'Aanmelding Kind en Gezin – KG-4H7K-9PQ2';
    attachEarlierZip();
    const fresh = await roundcube.freshCompose(context(), {});
    expect(fresh).toMatchObject({ kind: 'navigate', displaced: { kind: 'draft', savedAs: 'draft', heldOurZip: true } });
    expect(saved.saves()).toBe(1);
  });

  it('tells a forward by Roundcube’s own word', async () => {
    answerDraftSaves({ signal: controller.signal });
    composeMode('forward');
    field('_subject').value = 'Doorgestuurd bericht';
    expect((await roundcube.freshCompose(context(), {})).displaced).toEqual({ kind: 'forward', savedAs: 'draft', heldOurZip: false });
  });

  it('starts no second save of a draft that is saved and unchanged, and leaves it at once', async () => {
    const saved = answerDraftSaves({ signal: controller.signal, current: true });
    composeMode('draft');
    field('_subject').value = 'Overleg';
    field('_draft_saveid').value = '7'; // opened from Drafts, unchanged
    const started = Date.now();
    expect((await roundcube.freshCompose(context(), {})).displaced).toEqual({ kind: 'draft', savedAs: 'draft', heldOurZip: false });
    expect(saved.saves()).toBe(0);
    expect(Date.now() - started).toBeLessThan(timeouts.openMs);
  });

  it.each([
    ['reports an error', { fails: true }],
    ['never answers', null],
  ] as const)('stays on a compose holding our zip when the save %s: nothing is left, the draft step stops and says why', async (_how, answer) => {
    if (answer) answerDraftSaves({ signal: controller.signal, ...answer });
    field('_to').value = mailbox;
    attachEarlierZip();
    const result = await makeDraft(roundcube, request(), context());
    expect(result).toMatchObject({
      status: 'failed',
      failedStep: 'openCompose',
      completed: [],
      detail: expect.stringMatching(/^roundcube: the compose on screen was not saved as a draft/u),
      displaced: { kind: 'draft', savedAs: 'kept', heldOurZip: true },
    });
    expect(draftResultSchema.safeParse(result).success).toBe(true);
    // The compose on screen is as it was: no navigation was asked for, nothing filled.
    expect(field('_to').value).toBe(mailbox);
    expect(roundcube.readBack(roundcube.currentCompose(document)!).attachments).toEqual([earlierZip]);
  });

  it('leaves an empty compose, or one with only the signature, without saving anything', async () => {
    const saved = answerDraftSaves({ signal: controller.signal });
    expect((await roundcube.freshCompose(context(), {})).displaced).toBeNull();
    field('_message').value = '\n\n-- \nAn Peeters\nKind en Gezin';
    expect((await roundcube.freshCompose(context(), {})).displaced).toBeNull();
    field('_message').value = 'Beste\n\n-- \nAn Peeters';
    expect((await roundcube.freshCompose(context(), {})).displaced).toMatchObject({ kind: 'draft', savedAs: 'draft' });
    expect(saved.saves()).toBe(1);
  });

  it('never saves the page it opened itself, whatever filled it', async () => {
    const saved = answerDraftSaves({ signal: controller.signal });
    field('_replyto').value = 'antwoord.elders@example.org';
    expect(await roundcube.freshCompose(context(), { afterNavigation: true })).toMatchObject({ kind: 'navigate', displaced: null });
    expect(saved.saves()).toBe(0);
  });
});

function outlookPage(start: 'reply' | 'inbox' | 'empty') {
  loadFixture('outlook/inbox-en.html');
  const template = fixtureDocument('outlook/compose-en.html').querySelector('[id^="docking_InitVisiblePart_"]')!;
  return installOutlook(document, document.importNode(template, true), { start }, controller.signal);
}

function gmailPage(start: 'reply' | 'inbox' | 'empty') {
  loadFixture('gmail/compose-2024-en.html');
  return installGmail(document, { start }, controller.signal);
}

describe.each([
  { adapter: outlook, page: outlookPage, newMail: '[data-app-section="Ribbon"] button' },
  { adapter: gmail, page: gmailPage, newMail: 'div[gh="cm"]' },
])('$adapter.id', ({ adapter, page, newMail }) => {
  it('says the reply on screen stays open beside the new compose', async () => {
    page('reply');
    const result = await makeDraft(adapter, request(), context());
    expect(result).toMatchObject({ status: 'filled', displaced: { kind: 'reply', savedAs: 'kept', heldOurZip: false } });
  });

  it('says an earlier referral’s compose, our zip in it, stays open when the next referral needs a new one', async () => {
    page('inbox');
    const first = await makeDraft(adapter, request(earlierZip), context());
    expect(first).toMatchObject({ status: 'filled', displaced: null });
    const second = await makeDraft(adapter, request(), context());
    expect(second).toMatchObject({ status: 'filled', displaced: { kind: 'draft', savedAs: 'kept', heldOurZip: true } });
  });

  it('says it cannot tell where the compose went when the webmail closed it for the new one', async () => {
    page('reply');
    const reply = adapter.currentCompose(document)!;
    // A webmail that closes the open compose as the new one opens (before the fixture opens it).
    document.addEventListener('click', (event) => {
      if ((event.target as Element).closest(newMail)) reply.remove();
    }, { capture: true, signal: controller.signal });
    const result = await makeDraft(adapter, request(), context());
    expect(result).toMatchObject({ status: 'filled', displaced: { kind: 'reply', savedAs: 'unknown', heldOurZip: false } });
  });

  it('says nothing when the compose on screen was empty and is used', async () => {
    page('empty');
    expect(await makeDraft(adapter, request(), context())).toMatchObject({ status: 'filled', displaced: null });
  });
});
