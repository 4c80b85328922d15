/**
 * Where the e2e preview servers listen: shared by playwright.config.ts (which starts them) and the
 * specs (which need the sub-path one explicitly; the main one is Playwright's baseURL).
 */
export const PORT = Number(process.env.E2E_PORT ?? 4319);
export const BASE_URL = `http://127.0.0.1:${PORT}/`;

/** The same build served under a sub-path, as a static host might (the build's base is relative). */
export const SUB_PATH = '/nested/site/';
export const SUB_PATH_PORT = PORT + 1;
export const SUB_PATH_URL = `http://127.0.0.1:${SUB_PATH_PORT}${SUB_PATH}`;
