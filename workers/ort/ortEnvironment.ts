import { loadOrt, ortApi } from './ortModule';
import type { OrtBuild } from './runtimeFiles';

export interface OrtRuntimeOptions {
  /**
   * URL prefix (ending in '/') of the folder holding the runtime files (see runtimeFiles.ts).
   * Omit to let onnxruntime find them next to its own script (what Node tests use).
   */
  wasmPaths?: string;
  /** WASM threads to ask for (benchmarks, `?threads=`); default: chooseThreadCount(). */
  threads?: number;
  /** Which build to load (runtimeFiles.ts): 'wasm' when WebGPU will not be tried. Default 'all'. */
  build?: OrtBuild;
}

export interface OrtRuntimeConfig {
  wasmPaths: string | undefined;
  /** Threads asked for; onnxruntime may lower it (see ortThreadCount). */
  requestedThreads: number;
  /** The build loaded (the first configuration's). */
  build: OrtBuild;
}

let applied: Promise<OrtRuntimeConfig> | undefined;

/**
 * WASM threads need SharedArrayBuffer, which browsers only give to cross-origin isolated pages
 * (COOP same-origin + COEP require-corp). Without isolation, asking for threads makes onnxruntime
 * warn and fall back anyway; say so explicitly instead.
 */
function chooseThreadCount(wanted?: number): number {
  if (globalThis.crossOriginIsolated !== true) return 1;
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  if (wanted !== undefined && Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, cores);
  // All cores up to 4: inference runs in a worker, the page thread is mostly idle, and past 4
  // threads small models gain little. (onnxruntime's own default, cores / 2, means a single
  // thread on 2-core machines.)
  return Math.max(1, Math.min(4, cores));
}

/**
 * Loads onnxruntime and sets its global environment. onnxruntime reads it once, when the first
 * session initialises the WASM runtime, so this applies on the first call and later calls return
 * that configuration unchanged.
 */
export function configureOrt(options: OrtRuntimeOptions): Promise<OrtRuntimeConfig> {
  applied ??= (async () => {
    const { build, api: ort } = await loadOrt(options.build ?? 'all');
    const threads = chooseThreadCount(options.threads);
    if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
    ort.env.wasm.numThreads = threads;
    // The WebGPU EP cannot run behind env.wasm.proxy, and we already are in a worker.
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'warning';
    return { wasmPaths: options.wasmPaths, requestedThreads: threads, build };
  })();
  return applied;
}

/**
 * Threads the WASM runtime really uses: once it is initialised, onnxruntime writes 1 back into
 * env.wasm.numThreads when multi-threading is unavailable.
 */
export function ortThreadCount(): number {
  return ortApi().env.wasm.numThreads ?? 1;
}
