import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** An import of one of these folders of lib/, from anywhere (relative paths), as a no-restricted-imports regex. */
const folders = (...names) => `(^|/)lib/(${names.join('|')})(/|$)|^\\.{1,2}/(\\.\\./)*(${names.join('|')})(/|$)`;

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
        patterns: [{ regex: '(^|/)messages(\\.ts)?$', message: 'lib/referral is the core: it knows nothing of messaging (that is lib/panel).' }],
      }],
    },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: folders('background'), message: 'Components talk to the background through lib/panel/client, never by importing it.' }],
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
