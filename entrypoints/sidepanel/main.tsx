import '../../lib/zod-setup';
import '../../lib/platform/use-extension';
import { mountPage } from '../../components/common/mount';
import { PanelApp } from '../../components/panel/PanelApp';
import { createPanelClient } from '../../lib/panel/client';
import { browserTabSource } from '../../lib/panel/webmail-tab';
import '../../components/common/styles.css';

// Chrome's side panel and Firefox's sidebar follow the active tab; Firefox's panel window is bound to one (?tab=).
const tabs = browserTabSource(location.search);
void mountPage(() => <PanelApp client={createPanelClient()} tabs={tabs} {...(tabs.bound ? { onClose: () => window.close() } : {})} />);
