import * as ort from 'onnxruntime-web';
import type { BackendName } from './backendInfo';
import type { HostTensor, HostTensorMap } from './hostTensor';
import { SerialQueue } from './serialQueue';

/** One queue for every session: the WASM instance and the GPU device are shared. */
const runQueue = new SerialQueue();

/** A loaded model, independent of onnxruntime's types. */
export interface ModelSession {
  readonly backend: BackendName;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: HostTensorMap): Promise<HostTensorMap>;
  release(): Promise<void>;
}

function toOrtTensor(tensor: HostTensor): ort.Tensor {
  switch (tensor.type) {
    case 'float32':
      return new ort.Tensor('float32', tensor.data, tensor.dims);
    case 'int32':
      return new ort.Tensor('int32', tensor.data, tensor.dims);
    case 'int64':
      return new ort.Tensor('int64', tensor.data, tensor.dims);
  }
}

function toHostTensor(name: string, tensor: ort.Tensor): HostTensor {
  const dims = [...tensor.dims];
  switch (tensor.type) {
    case 'float32':
      return { type: 'float32', dims, data: tensor.data as Float32Array };
    case 'int32':
      return { type: 'int32', dims, data: tensor.data as Int32Array };
    case 'int64':
      return { type: 'int64', dims, data: tensor.data as BigInt64Array };
    default:
      throw new Error(`output '${name}' has unsupported type ${tensor.type}`);
  }
}

export class OrtModelSession implements ModelSession {
  constructor(
    private readonly session: ort.InferenceSession,
    readonly backend: BackendName,
  ) {}

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  run(feeds: HostTensorMap): Promise<HostTensorMap> {
    return runQueue.enqueue(async () => {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(tensor);
      const results = await this.session.run(ortFeeds);
      const outputs: HostTensorMap = {};
      for (const [name, tensor] of Object.entries(results)) outputs[name] = toHostTensor(name, tensor);
      return outputs;
    });
  }

  release(): Promise<void> {
    return runQueue.enqueue(() => this.session.release());
  }
}

export async function createOrtSession(modelBytes: Uint8Array, backend: BackendName): Promise<OrtModelSession> {
  const session = await ort.InferenceSession.create(modelBytes, {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
  });
  return new OrtModelSession(session, backend);
}

/** The GPU device onnxruntime created for its WebGPU sessions (valid after the first one exists). */
export function ortWebGpuDevice(): Promise<GPUDevice> {
  return ort.env.webgpu.device;
}
