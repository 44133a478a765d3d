import { defineConfig } from 'vitest/config';

// Differential tests against a real regtest node (litecoind or bitcoind on PATH). One file at a
// time: each starts its own node, and the 2-core CI machine should not run two at once.
export default defineConfig({
  test: {
    include: ['test/regtest/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
