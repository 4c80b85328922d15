import { describeError } from '../describeError';
import { ortWebGpuDevice } from './modelSession';

/** GPU errors are reported asynchronously, not thrown: collect them with error scopes. */
const GPU_ERROR_SCOPES: readonly GPUErrorFilter[] = ['out-of-memory', 'internal', 'validation'];

export type GpuScopedResult<T> = { ok: true; value: T } | { ok: false; detail: string };

/**
 * Runs work on onnxruntime's WebGPU device inside error scopes, so a shader that fails validation
 * or runs out of memory is reported instead of silently producing garbage. A throw counts as a
 * failure too. Call only after a WebGPU session exists (onnxruntime creates the device lazily).
 */
export async function inGpuErrorScope<T>(work: () => Promise<T>): Promise<GpuScopedResult<T>> {
  let device: GPUDevice;
  try {
    device = await ortWebGpuDevice();
  } catch (error) {
    return { ok: false, detail: `no GPU device: ${describeError(error)}` };
  }
  for (const filter of GPU_ERROR_SCOPES) device.pushErrorScope(filter);
  let value: T | undefined;
  let thrown: unknown;
  let threw = false;
  try {
    value = await work();
  } catch (error) {
    threw = true;
    thrown = error;
  }
  // Scopes pop innermost first; pop all of them even if the work threw, or they leak.
  const errors: (GPUError | null)[] = [];
  for (let i = 0; i < GPU_ERROR_SCOPES.length; i++) errors.push(await device.popErrorScope());
  const gpuError = errors.find((e) => e !== null);
  if (gpuError) return { ok: false, detail: `WebGPU error: ${gpuError.message}` };
  if (threw) return { ok: false, detail: `the run threw: ${describeError(thrown)}` };
  return { ok: true, value: value as T };
}
