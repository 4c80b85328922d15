/**
 * Tensors as the rest of the code sees them: typed arrays plus dims, with no onnxruntime types, so
 * engines stay independent of the runtime (and plain data crosses worker boundaries).
 */
export type HostTensor =
  | { type: 'float32'; dims: readonly number[]; data: Float32Array }
  | { type: 'int32'; dims: readonly number[]; data: Int32Array }
  | { type: 'int64'; dims: readonly number[]; data: BigInt64Array };

export type HostTensorMap = Record<string, HostTensor>;

/**
 * A tensor left where the backend computed it (a WebGPU buffer), to be fed into a later run without
 * a round trip through the host: the LM's KV cache on WebGPU. Opaque outside workers/ort; whoever
 * holds it must dispose() it.
 */
export interface DeviceTensor {
  readonly type: 'device';
  readonly dims: readonly number[];
  download(): Promise<Float32Array>;
  dispose(): void;
}

/** Run inputs and outputs: host tensors, or device tensors for the outputs a session keeps on the GPU. */
export type TensorMap = Record<string, HostTensor | DeviceTensor>;

export type Float32HostTensor = Extract<HostTensor, { type: 'float32' }>;

export function float32Tensor(dims: readonly number[], data: ArrayLike<number>): Float32HostTensor {
  const size = dims.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new Error(`dims [${dims.join(', ')}] need ${size} values, got ${data.length}`);
  return { type: 'float32', dims: [...dims], data: Float32Array.from(data) };
}

/** Largest |actual - expected|; Infinity when lengths differ or any value is NaN. */
export function maxAbsDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let max = 0;
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (Number.isNaN(diff)) return Infinity;
    if (diff > max) max = diff;
  }
  return max;
}
