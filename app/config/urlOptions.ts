import type { BackendPreference } from '../../workers/engine/engineApi';

/** The query parameter that forces a backend: `?backend=wasm` or `?backend=webgpu`. */
export const BACKEND_QUERY_PARAM = 'backend';

/** WebGPU first (with WASM fallback) unless the URL asks for WASM. Unknown values mean the default. */
export const DEFAULT_BACKEND: BackendPreference = 'webgpu';

export function readBackendPreference(search: string): BackendPreference {
  const value = new URLSearchParams(search).get(BACKEND_QUERY_PARAM);
  return value === 'wasm' || value === 'webgpu' ? value : DEFAULT_BACKEND;
}

/** The same URL with the backend parameter set, keeping every other parameter. */
export function withBackendPreference(href: string, backend: BackendPreference): string {
  const url = new URL(href);
  url.searchParams.set(BACKEND_QUERY_PARAM, backend);
  return url.href;
}
