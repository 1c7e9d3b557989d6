import { useId, useState } from 'react';
import { CopyButton } from '../components/common/CopyButton';
import { t } from '../lib/i18n';
import { loadSettings } from '../lib/settings';
import type { OfficeComposeItem } from './office-draft';
import { pilotMark, pilotReportText, runOfficePilot, type PilotOptions, type PilotReport } from './pilot';

/** What the pilot check needs from the shell: the mail the task pane is open in, and what office.js says of it. */
export type AddinPilot = {
  item: OfficeComposeItem;
  /** The signed-in mailbox's address ('' when Outlook does not say); else the worker's own from her details. */
  ownAddress: string;
  /** Which Outlook, for the report ("OutlookWebApp 16.0…"). */
  host: string;
  options?: PilotOptions;
};

/**
 * "Test de koppeling" in the add-in's settings view (issue 22 item 6): runs the pilot in this mail and shows each step
 * as ✓ or ✗ with the reason, and the report as text to copy for IT. The test mail stays for the worker to delete.
 */
export function PilotSection({ pilot }: { pilot: AddinPilot }) {
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<PilotReport | null>(null);
  const reportId = useId();

  async function run() {
    setRunning(true);
    setReport(null);
    const own = pilot.ownAddress.trim() || (await loadSettings().catch(() => null))?.referrer.email || '';
    setReport(await runOfficePilot(pilot.item, own, pilot.options));
    setRunning(false);
  }

  const failed = report ? report.lines.filter((line) => line.ok === false).length : 0;
  const steps = report ? report.lines.filter((line) => line.ok !== null).length : 0;
  return (
    <section aria-labelledby="addin-pilot-title">
      <h2 id="addin-pilot-title">{t('addin_pilotTitle')}</h2>
      <p>{t('addin_pilotIntro')}</p>
      <p>
        <button type="button" onClick={() => void run()} disabled={running}>
          {t('addin_pilotTitle')}
        </button>
      </p>
      {running ? <p role="status">{t('addin_pilotRunning')}</p> : null}
      {report ? (
        <>
          <ul className="addin-pilot">
            {report.lines.map((line) => (
              <li key={line.step} className={line.ok === false ? 'error' : line.ok ? 'ok' : 'muted'}>
                <span aria-hidden="true">{pilotMark(line.ok)}</span>{' '}
                <span className="sr-only">{t(line.ok === true ? 'addin_pilotOk' : line.ok === false ? 'addin_pilotFailed' : 'addin_pilotNotDone')}: </span>
                {line.label}
                {line.reason ? `: ${line.reason}` : ''}
              </li>
            ))}
          </ul>
          <p role={failed > 0 || !report.started ? 'alert' : 'status'} className={failed > 0 || !report.started ? 'decision refuse' : 'ok'}>
            {!report.started ? t('addin_pilotStopped') : failed > 0 ? t('addin_pilotSomeFailed', [failed, steps]) : t('addin_pilotAllOk')}
          </p>
          <h3 id={reportId}>{t('addin_pilotReport')}</h3>
          <pre className="selfcheck" aria-labelledby={reportId}>
            {pilotReportText(report, pilot.host)}
          </pre>
          <p>
            <CopyButton text={pilotReportText(report, pilot.host)} label={t('addin_pilotCopyLabel')} />
          </p>
        </>
      ) : null}
    </section>
  );
}
