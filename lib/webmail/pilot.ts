import type { AdapterStep, PilotReport, TierReport } from '../messages';
import { waitFor } from './dom';
import { describe, failed } from './failure';
import type { AdapterContext, WebmailAdapter } from './types';

/** The pilot check's file: harmless text, no client data. */
export const pilotFileName = 'veilig-aanmelden-test.txt';
const pilotText = 'Veilig Aanmelden: testbestand van de koppelingstest. Geen gegevens van cliënten. Je mag deze mail verwijderen.';

/**
 * The pilot check (RULES §8): the whole chain on the live webmail with a harmless test file to the worker's own
 * address: a fresh compose, To, subject, body, then every attach tier (each on its own, so IT learns which work),
 * then the read-back. It reports per step and per tier and leaves the test draft for the worker to delete.
 */
export async function runPilot(adapter: WebmailAdapter, to: string, context: AdapterContext, afterNavigation = false): Promise<PilotReport> {
  const steps: Extract<PilotReport, { status: 'done' }>['steps'] = [];
  const tiers: TierReport = [];
  const done = (): PilotReport => ({ status: 'done', adapter: adapter.id, origin: context.doc.location.origin, steps, tiers });
  let compose: Element;
  try {
    const fresh = await adapter.freshCompose(context, { afterNavigation });
    if (fresh.kind === 'navigate') return { status: 'navigating', url: fresh.url };
    compose = fresh.compose;
    steps.push({ step: 'openCompose', ok: true, detail: '' });
  } catch (error) {
    steps.push({ step: 'openCompose', ok: false, ...describe(adapter.id, error) });
    return done();
  }
  const fill: [AdapterStep, () => Promise<void> | void][] = [
    ['recipient', () => adapter.setRecipient(compose, to, context)],
    ['subject', () => adapter.setSubject(compose, 'Veilig Aanmelden – koppelingstest')],
    ['body', () => adapter.setBody(compose, pilotText)],
  ];
  for (const [step, run] of fill) {
    try {
      await run();
      steps.push({ step, ok: true, detail: '' });
    } catch (error) {
      steps.push({ step, ok: false, ...describe(adapter.id, error) });
    }
  }
  const file = new File([pilotText], pilotFileName, { type: 'text/plain' });
  const count = () => adapter.readBack(compose).attachments.filter((name) => name.includes('veilig-aanmelden-test')).length;
  for (const tier of adapter.attachTiers) {
    try {
      const before = count();
      await tier.run(compose, file, context);
      await waitFor(context.doc.documentElement, () => count() > before, {
        timeoutMs: context.timeouts.tierMs, step: 'attach', what: 'attached test file', signal: context.signal,
      });
      tiers.push({ tier: tier.id, ok: true, detail: '' });
    } catch (error) {
      tiers.push({ tier: tier.id, ok: false, ...describe(adapter.id, error) });
    }
  }
  steps.push({ step: 'attach', ok: tiers.some((report) => report.ok), detail: '' });
  try {
    const draft = adapter.readBack(compose);
    const right = draft.to.length === 1 && draft.to[0] === to.toLowerCase() && draft.cc.length + draft.bcc.length === 0;
    steps.push({ step: 'read', ok: right, ...(right ? { detail: '' } : failed(adapter.id, '', 'readBackDiffers')) });
  } catch (error) {
    steps.push({ step: 'read', ok: false, ...describe(adapter.id, error) });
  }
  return done();
}
