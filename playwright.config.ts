import { defineConfig } from '@playwright/test';
import { BASE_ARGS, executablePath, WEBGPU_ARGS } from './e2e/browsers';
import { BASE_URL, PLAIN_PORT, PLAIN_URL, PORT, SUB_PATH, SUB_PATH_PORT, SUB_PATH_URL } from './e2e/servers';

/**
 * End-to-end tests in a real Chromium against the production build (`npm run test:e2e` builds
 * first): served by `vite preview` with the COOP/COEP headers from vite.config.ts (at the root and
 * under a sub-path) and by a plain static server without them (isolation then comes from the
 * service worker). Service workers are blocked except in the specs about them, so every other test
 * sees the network as it is.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'wasm',
      testIgnore: 'webgpu.spec.ts',
      use: { browserName: 'chromium', launchOptions: { executablePath, args: BASE_ARGS } },
    },
    {
      name: 'webgpu',
      testMatch: 'webgpu.spec.ts',
      use: { browserName: 'chromium', launchOptions: { executablePath, args: [...BASE_ARGS, ...WEBGPU_ARGS] } },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: BASE_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite preview --host 127.0.0.1 --port ${SUB_PATH_PORT} --strictPort --base ${SUB_PATH}`,
      url: SUB_PATH_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx tsx e2e/plainServer.ts ${PLAIN_PORT}`,
      url: PLAIN_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
