import type { FallbackReason, GpuAdapterSummary } from './backendInfo';

export type WebGpuProbeResult =
  | { available: true; adapter: GpuAdapterSummary }
  | { available: false; reason: Extract<FallbackReason, 'no-navigator-gpu' | 'no-adapter'>; detail: string };

/**
 * Checks, in the current context (page or worker), that WebGPU exists and gives an adapter, before
 * asking onnxruntime for a WebGPU session: it separates "no API" from "no adapter" for the UI, and
 * reads the adapter's identity. onnxruntime requests its own adapter and device afterwards.
 */
export async function probeWebGpu(): Promise<WebGpuProbeResult> {
  // Deliberately not `navigator.gpu !== undefined`: the DOM types declare it always present.
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    return { available: false, reason: 'no-navigator-gpu', detail: 'navigator.gpu is not defined in this context' };
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await navigator.gpu.requestAdapter();
  } catch (error) {
    return { available: false, reason: 'no-adapter', detail: `requestAdapter() threw: ${String(error)}` };
  }
  if (!adapter) {
    return { available: false, reason: 'no-adapter', detail: 'navigator.gpu.requestAdapter() returned null' };
  }
  const { info } = adapter;
  return {
    available: true,
    adapter: {
      vendor: info.vendor,
      architecture: info.architecture,
      description: info.description,
      isFallbackAdapter: 'isFallbackAdapter' in info ? Boolean(info.isFallbackAdapter) : false,
      shaderF16: adapter.features.has('shader-f16'),
    },
  };
}
