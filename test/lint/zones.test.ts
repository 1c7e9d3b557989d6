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

/** The messages of any of `rules` for `code` linted as the file at `filePath`. */
async function flagged(filePath: string, code: string, rules: readonly string[]): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((message) => rules.includes(message.ruleId ?? '')).map((message) => message.message);
}

const pageSideFiles = [
  'entrypoints/outlook.content.ts', 'entrypoints/roundcube.content.ts', 'lib/content/boot.ts', 'lib/content/handlers.ts', 'lib/webmail/gmail.ts',
  'lib/i18n/content.ts',
];
const forbiddenOnPageSide = ['referral/parse', 'password/generate', 'session/form-state', 'register/storage', 'directory', 'templates/cover'];
const coreFiles = ['lib/referral/pack.ts', 'lib/password/generate.ts', 'lib/templates/cover.ts'];

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

  it.each(pageSideFiles)('the page side (%s) may not import the settings or the panel', async (file) => {
    const prefix = file.startsWith('entrypoints/') ? '../lib/' : '../';
    for (const target of ['settings', 'settings/vault', 'settings/roundcube', 'panel/client', 'panel/verify']) {
      const messages = await restricted(file, `import { x } from '${prefix}${target}';\nexport const y = x;\n`);
      expect(messages, `${file} importing ${target}`).toHaveLength(1);
      expect(messages[0]).toContain('The page side carries ciphertext only');
    }
  });

  it.each(pageSideFiles)('the page side (%s) may not import zod', async (file) => {
    const prefix = file.startsWith('entrypoints/') ? '../lib/' : '../';
    for (const target of ['zod', 'zod/mini', `${prefix}zod-setup`]) {
      const messages = await restricted(file, `import { x } from '${target}';\nexport const y = x;\n`);
      expect(messages, `${file} importing ${target}`).toHaveLength(1);
      expect(messages[0]).toContain('no zod here');
    }
    // What the content script runs on stays allowed: the answering helper and the adapters' types.
    expect(await restricted(file, `import { answering } from '${prefix}messaging/answer';\nexport const y = answering;\n`)).toEqual([]);
    expect(await restricted(file, `import type { WebmailAdapter } from '${prefix}webmail/types';\nexport type Y = WebmailAdapter;\n`)).toEqual([]);
  });

  it.each(coreFiles)('the core (%s) may not import the panel, the background, messaging or WXT', async (file) => {
    for (const target of ['../panel/verify', '../panel/client', '../background/router', '../messaging/answer', '../messages']) {
      const messages = await restricted(file, `import { x } from '${target}';\nexport const y = x;\n`);
      expect(messages, `${file} importing ${target}`).toHaveLength(1);
      expect(messages[0]).toContain('are the core');
    }
    const shell = await restricted(file, "import { browser } from 'wxt/browser';\nexport const y = browser;\n");
    expect(shell).toHaveLength(1);
    expect(shell[0]).toContain('Shared with the Outlook add-in');
    // The core builds on the layers below it.
    expect(await restricted(file, "import { t } from '../i18n';\nexport const y = t;\n")).toEqual([]);
    expect(await restricted(file, "import { randomBelow } from '../crypto/random';\nexport const y = randomBelow;\n")).toEqual([]);
  });

  it.each([
    'lib/referral/pack.ts', 'lib/panel/prepare.ts', 'lib/panel/client.ts', 'lib/background/router.ts', 'lib/content/boot.ts', 'lib/webmail/gmail.ts',
    'lib/settings/vault.ts', 'lib/platform/use-extension.ts', 'lib/messages.ts',
  ])('lib (%s) may not import components/', async (file) => {
    const up = '../'.repeat(file.split('/').length - 1);
    for (const target of ['components/panel/PanelApp', 'components/common/useDirectory']) {
      const messages = await flagged(file, `import { x } from '${up}${target}';\nexport const y = x;\n`, ['@typescript-eslint/no-restricted-imports']);
      expect(messages, `${file} importing ${target}`).toHaveLength(1);
      expect(messages[0]).toContain('never imports components/');
    }
    // Its own folders stay open to it.
    expect(await flagged(file, `import { t } from '${up}lib/i18n';\nexport const y = t;\n`, ['@typescript-eslint/no-restricted-imports'])).toEqual([]);
  });

  it('components may import components and lib', async () => {
    expect(await flagged('components/panel/PanelApp.tsx', "import { useDirectory } from '../common/useDirectory';\nexport const y = useDirectory;\n", ['@typescript-eslint/no-restricted-imports'])).toEqual([]);
    expect(await flagged('components/panel/PanelApp.tsx', "import { t } from '../../lib/i18n';\nexport const y = t;\n", ['@typescript-eslint/no-restricted-imports'])).toEqual([]);
  });

  it('lib/referral may not import lib/messages', async () => {
    expect(await restricted('lib/referral/pack.ts', "import { toBase64 } from '../messages';\nexport const y = toBase64;\n")).toHaveLength(1);
    expect(await restricted('lib/referral/pack.ts', "import { y as z } from './schema';\nexport const y = z;\n")).toEqual([]);
  });

  it('components may not import lib/background', async () => {
    expect(await restricted('components/panel/PanelApp.tsx', "import { route } from '../../lib/background/router';\nexport const y = route;\n")).toHaveLength(1);
    expect(await restricted('components/panel/PanelApp.tsx', "import { createPanelClient } from '../../lib/panel/client';\nexport const y = createPanelClient;\n")).toEqual([]);
  });

  it.each(['components/panel/PanelApp.tsx', 'components/common/useDirectory.ts', 'lib/directory/storage.ts', 'lib/settings/vault.ts', 'lib/referral/pack.ts', 'lib/panel/verify.ts'])(
    'the code the add-in shares (%s) may not import WXT or its browser API: it goes through lib/platform',
    async (file) => {
      const prefix = file.startsWith('components/') ? '../../lib/' : '../';
      for (const target of ['wxt/browser', 'wxt/utils/define-background', '#imports']) {
        const messages = await restricted(file, `import { x } from '${target}';\nexport const y = x;\n`);
        expect(messages, `${file} importing ${target}`).toHaveLength(1);
        expect(messages[0]).toContain('Shared with the Outlook add-in: no wxt or browser.* here; go through lib/platform');
      }
      expect(await restricted(file, `import { platform } from '${prefix}platform';\nexport const y = platform;\n`)).toEqual([]);
    },
  );

  it("the extension's shell modules and its own pages may use the browser's API", async () => {
    for (const file of ['lib/platform/extension.ts', 'lib/panel/client.ts', 'lib/background/router.ts', 'components/options/RoundcubeSection.tsx']) {
      expect(await restricted(file, "import { browser } from 'wxt/browser';\nexport const y = browser;\n"), file).toEqual([]);
    }
    // The shared panel keeps its older boundary too: never the background.
    expect(await restricted('components/panel/PanelApp.tsx', "import { route } from '../../lib/background/router';\nexport const y = route;\n")).toHaveLength(1);
  });

  it('the Outlook add-in (addin/) may not import WXT or the extension-only parts, nor use browser.* or chrome.*', async () => {
    for (const target of ['wxt/browser', 'wxt', '@wxt-dev/module-react', '#imports', '../lib/background/router', '../lib/content/boot', '../lib/webmail/outlook', '../entrypoints/background']) {
      const messages = await restricted('addin/office-draft.ts', `import { x } from '${target}';\nexport const y = x;\n`);
      expect(messages, target).toHaveLength(1);
      expect(messages[0]).toContain('The add-in is no browser extension');
    }
    for (const api of ['browser', 'chrome']) {
      const messages = await flagged('addin/office-draft.ts', `export const y = ${api}.runtime.id;\n`, ['no-restricted-globals']);
      expect(messages, api).toHaveLength(1);
    }
    // The shared core stays open to it.
    expect(await restricted('addin/office-draft.ts', "import { draftRequestSchema } from '../lib/messages';\nexport const y = draftRequestSchema;\n")).toEqual([]);
    expect(await restricted('addin/office-draft.ts', "import { verifyDraft } from '../lib/panel/verify';\nexport const y = verifyDraft;\n")).toEqual([]);
  });

  it.each(['entrypoints/sidepanel/main.tsx', 'components/panel/PanelApp.tsx', 'lib/panel/prepare.ts', 'lib/referral/pack.ts', 'lib/webmail/outlook.ts'])(
    'the extension (%s) may not import the add-in',
    async (file) => {
      const depth = file.split('/').length - 1;
      const messages = await flagged(file, `import { makeOfficeDraft } from '${'../'.repeat(depth)}addin/office-draft';\nexport const y = makeOfficeDraft;\n`, ['@typescript-eslint/no-restricted-imports']);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('never imports the Outlook add-in');
      // The zones already there still hold in the files both cover.
      if (file.startsWith('lib/referral/')) expect(await restricted(file, "import { toBase64 } from '../messages';\nexport const y = toBase64;\n")).toHaveLength(1);
    },
  );

  it('the rest of lib may import what the page side may not (the zones are scoped)', async () => {
    expect(await restricted('lib/panel/prepare.ts', "import { packReferral } from '../referral/pack';\nexport const y = packReferral;\n")).toEqual([]);
    expect(await restricted('lib/panel/prepare.ts', "import { loadSettings } from '../settings';\nexport const y = loadSettings;\n")).toEqual([]);
    expect(await restricted('lib/settings/index.ts', "import { z } from 'zod';\nexport const y = z;\n")).toEqual([]);
    expect(await restricted('lib/messages.ts', "import { z } from 'zod';\nexport const y = z;\n")).toEqual([]);
  });
});
