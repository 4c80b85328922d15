import { expect, test } from '@playwright/test';
import { REFERENCE_TOLERANCE } from '../workers/meld/referenceCheck';
import { attachScreenshot, collectConsoleErrors, generate, MANIFEST, openReady, readStore } from './appPage';

/**
 * WebGPU in a real Chromium (SwiftShader, a software adapter; see e2e/browsers.ts): the backend is
 * validated against the WASM reference, and a seeded generation matches the WASM one.
 */

// Loading on SwiftShader (a CPU-emulated GPU) now includes the warm-up run (workers/meld/warmUp.ts),
// whose new shapes each compile shaders: one load took 1.6 min, another over 2 min, under this
// machine's background load.
test.describe.configure({ timeout: 420_000 });
const GPU_LOAD_MS = 300_000;

/** Steps whose codes must agree: sampling and dropout masks are seeded, so only a numerics flip could differ. */
const COMPARED_STEPS = 16;
/** Mean squared difference of the normalised mel over the agreeing steps (values are ~unit scale). */
const MAX_MEL_MSE = 1e-4;
/** Steps at the end of the agreeing stretch that the post-net (reach 2 steps) mixes with later ones. */
const POSTNET_REACH = 2;

interface Generated {
  codes: number[];
  mel: number[];
}

async function generateSeeded(page: import('@playwright/test').Page): Promise<Generated> {
  const run = await generate(page);
  expect(run.phase).toBe('done');
  return readStore<Generated>(page, '(s) => ({ codes: s.tts.output.codes, mel: Array.from(s.tts.output.mel) })');
}

test('WebGPU is chosen once its run of every graph matches the WASM reference', async ({ page }, testInfo) => {
  const errors = collectConsoleErrors(page);
  await openReady(page, 'backend=webgpu', './', GPU_LOAD_MS);
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('gpu-adapter')).not.toBeEmpty();
  const ready = await readStore<{ check: { maxRelError: number }; precision: string; backend: { adapter: { shaderF16: boolean } } }>(page, '(s) => s.engine.ready');
  expect(ready.check.maxRelError).toBeLessThanOrEqual(REFERENCE_TOLERANCE);
  // fp16 weight files only where the adapter has shader-f16.
  expect(ready.precision).toBe(ready.backend.adapter.shaderF16 ? 'fp16' : 'fp32');
  const events = await readStore<string[]>(page, '(s) => s.sessionEvents.map((e) => e.type)');
  expect(events).toEqual(['reference', 'trying', 'validated']);
  await attachScreenshot(page, testInfo, 'webgpu');
  expect(errors).toEqual([]);
});

test('a seeded generation on WebGPU matches the one on WASM', async ({ page }) => {
  test.setTimeout(600_000);
  await openReady(page, 'backend=wasm&precision=fp32');
  await page.getByTestId('tts-text').fill('Hi there.');
  await page.getByText('Advanced').click();
  await page.getByTestId('tts-seed').fill('5');
  const wasm = await generateSeeded(page);

  await page.getByTestId('prefer-webgpu').click();
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'webgpu', { timeout: GPU_LOAD_MS });
  await expect(page.getByTestId('tts-seed')).toHaveValue('5');
  const gpu = await generateSeeded(page);

  const n = Math.min(COMPARED_STEPS, wasm.codes.length);
  expect(n).toBeGreaterThan(POSTNET_REACH);
  expect(gpu.codes.slice(0, n)).toEqual(wasm.codes.slice(0, n));
  const values = (n - POSTNET_REACH) * MANIFEST.config.framesPerStep * MANIFEST.config.nMels;
  let sum = 0;
  for (let i = 0; i < values; i++) sum += (gpu.mel[i] - wasm.mel[i]) ** 2;
  const mse = sum / values;
  test.info().annotations.push({ type: 'webgpu-vs-wasm', description: `${n} codes equal (of ${wasm.codes.length} / ${gpu.codes.length}); mel MSE ${mse.toExponential(2)}` });
  expect(mse).toBeLessThanOrEqual(MAX_MEL_MSE);
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
  await openReady(page, 'backend=webgpu');
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('fallback-reason')).toHaveAttribute('data-reason', 'no-navigator-gpu');
  await expect(page.getByTestId('fallback-detail')).toContainText('navigator.gpu');
  await attachScreenshot(page, testInfo, 'fallback-no-navigator-gpu');
});
