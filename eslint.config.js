import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** An import of one of these folders of lib/, from anywhere (relative paths), as a no-restricted-imports regex. */
const folders = (...names) => `(^|/)lib/(${names.join('|')})(/|$)|^\\.{1,2}/(\\.\\./)*(${names.join('|')})(/|$)`;

/** WXT and its browser API: the extension's shell only, never the code the Outlook add-in shares. */
const noShell = '^(wxt|@wxt-dev)(/|$)|^#imports$';
const sharedMessage = 'Shared with the Outlook add-in: no wxt or browser.* here; go through lib/platform (issue 22.1).';

/**
 * The import zones. The page side (the content script and what it runs in the webmail page) never imports the
 * client's data, the password, the form, the register, the directory or the mail texts: it is a carrier of
 * ciphertext. The referral core knows nothing of messaging; React components never reach into the background.
 */
export const importZones = [
  {
    files: ['entrypoints/*.content.ts', 'lib/content/**', 'lib/webmail/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: folders('referral', 'password', 'session', 'register', 'directory', 'templates'),
          message: 'The page side carries ciphertext only: no referral, password, session, register, directory or templates here.',
        }],
      }],
    },
  },
  {
    files: ['lib/referral/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)messages(\\.ts)?$', message: 'lib/referral is the core: it knows nothing of messaging (that is lib/panel).' },
          { regex: noShell, message: sharedMessage },
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
          { regex: noShell, message: sharedMessage },
        ],
      }],
    },
  },
  {
    // The shared core likewise; the extension's shell modules are the named exceptions.
    files: ['lib/**'],
    ignores: [
      'lib/referral/**', 'lib/content/**', 'lib/webmail/**', 'lib/background/**', 'lib/platform/extension.ts', 'lib/panel/client.ts',
      'lib/panel/draft-flow.ts', 'lib/panel/webmail-tab.ts', 'lib/session/form-state.ts', 'lib/settings/roundcube.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: noShell, message: sharedMessage }] }],
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
    files: ['entrypoints/**', 'components/**', 'lib/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)addin(/|$)|^(@microsoft/)?office-js$', message: 'The extension never imports the Outlook add-in (addin/) or Office.js.' }],
      }],
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
