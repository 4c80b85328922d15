/** Set before the one reload that makes the page cross-origin isolated, so it never loops. */
const RELOADED_KEY = 'meld-coi-reloaded';
/** Longest wait for a first install (it precaches the app shell, onnxruntime's runtime included). */
const INSTALL_TIMEOUT_MS = 120_000;

/**
 * Registers the service worker (offline app shell; COOP/COEP headers where the host sends none).
 * Resolves true when the page is about to reload to become cross-origin isolated: the first visit
 * to a host without the headers is not isolated, and only a page loaded through the service worker
 * gets them. Where the host already sends them, nothing waits and nothing reloads.
 */
export async function registerServiceWorker(): Promise<boolean> {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return false;
  const url = new URL(`${import.meta.env.BASE_URL}sw.js`, document.baseURI);
  let registration: ServiceWorkerRegistration;
  try {
    registration = await navigator.serviceWorker.register(url, { scope: new URL('./', url).pathname });
  } catch (error) {
    console.warn('service worker registration failed; no offline support', error);
    return false;
  }
  if (window.crossOriginIsolated) {
    sessionStorage.removeItem(RELOADED_KEY);
    return false;
  }
  // An iframe is isolated only if the page embedding it is: a reload cannot help, so run single-threaded.
  if (window.top !== window.self) return false;
  // Already controlled (or reloaded once) but still not isolated: a browser that ignores the
  // headers. Run single-threaded rather than reload in a loop.
  if (navigator.serviceWorker.controller || sessionStorage.getItem(RELOADED_KEY)) return false;
  const installing = registration.installing ?? registration.waiting;
  // Nothing installing (registration blocked, or a hard reload that bypassed an active worker): do not wait.
  if (!installing) return false;
  const controlled = await new Promise<boolean>((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
    // A failed install (a shell file missing, storage full) never takes control.
    installing.addEventListener('statechange', () => installing.state === 'redundant' && resolve(false));
    setTimeout(() => resolve(false), INSTALL_TIMEOUT_MS);
  });
  if (!controlled) return false;
  sessionStorage.setItem(RELOADED_KEY, '1');
  window.location.reload();
  return true;
}
