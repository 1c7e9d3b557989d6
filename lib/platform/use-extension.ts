// Imported first by every entrypoint of the extension: the shared panel and core then reach the browser through it.
import { setPlatform } from './index';
import { extensionPlatform } from './extension';

setPlatform(extensionPlatform);
