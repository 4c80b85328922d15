/**
 * The service worker (built to sw.js by scripts/vitePluginServiceWorker.ts, which defines the two
 * constants below). Two jobs:
 *
 * 1. Cross-origin isolation where the host cannot send headers (GitHub Pages and the like): every
 *    same-origin response it serves gets COOP and COEP, the way coi-serviceworker does it, so
 *    threaded WASM works (registerServiceWorker.ts reloads the first visit once to get them).
 * 2. Offline: the app shell (HTML, scripts, styles, onnxruntime's runtime, voice presets) is
 *    precached at install. Model files are NOT cached here: the inference worker keeps them in its
 *    own Cache Storage, checked against the manifest's sha256 on every load.
 *
 * A script, not a module (module service workers are not supported everywhere): no imports.
 */

declare const __PRECACHE__: string[];
declare const __VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL_PREFIX = 'meld-shell-';
const SHELL_CACHE = `${SHELL_PREFIX}${__VERSION__}`;
const scope = new URL(sw.registration.scope);
/** Model files (and their manifest): left to the inference worker's own cache. */
const MODELS_PATH = `${scope.pathname}models/`;

function isolated(response: Response): Response {
  // Opaque responses cannot be rebuilt (and need no headers of ours).
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  // No Cross-Origin-Resource-Policy: every response here is same-origin to the app, and on the page
  // itself it would stop an isolated site from embedding the widget (README: Embedding).
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // 'no-cache' revalidates with the server: cheap when the page just downloaded the same files.
      await cache.addAll(__PRECACHE__.map((path) => new Request(new URL(path, scope), { cache: 'no-cache' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

async function navigation(request: Request): Promise<Response> {
  try {
    return isolated(await fetch(request));
  } catch (error) {
    // Offline: the precached page (any query string, e.g. ?embed=tts, is the same page).
    const shell = await caches.open(SHELL_CACHE);
    const cached = (await shell.match(request, { ignoreSearch: true, ignoreVary: true })) ?? (await shell.match(new URL('./', scope).href, { ignoreVary: true }));
    if (cached) return isolated(cached);
    throw error;
  }
}

async function shellFile(request: Request): Promise<Response> {
  // ignoreVary: hosts send 'Vary: Origin', and module scripts are fetched with an Origin header
  // that the precache requests did not have.
  const cached = await (await caches.open(SHELL_CACHE)).match(request, { ignoreVary: true });
  if (cached) return isolated(cached);
  const response = await fetch(request);
  return isolated(response);
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  if (request.mode === 'navigate') event.respondWith(navigation(request));
  else if (url.pathname.startsWith(MODELS_PATH)) event.respondWith(fetch(request).then(isolated));
  else event.respondWith(shellFile(request));
});
