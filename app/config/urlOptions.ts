import type { BackendPreference, PrecisionPreference } from '../../workers/engine/meldEngineApi';

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

/** `?precision=fp32|fp16` pins the weight files; default 'auto' (fp16, except on a WebGPU adapter without 'shader-f16'). */
export function readPrecisionPreference(search: string): PrecisionPreference {
  const value = new URLSearchParams(search).get('precision');
  return value === 'fp32' || value === 'fp16' ? value : 'auto';
}

/** `?threads=N` asks for N WASM threads (measuring); undefined: the default (all cores up to 4). */
export function readThreads(search: string): number | undefined {
  const n = Number(new URLSearchParams(search).get('threads'));
  return Number.isInteger(n) && n >= 1 && n <= 16 ? n : undefined;
}

export type EmbedMode = 'tts' | null;

/** `?embed=tts` shows only the compact TTS widget (for iframes). */
export function readEmbedMode(search: string): EmbedMode {
  return new URLSearchParams(search).get('embed') === 'tts' ? 'tts' : null;
}

/** `?debug` exposes the store as `window.meld` (devtools and end-to-end tests read results from it). */
export function readDebug(search: string): boolean {
  return new URLSearchParams(search).has('debug');
}
