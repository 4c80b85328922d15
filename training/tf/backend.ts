// Picks the TensorFlow.js backend for the trainer: tfjs-node (native libtensorflow) when it is
// installed and loads; otherwise the WASM backend (SIMD, one thread), which installs offline, with
// its matrix products on OpenBLAS when the native addon is built ('wasm-blas'), else plain.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { disableNativeMatMul, enableNativeMatMul } from './nativeMatMul';

export type BackendName = 'tensorflow' | 'wasm-blas' | 'wasm' | 'cpu';

let active: BackendName | null = null;
let toldFallback = false;

export async function initBackend(prefer: BackendName | 'auto' = 'auto'): Promise<BackendName> {
  active = await pick(prefer);
  return active;
}

/** What initBackend chose in this thread (the gradient worker is started on the same). */
export function activeBackend(): BackendName | null {
  return active;
}

async function pick(prefer: BackendName | 'auto'): Promise<BackendName> {
  if (prefer === 'auto' || prefer === 'tensorflow') {
    try {
      // Optional dependency: its install downloads libtensorflow, which fails offline.
      const mod = '@tensorflow/tfjs-node';
      await import(/* @vite-ignore */ mod);
      if (await tf.setBackend('tensorflow')) return 'tensorflow';
    } catch {
      if (prefer === 'tensorflow') throw new Error('@tensorflow/tfjs-node is not installed or failed to load');
    }
  }
  const name = prefer === 'cpu' ? 'cpu' : 'wasm';
  await tf.setBackend(name);
  await tf.ready();
  if (prefer !== 'auto' && prefer !== 'wasm-blas') {
    disableNativeMatMul();
    return name;
  }
  const native = enableNativeMatMul();
  if (native.ok) return 'wasm-blas';
  if (prefer === 'wasm-blas') throw new Error(`native matMul unavailable: ${native.reason}`);
  if (!toldFallback) console.warn(`native matMul unavailable, products run on tfjs-wasm: ${native.reason}`);
  toldFallback = true;
  return 'wasm';
}

/**
 * Bytes of the WASM backend's heap (null on other backends). wasm32 caps it at 4 GiB and it never
 * shrinks, so it is the high-water mark of live tensors plus fragmentation: the figure to watch
 * against batch size (an allocation past the cap aborts the backend).
 */
export function wasmHeapBytes(): number | null {
  const b = tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } };
  return b.wasm ? b.wasm.HEAPU8.length : null;
}

/** The backend's plain 2-D matMul rate in GFLOP/s on a trainer-sized product: the roofline the trainer reports against. */
export function measureMatMulGflops(m = 2048, k = 256, n = 1024, reps = 5): number {
  const a = tf.randomNormal([m, k]);
  const b = tf.randomNormal([k, n]);
  tf.matMul(a, b).dispose();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  }
  const ms = (performance.now() - t0) / reps;
  a.dispose();
  b.dispose();
  return (2 * m * k * n) / ms / 1e6;
}
