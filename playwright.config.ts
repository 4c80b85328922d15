import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { BASE_URL, PORT, SUB_PATH, SUB_PATH_PORT, SUB_PATH_URL } from './e2e/servers';

/**
 * End-to-end tests in a real Chromium against the production build (`npm run test:e2e` builds
 * first), served by `vite preview` with the COOP/COEP headers from vite.config.ts: once at the
 * root and once under a sub-path.
 */

// Debian's Chromium when present (no browser downloads here); otherwise Playwright's own.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Headless Chromium 156 on Linux exposes no WebGPU adapter by default (requestAdapter() -> null).
 * Measured here: `--enable-unsafe-webgpu` alone already yields Dawn's SwiftShader (Vulkan, CPU)
 * adapter, both in the page and in workers (vendor 'google', architecture 'swiftshader',
 * isFallbackAdapter true). The two SwiftShader flags pin that software adapter so results do not
 * depend on whatever GPU the machine has; `--enable-unsafe-swiftshader` keeps it allowed now that
 * Chromium is phasing out automatic SwiftShader fallback.
 */
const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 60_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'wasm',
      use: { browserName: 'chromium', launchOptions: { executablePath, args: BASE_ARGS } },
    },
    {
      name: 'webgpu',
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
  ],
});
