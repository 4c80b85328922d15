// Loads the optional native BLAS addon (training/tf/native, built by scripts/setup.sh). It is
// optional: on a machine without OpenBLAS or a compiler the trainer runs on plain tfjs-wasm.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';

export interface BlasAddon {
  /** C[i] = op(A[i]) . op(B[i]), row-major, in place in `heap`; offsets and batch strides count floats. */
  sgemm(heap: Float32Array, batch: number, m: number, n: number, k: number, transA: number, transB: number,
    aOffset: number, aBatchStride: number, bOffset: number, bBatchStride: number, cOffset: number): void;
  /** OpenBLAS's kernel set for this CPU, e.g. "Haswell". */
  corename(): string;
}

export const ADDON_PATH = new URL('./native/build/Release/meld_blas.node', import.meta.url);

let cached: { addon: BlasAddon } | { error: string } | null = null;

/** The addon, or why it is unavailable (loaded once per thread). */
export function loadBlasAddon(): { addon: BlasAddon } | { error: string } {
  if (cached) return cached;
  if (!fs.existsSync(ADDON_PATH)) {
    cached = { error: `${ADDON_PATH.pathname} is not built (bash scripts/setup.sh builds it; it needs g++, make and libopenblas-dev)` };
  } else {
    try {
      cached = { addon: createRequire(import.meta.url)(ADDON_PATH.pathname) as BlasAddon };
    } catch (e) {
      cached = { error: `${ADDON_PATH.pathname} failed to load: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  return cached;
}
