/**
 * Where the e2e servers listen: shared by playwright.config.ts (which starts them) and the specs.
 * All serve the same production build (dist/).
 */
export const PORT = Number(process.env.E2E_PORT ?? 4319);
/** vite preview with COOP/COEP headers (vite.config.ts), as a well-configured host. */
export const BASE_URL = `http://127.0.0.1:${PORT}/`;

/** The same build served under a sub-path, as a static host might (the build's base is relative). */
export const SUB_PATH = '/nested/site/';
export const SUB_PATH_PORT = PORT + 1;
export const SUB_PATH_URL = `http://127.0.0.1:${SUB_PATH_PORT}${SUB_PATH}`;

/** A plain static file server that sends no COOP/COEP headers (like GitHub Pages): isolation must come from the service worker. */
export const PLAIN_PORT = PORT + 2;
export const PLAIN_URL = `http://127.0.0.1:${PLAIN_PORT}/`;
