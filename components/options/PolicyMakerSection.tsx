import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  chromeLinuxPolicy, csvHeader, firefoxPolicies, isChromeExtensionId, makePolicyTable, policyValue, regFileBytes, windowsReg,
  type RowProblem, type PolicyTable,
} from '../../lib/directory/policy-maker';
import { t } from '../../lib/i18n';
import { plural } from '../../lib/i18n/plural';
import { downloadFile } from './download';

function ownChromeId(): string {
  try {
    return isChromeExtensionId(browser.runtime.id) ? browser.runtime.id : '';
  } catch {
    return '';
  }
}

/**
 * "Voor IT" (issue 12.5): a table of mailboxes and protocol dates becomes the enterprise policy for Chrome and Edge
 * (JSON for Linux and macOS, a .reg file each for Windows) and Firefox (policies.json), offline, checked row by row
 * with the same schema the extension applies to what the policy delivers.
 */
export function PolicyMakerSection() {
  const [text, setText] = useState('');
  const [extensionId, setExtensionId] = useState(ownChromeId);
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [idError, setIdError] = useState('');
  const [made, setMade] = useState<{ table: PolicyTable; id: string } | null>(null);
  const ids = { table: useId(), file: useId(), id: useId() };

  async function readFile(file: File | undefined) {
    if (file) setText(new TextDecoder('utf-8').decode(await file.arrayBuffer()));
  }

  function make() {
    const result = makePolicyTable(text);
    const idOk = isChromeExtensionId(extensionId.trim());
    setIdError(idOk ? '' : t('maker_badId'));
    setProblems(result.ok ? [] : result.problems);
    setMade(result.ok && idOk ? { table: result.table, id: extensionId.trim() } : null);
  }

  const linux = made ? chromeLinuxPolicy(made.table.config, made.id) : '';
  return (
    <section aria-labelledby="maker-title">
      <h2 id="maker-title">{t('maker_title')}</h2>
      <p>{t('maker_intro')}</p>
      <p className="muted">
        {t('maker_columns')} <code>{csvHeader.join(';')}</code>
      </p>
      <div className="field">
        <label htmlFor={ids.file}>{t('maker_file')}</label>
        <input id={ids.file} type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void readFile(event.target.files?.[0])} />
      </div>
      <div className="field">
        <label htmlFor={ids.table}>{t('maker_table')}</label>
        <textarea id={ids.table} rows={8} spellCheck={false} value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.id}>{t('maker_extensionId')}</label>
        <input
          id={ids.id}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={extensionId}
          onChange={(event) => setExtensionId(event.target.value)}
          aria-invalid={idError ? true : undefined}
        />
        {idError ? <p className="field-error">{idError}</p> : null}
      </div>
      <p>
        <button type="button" onClick={make}>
          {t('maker_make')}
        </button>
      </p>
      {problems.length > 0 ? (
        <div role="alert">
          <p className="decision refuse">{plural('maker_problems', problems.length)}</p>
          <ul className="maker-problems">
            {problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {made ? (
        <div role="region" aria-label={t('maker_result')}>
          <p role="status">{plural('maker_done', made.table.rows)}</p>
          <ul>
            <li>
              <button type="button" onClick={() => downloadFile('veilig-aanmelden.json', linux, 'application/json')}>{t('maker_linux')}</button>
            </li>
            <li>
              <button type="button" onClick={() => downloadFile(`${made.id}.json`, policyValue(made.table.config), 'application/json')}>{t('maker_mac')}</button>
            </li>
            <li>
              <button type="button" onClick={() => downloadFile('veilig-aanmelden-chrome.reg', regFileBytes(windowsReg(made.table.config, made.id, 'chrome')), 'text/plain')}>
                {t('maker_regChrome')}
              </button>
            </li>
            <li>
              <button type="button" onClick={() => downloadFile('veilig-aanmelden-edge.reg', regFileBytes(windowsReg(made.table.config, made.id, 'edge')), 'text/plain')}>
                {t('maker_regEdge')}
              </button>
            </li>
            <li>
              <button type="button" onClick={() => downloadFile('policies.json', firefoxPolicies(made.table.config), 'application/json')}>{t('maker_firefox')}</button>
            </li>
          </ul>
          <pre className="selfcheck policy-output" aria-label={t('maker_linux')}>{linux}</pre>
        </div>
      ) : null}
    </section>
  );
}
