import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { setLocale } from '../../lib/i18n';
import { loadSettings } from '../../lib/settings';

/** Starts an extension page in the user's language (Dutch until they choose another in the options). */
export async function mountPage(render: () => ReactNode): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const { language } = await loadSettings();
  setLocale(language);
  document.documentElement.lang = language;
  createRoot(root).render(<StrictMode>{render()}</StrictMode>);
}
