/**
 * Absolute URL of the site root, where public/ files (models/, ort/) are served. Computed in the
 * page: with a relative Vite base ('./'), a worker resolving it against its own script URL
 * (…/assets/) would look in the wrong folder.
 */
export function assetBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, document.baseURI).href;
}
