import { useState } from 'react';
import { t } from '../../lib/i18n';
import { useDirectory } from '../common/useDirectory';
import { AboutSection } from './AboutSection';
import { AdditionsSection } from './AdditionsSection';
import { ReferrerSection } from './ReferrerSection';
import { RegisterSection } from './RegisterSection';
import { StorageSection } from './StorageSection';
import { RoundcubeSection } from './RoundcubeSection';
import { SelfCheckSection } from './SelfCheckSection';

/** The options page: referrer and language, mailboxes, register, Roundcube, self-check, what is stored, where the data comes from. */
export function OptionsApp() {
  const { directory, layers, reload } = useDirectory();
  // A new language re-renders the page with it.
  const [, setLanguageVersion] = useState(0);
  const managedCount = Object.keys(layers?.managed?.recipients ?? {}).length;
  return (
    <main className="options">
      <h1>
        {t('extName')} – {t('opt_title')}
      </h1>
      {layers?.managedInvalid ? <p className="decision refuse" role="alert">{t('opt_managedInvalid')}</p> : null}
      {managedCount > 0 ? <p className="muted">{t('opt_managedActive', [managedCount])}</p> : null}
      <ReferrerSection onLanguage={() => setLanguageVersion((value) => value + 1)} />
      <AdditionsSection directory={directory} additions={layers?.user ?? {}} onChange={reload} />
      <RegisterSection />
      <RoundcubeSection />
      <SelfCheckSection />
      <StorageSection />
      <AboutSection />
    </main>
  );
}
