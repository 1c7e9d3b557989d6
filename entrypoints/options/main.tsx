import '../../lib/zod-setup';
import '../../lib/platform/use-extension';
import { mountPage } from '../../components/common/mount';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/common/styles.css';

void mountPage(() => <OptionsApp />);
