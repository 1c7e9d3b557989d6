import { config } from 'zod/mini';

// zod probes whether eval is allowed (new Function) the first time it compiles a schema. Extension pages forbid
// eval, and Firefox logs the blocked probe as a CSP error; in a content script the page's CSP could even report
// it to the webmail's server. jitless skips the probe. Import this module first in every entrypoint.
config({ jitless: true });
