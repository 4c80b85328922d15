import type * as ort from 'onnxruntime-web';
import type { BackendName } from './backendInfo';
import type { DeviceTensor, HostTensor, TensorMap } from './hostTensor';
import { ortApi } from './ortModule';
import { configureOrt } from './ortEnvironment';
import { SerialQueue } from './serialQueue';
import { yieldIfDue } from './yieldToEventLoop';

/** One queue for every session: the WASM instance and the GPU device are shared. */
const runQueue = new SerialQueue();

/** A loaded model, independent of onnxruntime's types. */
export interface ModelSession {
  readonly backend: BackendName;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * Outputs come back as host tensors, except those the session keeps on the device (DeviceTensor).
   * `outputs`: only these (default: all); an output not asked for is not copied out of the runtime.
   */
  run(feeds: TensorMap, outputs?: readonly string[]): Promise<TensorMap>;
  release(): Promise<void>;
}

/** An onnxruntime tensor in a GPU buffer, behind the runtime-independent DeviceTensor. */
class OrtDeviceTensor implements DeviceTensor {
  readonly type = 'device';
  constructor(readonly tensor: ort.Tensor) {}
  get dims(): readonly number[] {
    return this.tensor.dims;
  }
  async download(): Promise<Float32Array> {
    return (await this.tensor.getData()) as Float32Array;
  }
  dispose(): void {
    this.tensor.dispose();
  }
}

function toOrtTensor(tensor: HostTensor | DeviceTensor): ort.Tensor {
  if (tensor.type === 'device') {
    if (!(tensor instanceof OrtDeviceTensor)) throw new Error('a device tensor from another runtime cannot be fed to onnxruntime-web');
    return tensor.tensor;
  }
  switch (tensor.type) {
    case 'float32':
      return new (ortApi().Tensor)('float32', tensor.data, tensor.dims);
    case 'int32':
      return new (ortApi().Tensor)('int32', tensor.data, tensor.dims);
    case 'int64':
      return new (ortApi().Tensor)('int64', tensor.data, tensor.dims);
  }
}

function fromOrtTensor(name: string, tensor: ort.Tensor): HostTensor | DeviceTensor {
  if (tensor.location === 'gpu-buffer') return new OrtDeviceTensor(tensor);
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

  run(feeds: TensorMap, outputs?: readonly string[]): Promise<TensorMap> {
    return runQueue.enqueue(async () => {
      // Between runs, let messages in (a stop request, a progress callback's reply): see yieldToEventLoop.
      await yieldIfDue();
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(tensor);
      let results: ort.InferenceSession.ReturnType;
      try {
        results = await (outputs ? this.session.run(ortFeeds, [...outputs]) : this.session.run(ortFeeds));
      } catch (error) {
        // Name the graph's inputs and their shapes: onnxruntime's kernel messages do not.
        const shapes = Object.entries(feeds).map(([name, t]) => `${name}[${t.dims.join(',')}]`).join(' ');
        throw new Error(`${error instanceof Error ? error.message : String(error)} (${this.backend} run with ${shapes})`);
      }
      const out: TensorMap = {};
      for (const [name, tensor] of Object.entries(results)) out[name] = fromOrtTensor(name, tensor);
      return out;
    });
  }

  release(): Promise<void> {
    return runQueue.enqueue(() => this.session.release());
  }
}

/**
 * deviceOutputs: outputs to leave in GPU buffers on WebGPU (fed back by the caller, e.g. a KV
 * cache); ignored on WASM, where every output is host memory anyway.
 */
export async function createOrtSession(modelBytes: Uint8Array, backend: BackendName, deviceOutputs: readonly string[] = []): Promise<OrtModelSession> {
  // The runtime as configured (a no-op after the first configuration; here for callers that skip it).
  await configureOrt({});
  const keep = backend === 'webgpu' && deviceOutputs.length > 0;
  const session = await ortApi().InferenceSession.create(modelBytes, {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
    ...(keep ? { preferredOutputLocation: Object.fromEntries(deviceOutputs.map((name) => [name, 'gpu-buffer' as const])) } : {}),
  });
  return new OrtModelSession(session, backend);
}

/** The GPU device onnxruntime created for its WebGPU sessions (valid after the first one exists). */
export function ortWebGpuDevice(): Promise<GPUDevice> {
  return ortApi().env.webgpu.device;
}
