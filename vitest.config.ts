import { defineConfig } from 'vitest/config';

// One runner for the whole tree. Tests live beside the code they prove (`*.test.ts`);
// browser and real-peer scenarios are ordinary tests that start their own peers.
export default defineConfig({
  test: {
    include: ['{core,telephony,omnichannel,server,console,migrations,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
