import '../../lib/zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { LookupApp } from '../../components/lookup/LookupApp';
import '../../components/common/styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LookupApp onOpenSettings={() => void browser.runtime.openOptionsPage()} />
    </StrictMode>,
  );
}
