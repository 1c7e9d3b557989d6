import { t } from '../../lib/i18n';
import { useDirectory } from '../common/useDirectory';
import { AboutSection } from './AboutSection';
import { AdditionsSection } from './AdditionsSection';
import { RoundcubeSection } from './RoundcubeSection';
import { SelfCheckSection } from './SelfCheckSection';

/** The options page: the user's own mailboxes, Roundcube addresses, the webmail self-check, where the data comes from. */
export function OptionsApp() {
  const { directory, layers, reload } = useDirectory();
  const managedCount = Object.keys(layers?.managed?.recipients ?? {}).length;
  return (
    <main className="options">
      <h1>
        {t('extName')} – {t('opt_title')}
      </h1>
      {layers?.managedInvalid ? <p className="decision refuse" role="alert">{t('opt_managedInvalid')}</p> : null}
      {managedCount > 0 ? <p className="muted">{t('opt_managedActive', [managedCount])}</p> : null}
      <AdditionsSection directory={directory} additions={layers?.user ?? {}} onChange={reload} />
      <RoundcubeSection />
      <SelfCheckSection />
      <AboutSection />
    </main>
  );
}
