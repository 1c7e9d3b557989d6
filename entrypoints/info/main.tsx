import '../../lib/zod-setup';
import '../../lib/platform/use-extension';
import { InfoPage } from '../../components/info/InfoPage';
import { mountPage } from '../../components/common/mount';
import '../../components/common/styles.css';

void mountPage(() => <InfoPage />);
