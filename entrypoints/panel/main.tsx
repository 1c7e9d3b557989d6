import '../../lib/zod-setup';
import { browser } from 'wxt/browser';
import { mountPage } from '../../components/common/mount';
import { PanelApp } from '../../components/panel/PanelApp';
import '../../components/common/styles.css';

void mountPage(() => <PanelApp send={(message) => browser.runtime.sendMessage(message)} />);
