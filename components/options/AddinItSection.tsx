import { addinSettingsFileName } from '../../lib/directory/policy-maker';
import { t } from '../../lib/i18n';

/**
 * "Voor IT", the Outlook add-in (issue 22 item 7): where its files go, how Microsoft 365 rolls it out, a pilot first,
 * and what it can and cannot see. Text only; settings.json comes from the policy maker above it.
 */
export function AddinItSection() {
  return (
    <section aria-labelledby="it-addin-title">
      <h3 id="it-addin-title">{t('it_addinTitle')}</h3>
      <p>{t('it_addinIntro')}</p>
      <ol className="it-addin-steps">
        <li>{t('it_addinHost', [addinSettingsFileName])}</li>
        <li>{t('it_addinUpload')}</li>
        <li>{t('it_addinAssign')}</li>
        <li>{t('it_addinSideload')}</li>
      </ol>
      <h4>{t('it_addinSeesTitle')}</h4>
      <p>{t('it_addinSees', [addinSettingsFileName])}</p>
    </section>
  );
}
