// ModelSession on onnxruntime-web's WASM backend running inside Node (one thread): the browser's
// runtime, measured and tested without a browser.

import * as ort from 'onnxruntime-web';
import type { HostTensorMap } from '../../workers/ort/hostTensor';
import type { ModelSession } from '../../workers/ort/modelSession';

export async function createWebWasmSession(bytes: Uint8Array): Promise<ModelSession> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  return {
    backend: 'wasm',
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds: HostTensorMap): Promise<HostTensorMap> {
      const inputs: Record<string, ort.Tensor> = {};
      for (const [k, v] of Object.entries(feeds)) inputs[k] = new ort.Tensor(v.type, v.data, [...v.dims]);
      const out = await session.run(inputs);
      const result: HostTensorMap = {};
      for (const [k, v] of Object.entries(out)) result[k] = { type: 'float32', dims: [...v.dims], data: v.data as Float32Array };
      return result;
    },
    release: () => session.release(),
  };
}
