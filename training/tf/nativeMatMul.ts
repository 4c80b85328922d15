// Runs the WASM backend's matrix products (the BatchMatMul kernel: tf.matMul, its gradients, mm())
// on OpenBLAS through the native addon, straight on the backend's heap: the operands are read where
// the backend keeps them and the result is written into a tensor it allocated, so nothing is copied.
// Autograd is unchanged, since it differentiates the BatchMatMul op, not the kernel.
//
// Measured here on the small model's shapes: OpenBLAS (one thread) 2.5-5x tfjs-wasm's plain matMul,
// and it takes transpose flags at full speed, which tfjs-wasm does not.

import * as tf from '@tensorflow/tfjs';
import { loadBlasAddon } from './nativeAddon';

type WasmTensorInfo = tf.TensorInfo;
interface WasmBackend {
  wasm: { HEAPU8: Uint8Array };
  getMemoryOffset(dataId: WasmTensorInfo['dataId']): number;
  makeOutput(shape: number[], dtype: 'float32'): WasmTensorInfo;
}
type KernelArgs = Parameters<tf.KernelFunc>[0];

let wasmKernel: tf.KernelConfig | null = null;
let view: Float32Array | null = null;
let calls = 0;

/** A Float32Array over the whole heap, renewed when the heap grows (growth replaces its buffer). */
function heapView(backend: WasmBackend): Float32Array {
  const buffer = backend.wasm.HEAPU8.buffer;
  if (!view || view.buffer !== buffer) view = new Float32Array(buffer);
  return view;
}

function floatOffset(backend: WasmBackend, t: WasmTensorInfo): number {
  const bytes = backend.getMemoryOffset(t.dataId);
  if (bytes % 4 !== 0) throw new Error(`native matMul: tensor at unaligned heap offset ${bytes}`);
  return bytes / 4;
}

function nativeBatchMatMul(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as WasmBackend;
  const a = args.inputs.a as WasmTensorInfo;
  const b = args.inputs.b as WasmTensorInfo;
  const transposeA = Boolean(args.attrs?.transposeA);
  const transposeB = Boolean(args.attrs?.transposeB);
  const outer = (s: number[]) => s.slice(0, -2);
  const batchA = tf.util.sizeFromShape(outer(a.shape));
  const batchB = tf.util.sizeFromShape(outer(b.shape));
  const outShapeOuter = tf.broadcast_util.assertAndGetBroadcastShape(outer(a.shape), outer(b.shape));
  const batch = tf.util.sizeFromShape(outShapeOuter);
  // Broadcasting other than "same batch" or "one matrix against a batch" (never used here) stays on tfjs.
  const simple = (batchA === batch || batchA === 1) && (batchB === batch || batchB === 1);
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || !simple) return wasmKernel!.kernelFunc(args) as tf.TensorInfo;

  const [ra, rb] = [a.shape.length, b.shape.length];
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (k !== kb) throw new Error(`Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${a.shape} and ${b.shape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`);

  const out = backend.makeOutput([...outShapeOuter, m, n], 'float32'); // may grow the heap: take the view after
  calls++;
  loadedAddon().sgemm(heapView(backend), batch, m, n, k, transposeA ? 1 : 0, transposeB ? 1 : 0,
    floatOffset(backend, a), batchA === 1 ? 0 : m * k, floatOffset(backend, b), batchB === 1 ? 0 : k * n, floatOffset(backend, out));
  return out;
}

function loadedAddon() {
  const r = loadBlasAddon();
  if ('error' in r) throw new Error(r.error);
  return r.addon;
}

/** Puts OpenBLAS behind the WASM backend's BatchMatMul; returns the reason when the addon is unavailable. */
export function enableNativeMatMul(): { ok: true; core: string } | { ok: false; reason: string } {
  const r = loadBlasAddon();
  if ('error' in r) return { ok: false, reason: r.error };
  if (!wasmKernel) {
    const k = tf.getKernel('BatchMatMul', 'wasm');
    if (!k) return { ok: false, reason: 'the WASM backend has no BatchMatMul kernel to replace' };
    wasmKernel = k;
    tf.unregisterKernel('BatchMatMul', 'wasm');
    tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: nativeBatchMatMul });
  }
  return { ok: true, core: r.addon.corename() };
}

/** Puts tfjs-wasm's own BatchMatMul back (the benchmark and tests compare both paths in one process). */
export function disableNativeMatMul(): void {
  if (!wasmKernel) return;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(wasmKernel);
  wasmKernel = null;
}

export function nativeMatMulActive(): boolean {
  return wasmKernel !== null;
}

/** Products this thread has run on OpenBLAS (the tests check that the native path really ran). */
export function nativeMatMulCalls(): number {
  return calls;
}
