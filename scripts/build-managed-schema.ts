// Writes public/managed_schema.json from the bundled directory (npm: tsx scripts/build-managed-schema.ts).
//
// Chrome checks a policy against this schema before the extension sees it, and one wrong type or enum value drops
// the whole top-level policy silently; a key not declared is stripped silently (TOOLCHAIN.md, "Enterprise policy").
// So: one top-level policy per recipient (a typo drops that recipient only, never all of them), every field loose
// (strings and objects: no enum, no pattern, no format), and a top-level `recipientIds` list naming what IT meant to
// set, so the options page can name a recipient Chrome dropped. The extension's own zod check (lib/directory/policy.ts)
// judges each entry and names each bad field.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { managedSchemaJson } from '../lib/directory/managed-schema';

const target = fileURLToPath(new URL('../public/managed_schema.json', import.meta.url));
writeFileSync(target, managedSchemaJson());
console.log(`wrote ${target}`);
