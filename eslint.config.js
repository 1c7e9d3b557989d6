import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** An import of one of these folders of lib/, from anywhere (relative paths), as a no-restricted-imports regex. */
const folders = (...names) => `(^|/)lib/(${names.join('|')})(/|$)|^\\.{1,2}/(\\.\\./)*(${names.join('|')})(/|$)`;

/** WXT and its browser API: the extension's shell only, never the code the Outlook add-in shares. */
const noShell = '^(wxt|@wxt-dev)(/|$)|^#imports$';
const sharedMessage = 'Shared with the Outlook add-in: no wxt or browser.* here; go through lib/platform (issue 22.1).';
const sharedPattern = { regex: noShell, message: sharedMessage };

/** What the page side may not import: the data it must never hold, the panel's code, and zod (issue 23.4). */
const pageSidePatterns = [
  {
    regex: folders('referral', 'password', 'session', 'settings', 'register', 'directory', 'templates', 'panel'),
    message: 'The page side carries ciphertext only: no referral, password, session, settings, register, directory, templates or panel here.',
  },
  {
    regex: '^zod(/|$)|(^|/)zod-setup(\\.ts)?$',
    message: 'The content script loads on every webmail page: no zod here; its guard (lib/content/guard.ts) checks by hand.',
  },
];

/** The extension never takes the add-in's code; lib/ never takes the UI's (components build on lib/, not the reverse). */
const noAddin = { regex: '(^|/)addin(/|$)|^(@microsoft/)?office-js$', message: 'The extension never imports the Outlook add-in (addin/) or Office.js.' };
const noComponents = { regex: '(^|/)components(/|$)', message: 'lib/ is below the UI: it never imports components/ (pass what it needs in).' };

/**
 * The import zones. The page side (the content script and what it runs in the webmail page) never imports the
 * client's data, the password, the form, the settings, the register, the directory, the mail texts or the panel's
 * code, nor zod: it is a small carrier of ciphertext. The core (referral, password, templates) knows nothing of
 * messaging, the panel or the background; React components never reach into the background; lib/ never into
 * components/.
 */
export const importZones = [
  {
    files: ['entrypoints/*.content.ts', 'lib/content/**', 'lib/webmail/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: pageSidePatterns }],
    },
  },
  {
    // The content script's button texts: page side, and part of lib/ too (one rule's options replace another's, so
    // this file's one config carries both zones' patterns; lib/** below leaves it out).
    files: ['lib/i18n/content.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...pageSidePatterns, sharedPattern] }],
    },
  },
  {
    // The core the panel and the add-in build on: the referral, the password and the mail texts know nothing of
    // messaging, the panel, the background or the browser.
    files: ['lib/referral/**', 'lib/password/**', 'lib/templates/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)messages(\\.ts)?$', message: 'lib/referral, lib/password and lib/templates are the core: they know nothing of messaging (that is lib/panel).' },
          {
            regex: folders('panel', 'background', 'messaging'),
            message: 'lib/referral, lib/password and lib/templates are the core: no lib/panel, lib/background or lib/messaging here (they build on the core).',
          },
          sharedPattern,
        ],
      }],
    },
  },
  {
    // The extension's own pages (options, info) may use the browser's APIs; the shared panel may not (below).
    files: ['components/options/**', 'components/info/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: folders('background'), message: 'Components talk to the background through lib/panel/client, never by importing it.' }],
      }],
    },
  },
  {
    // The shared panel runs in both shells (issue 22.1): what differs between them goes through lib/platform.
    files: ['components/panel/**', 'components/common/**', 'components/lookup/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: folders('background'), message: 'Components talk to the background through lib/panel/client, never by importing it.' },
          sharedPattern,
        ],
      }],
    },
  },
  {
    // The shared core likewise; the extension's shell modules are the named exceptions.
    files: ['lib/**'],
    ignores: [
      'lib/referral/**', 'lib/password/**', 'lib/templates/**', 'lib/content/**', 'lib/webmail/**', 'lib/i18n/content.ts',
      'lib/background/**', 'lib/platform/extension.ts', 'lib/panel/client.ts', 'lib/panel/draft-flow.ts', 'lib/panel/webmail-tab.ts',
      'lib/session/form-state.ts', 'lib/settings/roundcube.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [sharedPattern] }],
    },
  },
  {
    // The Outlook add-in (issue 22) is a shell of its own: no WXT, no extension APIs, nothing of the extension's
    // background, content script or webmail adapters in its bundle.
    files: ['addin/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(wxt|@wxt-dev)(/|$)|^#imports$|(^|/)lib/(background|content|webmail)(/|$)|(^|/)entrypoints(/|$)',
          message: 'The add-in is no browser extension: no wxt, wxt/browser, background, content script or webmail adapters here.',
        }],
      }],
      'no-restricted-globals': ['error',
        { name: 'browser', message: 'The add-in is no browser extension: no browser.* (Office.js is its API).' },
        { name: 'chrome', message: 'The add-in is no browser extension: no chrome.* (Office.js is its API).' },
      ],
    },
  },
  {
    // …and the extension never takes the add-in's code: no Office code in the extension bundles. A rule of its own
    // (the typescript-eslint twin of no-restricted-imports), so the zones above keep theirs where they overlap.
    files: ['entrypoints/**', 'components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noAddin] }],
    },
  },
  {
    // lib/ likewise, and it never reaches up into the UI: every file of lib/, the shell modules included.
    files: ['lib/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noAddin, noComponents] }],
    },
  },
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Shipped code never logs: client data must not reach a console.
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'No innerHTML: build nodes (Trusted Types, injection).' },
        { selector: "CallExpression[callee.name='fetch']", message: 'The extension makes no network request.' },
        { selector: "NewExpression[callee.name='XMLHttpRequest']", message: 'The extension makes no network request.' },
        { selector: "NewExpression[callee.name='WebSocket']", message: 'The extension makes no network request.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The boundaries of the architecture, enforced (test/lint/zones.test.ts proves each one catches a violation).
  ...importZones,
  {
    // Tests and scripts may print and may assert on values they know exist.
    files: ['test/**', 'scripts/**'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
