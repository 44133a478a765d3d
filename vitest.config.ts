import { defineConfig } from 'vitest/config';

// Two projects: `unit` (engine, chains, host, CLI, scenarios — Node only) and `e2e` (the built
// renderer in Chromium through browser mode). `npm test` runs both; see package.json.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/unit/**/*.test.ts',
            'test/conformance/**/*.test.ts',
            'test/scenarios/**/*.test.ts',
            'test/hostile/**/*.test.ts',
          ],
          environment: 'node',
          // The hostile-file suites run the CLI and browser mode as bundled subprocesses.
          globalSetup: ['test/hostile/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // The UI answers within moments, but a lesson step or 100 mined blocks take a few seconds.
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
