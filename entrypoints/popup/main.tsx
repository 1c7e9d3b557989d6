import '../../lib/zod-setup';
import { browser } from 'wxt/browser';
import { mountPage } from '../../components/common/mount';
import { LookupApp } from '../../components/lookup/LookupApp';
import '../../components/common/styles.css';

void mountPage(() => <LookupApp onOpenSettings={() => void browser.runtime.openOptionsPage()} />);
