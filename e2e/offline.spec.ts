import { expect, test, type Page } from '@playwright/test';
import { attachScreenshot, generate, MANIFEST, openReady, readStore } from './appPage';
import { PLAIN_URL } from './servers';

/**
 * The static site as an installable, offline-capable app: the service worker (app shell) and the
 * model files in Cache Storage (checked against the manifest on every load).
 */
test.use({ serviceWorkers: 'allow' });

const MODEL_CACHE = 'meld-models-v1';

/** Waits until the service worker controls the page and has precached the app shell. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    return registration.active?.state;
  });
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('meld-shell-')).length)).toBe(1);
}

test('the second visit works offline: app shell from the service worker, model from Cache Storage', async ({ page, context }) => {
  await openReady(page);
  await waitForServiceWorker(page);
  const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url.split('/').pop()), MODEL_CACHE);
  expect(cached.sort()).toEqual(['manifest.json', ...Object.values(MANIFEST.graphs.fp16).map((f) => f.file)].sort());

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('backend-panel')).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('model-summary')).toContainText('offline (cached)');
  const sources = await readStore<string[]>(page, '(s) => s.files.map((f) => f.source)');
  expect(sources).toEqual(Object.values(MANIFEST.graphs.fp16).map(() => 'cache'));
  // Presets, the phonemizer and onnxruntime all come from the shell cache: speech works offline.
  await expect(page.getByTestId('voice-picker')).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('tts-text').fill('Offline.');
  expect((await generate(page)).phase).toBe('done');
  await context.setOffline(false);
});

test('a damaged or incomplete cached model file is detected and fetched again', async ({ page }, testInfo) => {
  await openReady(page);
  const { lm, encoder } = MANIFEST.graphs.fp16;
  // Damage one cached file (same size, one byte flipped) and cut another short, keeping the
  // checksum header they were stored with: only the content check can notice.
  await page.evaluate(
    async ({ name, damaged, truncated }) => {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const file = request.url.split('/').pop();
        if (file !== damaged && file !== truncated) continue;
        const response = (await cache.match(request))!;
        let bytes = new Uint8Array(await response.arrayBuffer());
        if (file === damaged) bytes[bytes.length >> 1] ^= 0xff;
        else bytes = bytes.slice(0, bytes.length >> 1);
        await cache.put(request, new Response(bytes, { headers: response.headers }));
      }
    },
    { name: MODEL_CACHE, damaged: lm.file, truncated: encoder.file },
  );
  await page.reload();
  await expect(page.getByTestId('backend-panel')).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  const notices = page.getByTestId('refetch-notices');
  await expect(notices.locator('[data-reason="cached-damaged"]')).toContainText(lm.file);
  await expect(notices.locator('[data-reason="cached-damaged"]')).toContainText('damaged');
  await expect(notices.locator('[data-reason="cached-incomplete"]')).toContainText(encoder.file);
  await attachScreenshot(page, testInfo, 'refetched-damaged-cache');
  const files = await readStore<{ name: string; source: string; loaded: number }[]>(page, '(s) => s.files');
  expect(files.find((f) => f.name === lm.file)).toMatchObject({ source: 'network', loaded: lm.bytes });
  expect(files.find((f) => f.name === encoder.file)).toMatchObject({ source: 'network', loaded: encoder.bytes });
  // The cache holds good copies again: the next load is clean.
  await page.reload();
  await expect(page.getByTestId('backend-panel')).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('refetch-notices')).toHaveCount(0);
});

test('on a host without COOP/COEP headers the service worker makes the page cross-origin isolated', async ({ page }) => {
  const first = await page.request.get(PLAIN_URL);
  expect(first.headers()['cross-origin-embedder-policy']).toBeUndefined();
  await page.goto(`${PLAIN_URL}?debug&backend=wasm`);
  // One reload through the service worker, then isolated, with a multi-threaded runtime.
  await expect(page.getByTestId('backend-panel')).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('wasm-threads')).toHaveText(String(Math.min(4, cores)));
});

test('the app is installable: a web app manifest with icons, and a service worker controlling the page', async ({ page }) => {
  await openReady(page);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifestUrl = new URL(href!, page.url()).href;
  const manifest = await (await page.request.get(manifestUrl)).json();
  expect(manifest).toMatchObject({ name: 'MELD in the browser', start_url: './', display: 'standalone' });
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await page.request.get(new URL(icon.src, manifestUrl).href)).ok()).toBe(true);
  await waitForServiceWorker(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
});
