import { expect, test } from '@playwright/test';
import { attachScreenshot, collectConsoleErrors, intelligible, MANIFEST, openReady, QUALITY, readStore } from './appPage';
import { BASE_URL, PLAIN_URL, SUB_PATH_URL } from './servers';

/**
 * The page itself: model loading with progress, backend reporting, both panels, keyboard use,
 * narrow and dark layouts, the embed widget, and deployment under a sub-path.
 */

test('loads every model file with a progress bar, then reports forced WASM with threads', async ({ page, context }, testInfo) => {
  const errors = collectConsoleErrors(page);
  // Hold the last file back, so the loading state (the others done, one pending) can be seen.
  // The default weight files on WASM are the fp16 ones (half the download).
  const graphFiles = Object.values(MANIFEST.graphs.fp16);
  const last = graphFiles.at(-1)!.file;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route(`**/models/meld/${last}`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./?debug&backend=wasm');
  const files = page.getByTestId('model-file');
  await expect(files).toHaveCount(graphFiles.length);
  for (const f of graphFiles.filter((g) => g.file !== last)) {
    await expect(page.locator(`[data-testid=model-file][data-name="${f.file}"]`)).toHaveAttribute('data-loaded', String(f.bytes));
  }
  await expect(page.locator(`[data-testid=model-file][data-name="${last}"]`)).toHaveAttribute('data-loaded', '0');
  await expect(page.getByTestId('backend-panel')).toHaveAttribute('data-phase', 'loading');
  await attachScreenshot(page, testInfo, 'loading-progress');
  release();

  await expect(page.getByTestId('backend-panel')).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  const stored = await readStore<{ name: string; loaded: number; total: number; source: string }[]>(page, '(s) => s.files');
  expect(stored.map((f) => [f.name, f.loaded, f.total, f.source])).toEqual(graphFiles.map((f) => [f.file, f.bytes, f.bytes, 'network']));
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('fallback-reason')).toHaveAttribute('data-reason', 'forced');
  await expect(page.getByTestId('precision')).toHaveAttribute('data-precision', 'fp16');
  await expect(page.getByTestId('model-summary')).toHaveAttribute('data-step', String(MANIFEST.training.step));
  await expect(page.getByTestId('model-quality')).toHaveAttribute('data-verdict', QUALITY.kind);
  await expect(page.getByTestId('quality-warning')).toHaveCount(intelligible ? 0 : 1);
  await expect(page.getByTestId('vocoder-kind')).toHaveAttribute('data-kind', MANIFEST.vocoder ? 'neural' : 'griffin-lim');
  // Cross-origin isolation (headers from the host) is what allows a multi-threaded WASM runtime.
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('wasm-threads')).toHaveText(String(Math.min(4, cores)));
  expect(errors).toEqual([]);
});

test('both panels work from the keyboard, on a narrow screen, light and dark', async ({ page }, testInfo) => {
  await openReady(page);
  await attachScreenshot(page, testInfo, 'tts-panel-light');

  // Tabs: focus the selected tab, arrow right selects Speech to text.
  await page.getByTestId('tab-tts').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-stt')).toBeFocused();
  await expect(page.getByTestId('tab-stt')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('stt-panel')).toBeVisible();
  await expect(page.getByTestId('tts-panel')).toBeHidden();
  // Tab reaches the record button, with a visible focus outline.
  await page.keyboard.press('Tab');
  const record = page.getByTestId('record-start-stt');
  await expect(record).toBeFocused();
  const outline = await record.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await attachScreenshot(page, testInfo, 'stt-panel-light');

  await page.getByTestId('tab-stt').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tts-panel')).toBeVisible();

  // Every form control has an accessible name.
  for (const id of ['tts-text', 'voice-preset', 'voice-transcript', 'tts-generate']) {
    await expect(page.getByTestId(id)).toHaveAccessibleName(/.+/);
  }

  await page.emulateMedia({ colorScheme: 'dark' });
  await attachScreenshot(page, testInfo, 'tts-panel-dark');
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await attachScreenshot(page, testInfo, 'tts-panel-narrow-dark');
  await page.getByTestId('tab-stt').click();
  await attachScreenshot(page, testInfo, 'stt-panel-narrow-dark');
});

test('embed mode shows the compact TTS widget and generates speech', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 480, height: 360 });
  await page.goto('./?embed=tts&debug&backend=wasm');
  await expect(page.getByTestId('embed-tts')).toBeVisible();
  await expect(page.getByTestId('tab-tts')).toHaveCount(0);
  await expect(page.getByTestId('stt-panel')).toHaveCount(0);
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm', { timeout: 120_000 });
  await page.getByTestId('tts-text').fill('Hello.');
  await expect(page.getByTestId('tts-generate')).toBeEnabled();
  await page.getByTestId('tts-generate').click();
  await expect(page.getByTestId('tts-download')).toBeVisible({ timeout: 120_000 });
  await attachScreenshot(page, testInfo, 'embed-tts');
});

test('the embed snippet works in an iframe on another origin', async ({ page }, testInfo) => {
  // The README's snippet, in a page of another origin (the plain server's port) embedding the app.
  await page.goto(`${PLAIN_URL}embed-host.html?src=${encodeURIComponent(`${BASE_URL}?embed=tts&backend=wasm`)}`);
  const widget = page.frameLocator('iframe');
  await expect(widget.getByTestId('backend-name')).toHaveAttribute('data-backend', 'wasm', { timeout: 120_000 });
  await widget.getByTestId('tts-text').fill('Hello from an iframe.');
  await widget.getByTestId('tts-generate').click();
  await expect(widget.getByTestId('tts-download')).toBeVisible({ timeout: 120_000 });
  await attachScreenshot(page, testInfo, 'embedded-in-iframe');
});

test('works when deployed under a sub-path', async ({ page, context }) => {
  // A second server serves the same build under /nested/site/. With the relative base, every URL
  // the app, the worker, the worklet and onnxruntime build must stay under that prefix.
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  await openReady(page, 'backend=wasm', SUB_PATH_URL);
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  const http = requested.filter((url) => url.startsWith('http'));
  for (const part of ['assets/inference.worker-', 'models/meld/manifest.json', 'models/meld/lm.fp16.onnx', 'ort/ort-wasm-simd-threaded.wasm', 'voices/presets.json']) {
    expect(http.some((url) => url.startsWith(SUB_PATH_URL) && url.includes(part)), part).toBe(true);
  }
  expect(http.filter((url) => !url.startsWith(SUB_PATH_URL))).toEqual([]);
});
