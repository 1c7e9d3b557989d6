import { t } from '../../lib/i18n';

/** Plainly: what the extension keeps, for how long, and what it never keeps (RULES §2.7, §2.8). */
export function StorageSection() {
  return (
    <section aria-labelledby="storage-title">
      <h2 id="storage-title">{t('opt_storageTitle')}</h2>
      <ul>
        <li>{t('opt_storageKeeps')}</li>
        <li>{t('opt_storageSession')}</li>
        <li>{t('opt_storageNever')}</li>
      </ul>
    </section>
  );
}
