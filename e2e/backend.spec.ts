import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { SUB_PATH_URL } from './servers';

/**
 * The backend foundation in a real browser: the production build picks WebGPU or WASM in its
 * inference worker, proves the choice on the reference model, and explains any fallback.
 */

const TOLERANCE = 1e-4;

async function expectCrossOriginIsolated(page: Page): Promise<void> {
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('cross-origin-isolated')).toHaveAttribute('data-isolated', 'true');
}

async function expectReferenceMatches(page: Page): Promise<void> {
  await expect(page.getByTestId('reference-status')).toHaveAttribute('data-status', 'pass');
  const maxError = Number(await page.getByTestId('reference-max-error').getAttribute('data-value'));
  expect(maxError).toBeGreaterThanOrEqual(0);
  expect(maxError).toBeLessThan(TOLERANCE);
  await expect(page.getByTestId('reference-values').locator('tbody tr')).toHaveCount(8);
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Errors logged by the page or the worker: a clean run logs none. */
function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('forced WASM runs the reference model correctly, with threads', async ({ page }, testInfo) => {
  const errors = collectConsoleErrors(page);
  await page.goto('./?backend=wasm');
  const backend = page.getByTestId('backend-name');
  await expect(backend).toHaveAttribute('data-backend', 'wasm');
  await expect(backend).toHaveText('WASM');
  await expect(page.getByTestId('fallback-reason')).toHaveAttribute('data-reason', 'forced');
  await expectReferenceMatches(page);
  await expectCrossOriginIsolated(page);
  // Cross-origin isolation is what allows a multi-threaded WASM runtime.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const threads = Number(await page.getByTestId('wasm-threads').textContent());
  expect(threads).toBe(Math.min(4, cores));
  await attachScreenshot(page, testInfo, 'wasm-forced');
  expect(errors).toEqual([]);
});

test('WebGPU runs the reference model correctly when an adapter exists', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'webgpu', 'needs the WebGPU-enabled browser');
  const errors = collectConsoleErrors(page);
  await page.goto('./?backend=webgpu');
  const backend = page.getByTestId('backend-name');
  await expect(backend).toHaveAttribute('data-backend', 'webgpu');
  await expect(backend).toHaveText('WebGPU');
  await expect(page.getByTestId('fallback-reason')).toHaveCount(0);
  await expect(page.getByTestId('gpu-adapter')).not.toBeEmpty();
  await expectReferenceMatches(page);
  await expectCrossOriginIsolated(page);
  await attachScreenshot(page, testInfo, 'webgpu');
  await page.emulateMedia({ colorScheme: 'dark' });
  await attachScreenshot(page, testInfo, 'webgpu-dark');
  expect(errors).toEqual([]);
});

test('without navigator.gpu, WebGPU requests fall back to WASM and say why', async ({ page, context }, testInfo) => {
  // Init scripts do not run in workers, and backend selection happens in the inference worker:
  // remove the API in the page and, by patching the worker script, in the worker too.
  const removeGpu = 'delete Object.getPrototypeOf(navigator).gpu;';
  await context.addInitScript(removeGpu);
  await context.route('**/assets/inference.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${removeGpu}\n${await response.text()}` });
  });

  await page.goto('./?backend=webgpu');
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('fallback-reason')).toHaveAttribute('data-reason', 'no-navigator-gpu');
  await expect(page.getByTestId('fallback-detail')).toContainText('navigator.gpu');
  await expectReferenceMatches(page);
  await expectCrossOriginIsolated(page);
  await attachScreenshot(page, testInfo, 'fallback-no-navigator-gpu');
});

test('without a WebGPU adapter, WebGPU requests fall back to WASM with no-adapter', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'wasm', 'needs a browser without WebGPU flags');
  await page.goto('./');
  const adapterInPage = await page.evaluate(async () => Boolean(await navigator.gpu?.requestAdapter()));
  test.skip(adapterInPage, 'this machine exposes a WebGPU adapter without flags');

  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('fallback-reason')).toHaveAttribute('data-reason', 'no-adapter');
  await expectReferenceMatches(page);
});

test('switching the preferred backend re-runs the check and updates the URL', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'webgpu', 'needs the WebGPU-enabled browser');
  await page.goto('./');
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'webgpu');

  await page.getByTestId('prefer-wasm').click();
  await expect(page).toHaveURL(/[?&]backend=wasm\b/);
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('fallback-reason')).toHaveAttribute('data-reason', 'forced');
  await expectReferenceMatches(page);

  await page.getByTestId('prefer-webgpu').click();
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'webgpu');
  await expectReferenceMatches(page);
});

test('works when deployed under a sub-path', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== 'wasm', 'backend-independent; once is enough');
  // A second preview server serves the same build under /nested/site/. With the relative base,
  // every URL the app, the worker and onnxruntime build must stay under that prefix.
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));

  await page.goto(`${SUB_PATH_URL}?backend=wasm`);
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm');
  await expectReferenceMatches(page);
  await expectCrossOriginIsolated(page);

  const httpRequests = requested.filter((url) => url.startsWith('http'));
  for (const part of ['assets/inference.worker-', 'models/tiny/tiny.onnx', 'ort/ort-wasm-simd-threaded.jsep.wasm']) {
    expect(httpRequests.some((url) => url.startsWith(SUB_PATH_URL) && url.includes(part)), part).toBe(true);
  }
  expect(httpRequests.filter((url) => !url.startsWith(SUB_PATH_URL))).toEqual([]);
});
