import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { storedRoundcubeOrigins } from '../../lib/settings/roundcube';
import { t } from '../../lib/i18n';
import type { PilotReport, SelfCheckReport } from '../../lib/messages';
import { lastAttachTiers, type AttachRecord } from '../../lib/panel/attach-record';
import { createOptionsClient, type Reply } from '../../lib/panel/client';
import { loadSettings } from '../../lib/settings';
import { roundcubeMatchPattern, webmailMatches } from '../../lib/webmail/hosts';
import { detailName, stepName, tierName, whatName } from '../../lib/webmail/names';
import { CopyButton } from '../common/CopyButton';

type WebmailTab = { id: number; origin: string };

/** Plain text of a self-check, for the user to paste into a report: element names only, no page content. */
export function selfCheckText(report: SelfCheckReport, version: string, last: AttachRecord | null = null): string {
  const lines = report.items.map((item) => `${item.found ? '[x]' : '[ ]'} ${stepName(item.step)}: ${whatName(item.what)} – ${item.found ? t('opt_selfCheckFound') : t('opt_selfCheckMissing')}`);
  // Which way of attaching worked for the last draft in this webmail: what the live page did, not only what is there.
  const tiers =
    last && last.adapter === report.adapter
      ? [t('opt_selfCheckLastDraft', [last.on]), ...last.tiers.map((tier) => `${tier.ok ? '[x]' : '[ ]'} ${stepName('attach')} ${tierName(tier.tier)}${tier.detail ? ` (${detailName(tier)})` : ''}`)]
      : [];
  return [`Veilig Aanmelden ${version} – ${report.adapter ?? '?'} – ${report.url}`, ...lines, ...tiers].join('\n');
}

/** Plain text of a pilot check: which step and which attach tier worked, for IT. Names only, no page content. */
export function pilotText(report: Extract<PilotReport, { status: 'done' }>, version: string): string {
  const mark = (ok: boolean) => (ok ? '[x]' : '[ ]');
  return [
    `Veilig Aanmelden ${version} – ${t('opt_pilotTitle')} – ${report.adapter} – ${report.origin}`,
    ...report.steps.map((step) => `${mark(step.ok)} ${stepName(step.step)}${step.detail ? ` (${detailName(step)})` : ''}`),
    ...report.tiers.map((tier) => `${mark(tier.ok)} ${stepName('attach')} ${tierName(tier.tier)}${tier.detail ? ` (${detailName(tier)})` : ''}`),
  ].join('\n');
}

/** The options page's doorway to the background and the webmail tabs. */
const client = createOptionsClient();

/** Why the tab gave no report, for the user: it was not reached, or it was and the check failed there. */
const unansweredText = (reply: Extract<Reply<unknown>, { ok: false }>) => (reply.reason === 'noReceiver' ? t('opt_selfCheckFailed') : t('opt_selfCheckBroken'));

/** Runs the adapter's self-check on an open webmail tab (RULES §8): how we learn that a webmail changed. */
export function SelfCheckSection() {
  const [tabs, setTabs] = useState<WebmailTab[] | null>(null);
  const [tabId, setTabId] = useState<number | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [pilotAddress, setPilotAddress] = useState('');
  const [pilotRunning, setPilotRunning] = useState(false);
  const selectId = useId();
  const addressId = useId();

  useEffect(() => {
    void loadSettings().then((settings) => setPilotAddress((current) => current || settings.referrer.email));
  }, []);

  async function pilot() {
    if (tabId === null) return;
    setError(undefined);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(pilotAddress.trim())) {
      setError(t('opt_pilotNoAddress'));
      return;
    }
    setPilotRunning(true);
    const reply = await client.pilot(tabId, pilotAddress.trim());
    setPilotRunning(false);
    if (!reply.ok) {
      setResult(null);
      setError(unansweredText(reply));
      return;
    }
    setResult(pilotText(reply.value, browser.runtime.getManifest().version));
  }

  async function findTabs() {
    const roundcube = (await storedRoundcubeOrigins()).map(roundcubeMatchPattern);
    // Only tabs of hosts we hold permission for are listed with their address: no "tabs" permission needed.
    const found = await browser.tabs.query({ url: [...webmailMatches, ...roundcube] });
    const list = found.flatMap((tab) => (tab.id !== undefined && tab.url ? [{ id: tab.id, origin: new URL(tab.url).origin }] : []));
    setTabs(list);
    setTabId(list[0]?.id ?? null);
  }

  async function run() {
    if (tabId === null) return;
    setError(undefined);
    const reply = await client.selfCheck(tabId);
    if (!reply.ok) {
      setResult(null);
      setError(unansweredText(reply));
      return;
    }
    setResult(selfCheckText(reply.value, browser.runtime.getManifest().version, await lastAttachTiers()));
  }

  return (
    <section aria-labelledby="selfcheck-title">
      <h2 id="selfcheck-title">{t('opt_selfCheckTitle')}</h2>
      <p>{t('opt_selfCheckIntro')}</p>
      <p>
        <button type="button" onClick={() => void findTabs()}>
          {t('opt_selfCheckRefresh')}
        </button>
      </p>
      {tabs && tabs.length === 0 ? <p>{t('opt_selfCheckNoTabs')}</p> : null}
      {tabs && tabs.length > 0 ? (
        <>
          <label htmlFor={selectId}>{t('opt_selfCheckTab')}</label>
          <select id={selectId} value={tabId ?? ''} onChange={(event) => setTabId(Number(event.target.value))}>
            {tabs.map((tab) => (
              <option key={tab.id} value={tab.id}>
                {tab.origin}
              </option>
            ))}
          </select>{' '}
          <button type="button" onClick={() => void run()}>
            {t('opt_selfCheckRun')}
          </button>
          <h3>{t('opt_pilotTitle')}</h3>
          <p>{t('opt_pilotIntro')}</p>
          <label htmlFor={addressId}>{t('opt_pilotAddress')}</label>
          <input id={addressId} type="email" autoComplete="email" value={pilotAddress} onChange={(event) => setPilotAddress(event.target.value)} />
          <p>
            <button type="button" onClick={() => void pilot()} disabled={pilotRunning}>
              {t('opt_pilotRun')}
            </button>
          </p>
          {pilotRunning ? <p role="status">{t('opt_pilotRunning')}</p> : null}
        </>
      ) : null}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      {result ? (
        <>
          <h3>{t('opt_selfCheckResult')}</h3>
          <pre className="selfcheck">{result}</pre>
          <CopyButton text={result} label={t('opt_selfCheckCopy')} />
        </>
      ) : null}
    </section>
  );
}
