import { useState } from 'react';
import { t } from '../../lib/i18n';
import { useDirectory } from '../common/useDirectory';
import { AboutSection } from './AboutSection';
import { AdditionsSection } from './AdditionsSection';
import { ManagedSection } from './ManagedSection';
import { PolicyMakerSection } from './PolicyMakerSection';
import { ReferrerSection } from './ReferrerSection';
import { RegisterSection } from './RegisterSection';
import { StorageSection } from './StorageSection';
import { RoundcubeSection } from './RoundcubeSection';
import { SelfCheckSection } from './SelfCheckSection';
import { TeamSection } from './TeamSection';

/**
 * The options page: referrer and language, the policy's mailboxes, the worker's own and the team's, register,
 * Roundcube, self-check, the policy maker for IT, what is stored, where the data comes from.
 */
export function OptionsApp() {
  const { directory, layers } = useDirectory();
  // A new language re-renders the page with it.
  const [, setLanguageVersion] = useState(0);
  return (
    <main className="options">
      <h1>
        {t('extName')} – {t('opt_title')}
      </h1>
      <ReferrerSection directory={directory} onLanguage={() => setLanguageVersion((value) => value + 1)} />
      <ManagedSection directory={directory} layers={layers} />
      <AdditionsSection directory={directory} additions={layers?.user ?? {}} />
      <TeamSection additions={layers?.user ?? {}} team={layers?.team ?? {}} layers={layers} />
      <RegisterSection />
      <RoundcubeSection />
      <SelfCheckSection />
      <PolicyMakerSection />
      <StorageSection />
      <AboutSection />
    </main>
  );
}
