// @vitest-environment happy-dom
/**
 * The pilot check (options page, RULES §8) on each behavioural fixture: the whole chain with the harmless test file,
 * every attach tier tried on its own, reported per step and tier as text for IT.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMessageKey } from '../../lib/i18n';
import { adapterProblemSchema, type AttachTierId } from '../../lib/messages';
import { detailName, failureName, stepName, tierName, whatKey, whatName } from '../../lib/webmail/names';
import { pilotText, selfCheckText } from '../../components/options/SelfCheckSection';
import type { WebmailAdapter } from '../../lib/webmail';
import { gmail } from '../../lib/webmail/gmail';
import { outlook } from '../../lib/webmail/outlook';
import { failed } from '../../lib/webmail/failure';
import { pilotFileName, runPilot } from '../../lib/webmail/pilot';
import { roundcube } from '../../lib/webmail/roundcube';
import { installGmail, type GmailBehaviour } from '../fixtures/gmail/behaviour';
import { installOutlook, type OutlookBehaviour } from '../fixtures/outlook/behaviour';
import { answerAttachments, answerDraftSaves, fixtureDocument, loadFixture, timeouts } from './fixture';

const worker = 'an.janssens@example.org';
let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

function gmailPage(options: GmailBehaviour) {
  loadFixture('gmail/compose-2024-en.html');
  installGmail(document, options, controller.signal);
}

function outlookPage(options: OutlookBehaviour) {
  loadFixture('outlook/inbox-en.html');
  const template = fixtureDocument('outlook/compose-en.html').querySelector('[id^="docking_InitVisiblePart_"]')!;
  installOutlook(document, document.importNode(template, true), options, controller.signal);
}

function roundcubePage() {
  loadFixture('roundcube/compose-en.html');
  let count = 0;
  const chip = (name: string) => Object.assign(document.createElement('li'), { id: `rcmfile${++count}`, textContent: name });
  answerAttachments({ chip, container: () => document.querySelector('#attachment-list'), on: ['change', 'drop'], signal: controller.signal });
}

type Case = { adapter: WebmailAdapter; setup: () => void; tiers: Record<string, boolean> };
const cases: Case[] = [
  { adapter: gmail, setup: () => gmailPage({ start: 'inbox', zone: true, input: false }), tiers: { drop: true, input: false } },
  { adapter: gmail, setup: () => gmailPage({ start: 'inbox', zone: false, input: true }), tiers: { drop: false, input: true } },
  { adapter: outlook, setup: () => outlookPage({ start: 'inbox', drop: false, paste: true }), tiers: { drop: false, paste: true } },
  { adapter: outlook, setup: () => outlookPage({ start: 'inbox', drop: true, paste: true }), tiers: { drop: true, paste: true } },
  { adapter: roundcube, setup: roundcubePage, tiers: { input: true, drop: true } },
];

describe.each(cases)('the pilot check on $adapter.id', ({ adapter, setup, tiers }) => {
  it('fills a fresh compose to the worker, tries each tier on its own, reports per step and tier', async () => {
    setup();
    // The fixture's compose stands for the page opened for this check (Roundcube reuses no other).
    const report = await runPilot(adapter, worker, { doc: document, timeouts }, true);
    expect(report.status).toBe('done');
    if (report.status !== 'done') return;
    expect(report.steps.filter((step) => !step.ok)).toEqual([]);
    expect(Object.fromEntries(report.tiers.map((tier) => [tier.tier, tier.ok]))).toEqual(tiers);
    const compose = adapter.currentCompose(document)!;
    const draft = adapter.readBack(compose);
    expect(draft.to).toEqual([worker]);
    expect(draft.attachments.every((name) => name.includes(pilotFileName.replace(/\.txt$/u, '')))).toBe(true);
    // The copyable report names steps and tiers only.
    const text = pilotText(report, '0.1.0');
    expect(text).toContain(`Test de koppeling met je webmail – ${adapter.id} – `);
    for (const [tier, ok] of Object.entries(tiers)) expect(text).toContain(`${ok ? '[x]' : '[ ]'} het bestand toevoegen ${tierName(tier as AttachTierId)}`);
    expect(text).not.toContain(worker);
  });
});

it('reports the step that fails, and still tries the rest (Outlook without a New mail button)', async () => {
  document.documentElement.innerHTML = '<head></head><body><main></main></body>';
  const report = await runPilot(outlook, worker, { doc: document, timeouts });
  expect(report).toMatchObject({ status: 'done', steps: [{ step: 'openCompose', ok: false }] });
});

it('says "navigating" where the webmail composes on a page of its own and the one on screen is not empty', async () => {
  roundcubePage();
  const saved = answerDraftSaves({ signal: controller.signal });
  const to = document.querySelector<HTMLTextAreaElement>('textarea[name="_to"]')!;
  to.value = 'een.ouder@example.org';
  expect(await runPilot(roundcube, worker, { doc: document, timeouts })).toEqual({ status: 'navigating', url: expect.stringContaining('_action=compose') });
  // The mail on screen is saved as a draft before the tab leaves it (issue 21.10).
  expect(saved.saves()).toBe(1);
});

it("the self-check report adds which attach tier worked for the last draft in that webmail, and only that webmail's", () => {
  const report = { adapter: 'gmail', url: 'https://mail.google.com', items: [{ step: 'recipient' as const, what: 'To field', found: true }] };
  const dropFailed = { tier: 'drop' as const, ok: false, ...failed('gmail', 'drop zone', 'timeout') };
  const last = { adapter: 'gmail' as const, on: '2026-11-30', tiers: [dropFailed, { tier: 'input' as const, ok: true, detail: '' }] };
  const text = selfCheckText(report, '0.1.0', last);
  expect(text).toContain('Laatste concept in deze webmail (2026-11-30), bijvoegen:');
  expect(text).toContain('[x] het adres invullen: Aan-veld – gevonden');
  expect(text).toContain(`[ ] het bestand toevoegen door neerzetten (gmail: ${whatName('drop zone')} niet op tijd gevonden)`);
  expect(text).toContain('[x] het bestand toevoegen via de bestandskiezer');
  expect(selfCheckText({ ...report, adapter: 'outlook' }, '0.1.0', last)).not.toContain('het bestand toevoegen');
  // A record an earlier version stored has no data beside its detail: shown as it came.
  const earlier = { ...last, tiers: [{ tier: 'drop' as const, ok: false, detail: 'gmail: drop zone not found in time' }] };
  expect(selfCheckText(report, '0.1.0', earlier)).toContain('[ ] het bestand toevoegen door neerzetten (gmail: drop zone not found in time)');
});

it('names every element an adapter looks for in Dutch (and English and French): no English in a Dutch self-check', () => {
  const sources = ['gmail', 'outlook', 'roundcube'].map((name) => readFileSync(`${process.cwd()}/lib/webmail/${name}.ts`, 'utf8'));
  const whats = new Set(sources.flatMap((source) => [...source.matchAll(/what: '([^']+)'/gu)].map((match) => match[1]!)));
  expect(whats.size).toBeGreaterThan(20);
  const untranslated = [...whats].filter((what) => !isMessageKey(whatKey(what)));
  expect(untranslated).toEqual([]);
  expect(whatName('To field')).toBe('Aan-veld');
});

it('says what went wrong in a step in Dutch: every problem with every element an adapter, the pilot or the content script names', () => {
  const files = ['gmail', 'outlook', 'roundcube', 'dom', 'draft', 'events', 'pilot'].map((name) => `${process.cwd()}/lib/webmail/${name}.ts`);
  const sources = [...files, `${process.cwd()}/lib/content/handlers.ts`].map((file) => readFileSync(file, 'utf8'));
  // Every element the code names: in selector maps and waits (`what: '…'`), thrown errors and described failures.
  const whats = new Set(
    sources.flatMap((source) => [
      ...[...source.matchAll(/what: '([^']+)'/gu)].map((match) => match[1]!),
      ...[...source.matchAll(/new AdapterError\('\w+', '([^']*)'/gu)].map((match) => match[1]!),
      ...[...source.matchAll(/failed\(adapter\.id, '([^']*)'/gu)].map((match) => match[1]!),
      ...[...source.matchAll(/settle\([^;]*?'([^']+)', signal\)/gu)].map((match) => match[1]!),
    ]),
  );
  expect(whats.size).toBeGreaterThan(20);
  const leaked = /\b(field|pill|chip|input|button|not found|not shown|in time|cancelled|unexpected|error|attach|tier|compose|worked|differ|upload|wait)\b/iu;
  const untranslated = adapterProblemSchema.options.flatMap((problem) =>
    [...whats].map((what) => failureName({ adapter: 'gmail', what, problem })).filter((name) => leaked.test(name)),
  );
  expect(untranslated).toEqual([]);
  expect(failureName({ adapter: 'outlook', what: 'New mail button', problem: 'notFound' })).toBe(`outlook: ${whatName('New mail button')} niet gevonden`);
  expect(failureName({ adapter: 'gmail', what: 'recipient', problem: 'cancelled' })).toBe(`gmail: ${whatName('recipient')}: afgebroken`);
  expect(failureName({ adapter: 'roundcube', what: '', problem: 'noCompose' })).toBe('roundcube: geen nieuwe mail open');
  // A detail without its data (the add-in's Office errors, a record an earlier version stored) is kept as it came.
  expect(detailName({ detail: 'iets anders' })).toBe('iets anders');
});

it('carries what went wrong as data from the adapter to the report, with the English detail beside it', async () => {
  document.documentElement.innerHTML = '<head></head><body><main></main></body>';
  const report = await runPilot(outlook, worker, { doc: document, timeouts });
  if (report.status !== 'done') throw new Error('the pilot should be done');
  expect(report.steps[0]).toEqual({
    step: 'openCompose',
    ok: false,
    detail: 'outlook: New mail button not found',
    failure: { adapter: 'outlook', what: 'New mail button', problem: 'notFound' },
  });
  expect(pilotText(report, '0.1.0')).toContain(`[ ] ${stepName('openCompose')} (outlook: ${whatName('New mail button')} niet gevonden)`);
});
