import '../../lib/zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PanelApp } from '../../components/panel/PanelApp';
import '../../components/common/styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PanelApp send={(message) => browser.runtime.sendMessage(message)} />
    </StrictMode>,
  );
}
