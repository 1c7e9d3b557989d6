// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDraft, pickAdapter } from '../../lib/webmail';
import { verifyDraft, type ExpectedDraft } from '../../lib/panel/verify';
import { parseReferral } from '../../lib/referral';
import { referralMailText } from '../../lib/templates/cover';
import { installGmail } from '../fixtures/gmail/behaviour';
import { installOutlook } from '../fixtures/outlook/behaviour';
import { validInput } from '../support/people';
import { answerAttachments, at, fixtureDocument, loadFixture, mailbox, request, timeouts, zipName } from '../webmail/fixture';

// Issue 20 items 7 and 8: the stricter check (subject and cover text as made, the attachment's name exactly ours) still
// calls a draft right as each webmail's adapter reads it back from its fixture: its body rendering, its attachment names.
let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

const parsed = parseReferral(validInput);
if (!parsed.ok) throw new Error('test referral must parse');
const referrer = { name: 'Sofie Wouters', team: 'Regioteam Kempen', phone: '014 12 34 56', email: 'sofie.wouters@kindengezin.be' };
const made = referralMailText('KG-7F3Q-2M9X', referrer);
const expected: ExpectedDraft = { to: mailbox, from: null, subject: made.subject, body: made.body, fileName: zipName, referral: parsed.referral, referrer };

/** Roundcube 1.6's uploaded file (attachment_upload.php): delete link, name, size, options menu. */
const roundcubeChip = (name: string) =>
  Object.assign(document.createElement('li'), {
    id: 'rcmfile1',
    className: 'application zip',
    innerHTML: `<a class="delete">Verwijderen</a><span class="attachment-name">${name}</span><span class="attachment-size">(4 KB)</span><a class="drop">Opties</a>`,
  });
const outlookTemplate = () => document.importNode(fixtureDocument('outlook/compose-en.html').querySelector('[id^="docking_InitVisiblePart_"]')!, true);

const cases = [
  ...['gmail/compose-2020-en.html', 'gmail/compose-2024-en.html', 'gmail/compose-2024-nl.html'].map((fixture) => ({
    fixture, url: 'https://mail.google.com/mail/u/0/', install: () => installGmail(document, {}, controller.signal),
  })),
  ...['outlook/compose-en.html', 'outlook/compose-nl.html'].map((fixture) => ({
    fixture, url: 'https://outlook.cloud.microsoft/mail/', install: () => installOutlook(document, outlookTemplate(), {}, controller.signal),
  })),
  ...['roundcube/compose-en.html', 'roundcube/compose-nl.html'].map((fixture) => ({
    fixture, url: 'https://webmail.example.be/?_task=mail&_action=compose',
    install: () => answerAttachments({ chip: roundcubeChip, container: () => document.querySelector('#attachment-list'), signal: controller.signal }),
  })),
];

describe.each(cases)('verifyDraft on the draft $fixture holds', ({ fixture, url, install }) => {
  beforeEach(() => loadFixture(fixture));

  it('is right as filled, and names subject and text once the compose lost them (a reload)', async () => {
    install();
    const adapter = pickAdapter(document, at(url));
    if (!adapter) throw new Error('no adapter detected');
    const result = await makeDraft(adapter, { ...request(), subject: made.subject, body: made.body, afterNavigation: true }, { doc: document, timeouts });
    if (result.status !== 'filled') throw new Error(JSON.stringify(result));
    expect(verifyDraft(result.draft, expected)).toEqual([]);

    const compose = adapter.currentCompose(document)!;
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name="subjectbox"], input[name="_subject"], input[id$="_SUBJECT"], input[type="text"][autocomplete="off"], textarea[name="_message"]')) field.value = '';
    for (const body of document.querySelectorAll('[role="textbox"][contenteditable="true"][aria-multiline="true"], div[g_editable="true"]')) body.replaceChildren();
    const kinds = verifyDraft(adapter.readBack(compose), expected).map((problem) => problem.kind);
    expect(kinds).toEqual(['subject', 'body']);
  });
});
