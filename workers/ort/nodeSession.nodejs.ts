// ModelSession on onnxruntime-node, for the CLIs, tests and benchmarks in Node (the browser uses
// modelSession.ts on onnxruntime-web). Same interface, so the MELD engine runs unchanged on both.

import * as ort from 'onnxruntime-node';
import type { HostTensor, HostTensorMap } from './hostTensor';
import type { ModelSession } from './modelSession';

function toOrt(t: HostTensor): ort.Tensor {
  return new ort.Tensor(t.type, t.data, [...t.dims]);
}

function toHost(name: string, t: ort.Tensor): HostTensor {
  const dims = [...t.dims];
  if (t.type === 'float32') return { type: 'float32', dims, data: t.data as Float32Array };
  if (t.type === 'int32') return { type: 'int32', dims, data: t.data as Int32Array };
  if (t.type === 'int64') return { type: 'int64', dims, data: t.data as BigInt64Array };
  throw new Error(`output '${name}' has unsupported type ${t.type}`);
}

export async function createNodeSession(bytes: Uint8Array, threads = 1): Promise<ModelSession> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  return {
    backend: 'wasm', // the engine only distinguishes GPU residency; native CPU is reported by the caller
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds: HostTensorMap, outputs?: readonly string[]): Promise<HostTensorMap> {
      const inputs: Record<string, ort.Tensor> = {};
      for (const [k, v] of Object.entries(feeds)) inputs[k] = toOrt(v);
      const out = await (outputs ? session.run(inputs, [...outputs]) : session.run(inputs));
      const result: HostTensorMap = {};
      for (const [k, v] of Object.entries(out)) result[k] = toHost(k, v);
      return result;
    },
    release: () => session.release(),
  };
}
