import { bundledDirectory } from '../../lib/directory';
import { t } from '../../lib/i18n';

/** Where the directory's data comes from, with the attribution its licences ask for. */
export function AboutSection() {
  return (
    <section aria-labelledby="about-title">
      <h2 id="about-title">{t('opt_aboutTitle')}</h2>
      <p>{t('opt_aboutIntro')}</p>
      <ul>
        {bundledDirectory.attribution.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted">{t('ui_dataVersion', [bundledDirectory.version])}</p>
    </section>
  );
}
