import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{models,workers,training,app,scripts}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    setupFiles: ['./vitest.fuzz-setup.ts'],
  },
});
