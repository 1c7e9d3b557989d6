import { describe, expect, it } from 'vitest';
import { createOfficeClient, officeTabId, officeTabSource } from '../../addin/client';
import { createAddinPlatform, readOrganisationSettings } from '../../addin/platform';
import { officeFailureOf } from '../../addin/texts';
import type { DraftRequestMessage } from '../../lib/messages';
import { FakeOffice, officeErrors } from './fake-office';

// The add-in's shell (issue 22.1, 22.4): its Platform (settings.json beside the task pane, nothing else) and its
// PanelClient over Office.js (the fake), as the shared panel uses them.

const page = 'https://intranet.example.org/veilig-aanmelden/taskpane.html';
const notice: DraftRequestMessage = { to: 'sociale.dienst@lille.be', subject: 'Intrekking van aanmelding KG-ABCD-EFGH', body: 'Beste,\nDe aanmelding wordt ingetrokken.' };

type Answer = { ok: boolean; text: () => Promise<string> };
/** A stand-in for the page's fetch: one answer, every request listed. */
function fetcher(answer: Answer | Error) {
  const requests: { url: string; init: RequestInit }[] = [];
  const run = async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { run, requests };
}
const ok = (body: string): Answer => ({ ok: true, text: async () => body });

describe('the add-in platform: the organisation\'s settings are settings.json beside the task pane', () => {
  it('reads the file once, from the task pane\'s own folder and origin, and gives the keys asked for', async () => {
    const served = fetcher(ok(JSON.stringify({ recipients: { '13019': { mailbox: 'x@lille.be' } }, team: 'Team Lille' })));
    const platform = createAddinPlatform({ pageUrl: page, openSettings: () => undefined, fetcher: served.run });
    expect(await platform.organisationSettings(['team', 'absent'])).toEqual({ team: 'Team Lille' });
    expect(await platform.organisationSettings()).toEqual({ recipients: { '13019': { mailbox: 'x@lille.be' } }, team: 'Team Lille' });
    expect(served.requests.map((request) => request.url)).toEqual(['https://intranet.example.org/veilig-aanmelden/settings.json']);
    expect(served.requests[0]!.init).toMatchObject({ credentials: 'same-origin', redirect: 'error', mode: 'same-origin' });
  });

  it.each([
    ['absent (404)', { ok: false, text: async () => 'Not Found' } satisfies Answer],
    ['not JSON', ok('<html>oops</html>')],
    ['an array', ok('[1, 2]')],
    ['a string', ok('"team"')],
    ['unreachable', new TypeError('Failed to fetch')],
  ] as const)('is {} when the file is %s', async (_what, answer) => {
    expect(await readOrganisationSettings(page, fetcher(answer).run)).toEqual({});
  });

  it('has no legacy, no broadcasts, no change events; openSettings is the shell\'s own view', async () => {
    let opened = 0;
    const platform = createAddinPlatform({ pageUrl: page, openSettings: () => void opened++, fetcher: fetcher(ok('{}')).run });
    await platform.removeLegacy(['settings']);
    let called = false;
    platform.onBroadcast(() => (called = true))();
    platform.onOrganisationSettingsChange(() => (called = true))();
    platform.openSettings();
    expect({ opened, called }).toEqual({ opened: 1, called: false });
  });
});

describe('the Office client: the panel\'s PanelClient in one mail', () => {
  it('works for tab 0 only, bound to it', async () => {
    const office = new FakeOffice();
    const client = createOfficeClient(office.item, { retryWaitMs: 1 });
    expect(officeTabSource.bound).toBe(true);
    expect(await officeTabSource.current()).toBe(officeTabId);
    expect(await client.describeTab(officeTabId)).toEqual({ adapter: 'outlook', name: 'Outlook (invoegtoepassing)', origin: 'https://outlook.office.com', compose: true });
    expect(await client.describeTab(1)).toBeNull();
    expect(await client.readDraft(1)).toBeNull();
    expect(await client.fillDraft(1, notice)).toBeNull();
    expect(office.calls.filter((call) => call.endsWith('setAsync'))).toEqual([]);
  });

  it('says a reply is no compose to fill, refuses it and reports why; a new mail goes through and clears the report', async () => {
    const failures: (string | null)[] = [];
    const reply = new FakeOffice({ composeType: 'reply', initial: { to: ['collega@example.org'], subject: 'RE: vraag' } });
    const replyClient = createOfficeClient(reply.item, { retryWaitMs: 1, onFailure: (detail) => failures.push(detail) });
    expect((await replyClient.describeTab(officeTabId))?.compose).toBe(false);
    expect(await replyClient.fillDraft(officeTabId, notice)).toMatchObject({ status: 'failed', failedStep: 'openCompose' });
    const office = new FakeOffice();
    const client = createOfficeClient(office.item, { retryWaitMs: 1, onFailure: (detail) => failures.push(detail) });
    expect(await client.fillDraft(officeTabId, notice)).toMatchObject({ status: 'filled' });
    expect(failures.map((detail) => (detail === null ? null : officeFailureOf(detail)))).toEqual(['notNew', null]);
  });

  it('keeps the form in memory only, and reads a passing Outlook error as "unknown", not as a closed mail', async () => {
    const office = new FakeOffice();
    const client = createOfficeClient(office.item, { retryWaitMs: 1 });
    expect(await client.loadForm()).toBeNull();
    const form = { step: 'client' } as unknown as Parameters<typeof client.saveForm>[0];
    await client.saveForm(form);
    expect(await client.loadForm()).toBe(form);
    await client.clearForm();
    expect(await client.loadForm()).toBeNull();
    expect(await client.fillDraft(officeTabId, notice)).toMatchObject({ status: 'filled' });
    office.failNext('to.getAsync', officeErrors.internal);
    expect(await client.readDraft(officeTabId)).toBeNull();
    expect(await client.readDraft(officeTabId)).toMatchObject({ ok: true, draft: { to: ['sociale.dienst@lille.be'] } });
  });
});
