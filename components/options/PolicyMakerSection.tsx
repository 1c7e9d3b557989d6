import { useId, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import {
  checkInstallInput, firefoxInstallPolicies, forcelistEntry, installPolicyJson, installReg, type InstallField, type InstallPlan,
} from '../../lib/directory/install-policy';
import { generateKey } from '../../lib/directory/key-strength';
import type { ManagedConfig } from '../../lib/directory/layers';
import {
  addinSettings, addinSettingsFileName, chromeLinuxPolicy, csvHeader, firefoxPolicies, isChromeExtensionId, makePolicyTableChecked, parseTeamList,
  policyValue, regFileBytes, windowsReg,
} from '../../lib/directory/policy-maker';
import { t } from '../../lib/i18n';
import { plural } from '../../lib/i18n/plural';
import { CopyButton } from '../common/CopyButton';
import { AddinItSection } from './AddinItSection';
import { downloadFile } from './download';

function ownChromeId(): string {
  try {
    return isChromeExtensionId(browser.runtime.id) ? browser.runtime.id : '';
  } catch {
    return '';
  }
}

type Made = {
  /** The recipients' and teams' policy; null when IT gave neither (the install alone). */
  config: ManagedConfig | null;
  rows: number;
  plan: InstallPlan;
};

/** A download with, under it, the one line saying where the file goes and how to check it. */
function Download({ label, where, onClick }: { label: string; where: ReactNode; onClick: () => void }) {
  return (
    <li>
      <button type="button" onClick={onClick}>
        {label}
      </button>
      <p className="muted hint">{where}</p>
    </li>
  );
}

/**
 * "Voor IT" (issue 12.5): a table of mailboxes and protocol dates becomes the enterprise policy for Chrome and Edge
 * (JSON for Linux and macOS, a .reg file each for Windows) and Firefox (policies.json), offline, checked row by row
 * with the same schema the extension applies to what the policy delivers. It also makes the pre-shared keys
 * (issue 20 item 3): 26 random base32 characters, shown in the one form the policy accepts; the organisation's team
 * list (issue 21.11); the policy that installs the extension itself for every worker (issue 21.12); the Outlook
 * add-in's settings.json and how to roll the add-in out (issue 22 items 4 and 7); and a note for the OCMW's IT not to
 * quarantine the encrypted zip.
 */
export function PolicyMakerSection() {
  const [text, setText] = useState('');
  const [teamsText, setTeamsText] = useState('');
  const [ownTeam, setOwnTeam] = useState('');
  const [install, setInstall] = useState(() => {
    const id = ownChromeId();
    return { chromeId: id, edgeId: id, updateUrl: '', firefoxInstallUrl: '' };
  });
  // Edge's id follows Chrome's until IT types another (Edge Add-ons gives its own id).
  const [edgeTyped, setEdgeTyped] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<InstallField, string>>>({});
  const [made, setMade] = useState<Made | null>(null);
  const [key, setKey] = useState('');
  const ids = {
    table: useId(), file: useId(), key: useId(), teams: useId(), ownTeam: useId(), chromeId: useId(), edgeId: useId(), updateUrl: useId(),
    firefoxUrl: useId(), quarantine: useId(),
  };

  async function readFile(file: File | undefined) {
    if (file) setText(new TextDecoder('utf-8').decode(await file.arrayBuffer()));
  }

  async function make() {
    const checkedInstall = checkInstallInput(install);
    const teams = parseTeamList(teamsText, ownTeam);
    // Without a table, the teams alone or only the install.
    const table = text.trim() === '' ? null : await makePolicyTableChecked(text);
    const found = [...(table && !table.ok ? table.problems.map((problem) => problem.message) : []), ...(teams.ok ? [] : teams.problems)];
    setProblems(found);
    setFieldErrors(checkedInstall.ok ? {} : Object.fromEntries(checkedInstall.problems.map((problem) => [problem.field, problem.message])));
    if (found.length > 0 || !checkedInstall.ok || !teams.ok || (table && !table.ok)) {
      setMade(null);
      return;
    }
    const config: ManagedConfig = { ...(table?.ok ? table.table.config : {}), ...teams.teams };
    const hasPolicy = table !== null || config.teams !== undefined || config.referrerTeam !== undefined;
    setMade({ config: hasPolicy ? config : null, rows: table?.ok ? table.table.rows : 0, plan: checkedInstall.plan });
  }

  const installField = (field: InstallField, id: string, label: string, hint: string, onValue: (value: string) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="muted hint">
        {hint}
      </p>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={install[field]}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={fieldErrors[field] ? true : undefined}
        aria-describedby={[`${id}-hint`, fieldErrors[field] ? `${id}-error` : ''].filter(Boolean).join(' ')}
      />
      {fieldErrors[field] ? (
        <p id={`${id}-error`} className="field-error">
          {fieldErrors[field]}
        </p>
      ) : null}
    </div>
  );

  const linux = made?.config ? chromeLinuxPolicy(made.config, made.plan.chromeId, made.plan.edgeId) : '';
  const firefoxInstallOnly = made && !made.config ? firefoxInstallPolicies(made.plan) : null;
  return (
    <section aria-labelledby="maker-title">
      <h2 id="maker-title">{t('maker_title')}</h2>
      <p>{t('maker_intro')}</p>
      <p className="muted">
        {t('maker_columns')} <code>{csvHeader.join(';')}</code>
      </p>
      <h3>{t('maker_keyTitle')}</h3>
      <p className="muted">{t('maker_keyIntro')}</p>
      <p>
        <button type="button" onClick={() => setKey(generateKey())}>
          {t('maker_keyMake')}
        </button>
      </p>
      {key ? (
        <p>
          <span id={ids.key}>{t('maker_keyNew')}</span>:{' '}
          <output aria-labelledby={ids.key} className="mailbox">
            {key}
          </output>{' '}
          <CopyButton text={key} label={t('maker_keyCopyLabel')} sensitive />
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={ids.file}>{t('maker_file')}</label>
        <input id={ids.file} type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void readFile(event.target.files?.[0])} />
      </div>
      <div className="field">
        <label htmlFor={ids.table}>{t('maker_table')}</label>
        <textarea id={ids.table} rows={8} spellCheck={false} value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.teams}>{t('team_makerList')}</label>
        <p id={`${ids.teams}-hint`} className="muted hint">
          {t('team_makerListHint')}
        </p>
        <textarea id={ids.teams} rows={4} spellCheck={false} value={teamsText} aria-describedby={`${ids.teams}-hint`} onChange={(event) => setTeamsText(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.ownTeam}>{t('team_makerOwn')}</label>
        <p id={`${ids.ownTeam}-hint`} className="muted hint">
          {t('team_makerOwnHint')}
        </p>
        <input id={ids.ownTeam} type="text" autoComplete="off" value={ownTeam} aria-describedby={`${ids.ownTeam}-hint`} onChange={(event) => setOwnTeam(event.target.value)} />
      </div>
      <h3>{t('it_installTitle')}</h3>
      <p className="muted">{t('it_installIntro')}</p>
      {installField('chromeId', ids.chromeId, t('it_chromeId'), t('it_chromeIdHint'), (value) =>
        setInstall({ ...install, chromeId: value, edgeId: edgeTyped ? install.edgeId : value }),
      )}
      {installField('edgeId', ids.edgeId, t('it_edgeId'), t('it_edgeIdHint'), (value) => {
        setEdgeTyped(true);
        setInstall({ ...install, edgeId: value });
      })}
      {installField('updateUrl', ids.updateUrl, t('it_updateUrl'), t('it_updateUrlHint'), (value) => setInstall({ ...install, updateUrl: value }))}
      {installField('firefoxInstallUrl', ids.firefoxUrl, t('it_firefoxUrl'), t('it_firefoxUrlHint'), (value) => setInstall({ ...install, firefoxInstallUrl: value }))}
      <p>
        <button type="button" onClick={() => void make()}>
          {t('maker_make')}
        </button>
      </p>
      {problems.length > 0 ? (
        <div role="alert">
          <p className="decision refuse">{plural('maker_problems', problems.length)}</p>
          <ul className="maker-problems">
            {problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : Object.keys(fieldErrors).length > 0 ? (
        <p role="alert" className="decision refuse">
          {t('it_fixFields')}
        </p>
      ) : null}
      {made ? (
        <div role="region" aria-label={t('maker_result')}>
          {made.config ? (
            <>
              <p role="status">
                {made.rows > 0 ? plural('maker_done', made.rows) : t('team_makerDoneTeams')}
              </p>
              <ul className="downloads">
                <Download label={t('maker_linux')} where={t('it_whereLinux')} onClick={() => downloadFile('veilig-aanmelden.json', linux, 'application/json')} />
                <Download
                  label={t('maker_mac')}
                  where={t('it_whereMac', [made.plan.chromeId, made.plan.edgeId])}
                  onClick={() => made.config && downloadFile(`${made.plan.chromeId}.json`, policyValue(made.config), 'application/json')}
                />
                <Download
                  label={t('maker_regChrome')}
                  where={t('it_whereRegChrome')}
                  onClick={() => made.config && downloadFile('veilig-aanmelden-chrome.reg', regFileBytes(windowsReg(made.config, made.plan.chromeId, 'chrome')), 'text/plain')}
                />
                <Download
                  label={t('maker_regEdge')}
                  where={t('it_whereRegEdge')}
                  onClick={() => made.config && downloadFile('veilig-aanmelden-edge.reg', regFileBytes(windowsReg(made.config, made.plan.edgeId, 'edge')), 'text/plain')}
                />
                <Download
                  label={t('maker_firefox')}
                  where={made.plan.firefoxInstallUrl ? `${t('it_whereFirefox')} ${t('it_firefoxBoth')}` : t('it_whereFirefox')}
                  onClick={() => made.config && downloadFile('policies.json', firefoxPolicies(made.config, undefined, made.plan.firefoxInstallUrl), 'application/json')}
                />
                <Download
                  label={t('it_addinSettings', [addinSettingsFileName])}
                  where={t('it_whereAddinSettings')}
                  onClick={() => made.config && downloadFile(addinSettingsFileName, addinSettings(made.config), 'application/json')}
                />
              </ul>
              <pre className="selfcheck policy-output" aria-label={t('maker_linux')}>
                {linux}
              </pre>
            </>
          ) : null}
          <h4>{t('it_installResult')}</h4>
          <ul className="downloads">
            <Download
              label={t('it_installChromeJson')}
              where={t('it_whereInstallChrome')}
              onClick={() => downloadFile('veilig-aanmelden-installeren-chrome.json', installPolicyJson(made.plan, 'chrome'), 'application/json')}
            />
            <Download
              label={t('it_installEdgeJson')}
              where={t('it_whereInstallEdge')}
              onClick={() => downloadFile('veilig-aanmelden-installeren-edge.json', installPolicyJson(made.plan, 'edge'), 'application/json')}
            />
            <Download
              label={t('it_installChromeReg')}
              where={
                <>
                  {t('it_whereInstallRegChrome')} <code>{forcelistEntry(made.plan, 'chrome')}</code>
                </>
              }
              onClick={() => downloadFile('veilig-aanmelden-installeren-chrome.reg', regFileBytes(installReg(made.plan, 'chrome')), 'text/plain')}
            />
            <Download
              label={t('it_installEdgeReg')}
              where={
                <>
                  {t('it_whereInstallRegEdge')} <code>{forcelistEntry(made.plan, 'edge')}</code>
                </>
              }
              onClick={() => downloadFile('veilig-aanmelden-installeren-edge.reg', regFileBytes(installReg(made.plan, 'edge')), 'text/plain')}
            />
            {firefoxInstallOnly ? (
              <Download label={t('maker_firefox')} where={t('it_whereFirefox')} onClick={() => downloadFile('policies.json', firefoxInstallOnly, 'application/json')} />
            ) : (
              <li className="muted">{made.plan.firefoxInstallUrl ? t('it_firefoxBoth') : t('it_firefoxNoUrl')}</li>
            )}
          </ul>
          <pre className="selfcheck policy-output" aria-label={t('it_installChromeJson')}>
            {installPolicyJson(made.plan, 'chrome')}
          </pre>
        </div>
      ) : null}
      <AddinItSection />
      <h3 id={ids.quarantine}>{t('it_quarantineTitle')}</h3>
      <p>{t('it_quarantineText')}</p>
      <p>
        <CopyButton text={t('it_quarantineText')} label={t('it_quarantineCopyLabel')} />
      </p>
    </section>
  );
}
