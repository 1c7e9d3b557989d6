import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const browserTests = [
  'test/browser/**/*.test.ts',
  'test/e2e/**/*.test.ts',
  'test/security/accessibility.test.ts',
  'test/security/no-network-runtime.test.ts',
  'test/security/hostile-input.test.ts',
];

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // The extension's shell for the shared code (lib/platform), and the vault emptied with the fake browser.
    setupFiles: ['test/setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: browserTests, testTimeout: 30_000 },
      },
      {
        // Real browsers and the shared Roundcube sandbox: one file at a time on a 2-core machine, so timings and
        // the sandbox's single mailbox are not fought over.
        extends: true,
        test: { name: 'browser', include: browserTests, fileParallelism: false, testTimeout: 60_000, hookTimeout: 900_000 },
      },
    ],
  },
});
