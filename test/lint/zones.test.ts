import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture's boundaries are ESLint rules (eslint.config.js, `importZones`): each must catch a violation,
// and leave the imports the design allows alone. Linted as if the code were a file at `filePath`.
const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const pageSideFiles = ['entrypoints/outlook.content.ts', 'entrypoints/roundcube.content.ts', 'lib/content/boot.ts', 'lib/content/handlers.ts', 'lib/webmail/gmail.ts'];
const forbiddenOnPageSide = ['referral/parse', 'password/generate', 'session/form-state', 'register/storage', 'directory', 'templates/cover'];

describe('import zones', () => {
  it.each(pageSideFiles)('the page side (%s) may not import client data, passwords, the form, the register, the directory or the mail texts', async (file) => {
    const prefix = file.startsWith('entrypoints/') ? '../lib/' : '../';
    for (const target of forbiddenOnPageSide) {
      const messages = await restricted(file, `import { x } from '${prefix}${target}';\nexport const y = x;\n`);
      expect(messages, `${file} importing ${target}`).toHaveLength(1);
      expect(messages[0]).toContain('The page side carries ciphertext only');
    }
    // What the page side needs stays allowed: the message shapes and the webmail helpers.
    expect(await restricted(file, `import { tabMessageSchema } from '${prefix}messages';\nexport const y = tabMessageSchema;\n`)).toEqual([]);
  });

  it('lib/referral may not import lib/messages', async () => {
    expect(await restricted('lib/referral/pack.ts', "import { toBase64 } from '../messages';\nexport const y = toBase64;\n")).toHaveLength(1);
    expect(await restricted('lib/referral/pack.ts', "import { y as z } from './schema';\nexport const y = z;\n")).toEqual([]);
  });

  it('components may not import lib/background', async () => {
    expect(await restricted('components/panel/PanelApp.tsx', "import { route } from '../../lib/background/router';\nexport const y = route;\n")).toHaveLength(1);
    expect(await restricted('components/panel/PanelApp.tsx', "import { createPanelClient } from '../../lib/panel/client';\nexport const y = createPanelClient;\n")).toEqual([]);
  });

  it('the rest of lib may import what the page side may not (the zones are scoped)', async () => {
    expect(await restricted('lib/panel/prepare.ts', "import { packReferral } from '../referral/pack';\nexport const y = packReferral;\n")).toEqual([]);
  });
});
