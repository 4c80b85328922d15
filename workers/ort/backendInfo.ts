/**
 * Which execution backend a session runs on and, for WASM, why WebGPU was not used.
 * Plain data (crosses the worker boundary by structured clone); no onnxruntime import.
 */

export type BackendName = 'webgpu' | 'wasm';

/** What the caller asks for. 'webgpu' still falls back to WASM when WebGPU is missing or fails. */
export type BackendPreference = BackendName;

export type FallbackReason =
  /** The browser exposes no WebGPU API in this context (old browser, disabled, or not in workers). */
  | 'no-navigator-gpu'
  /** The API exists but requestAdapter() gave no adapter (blocklisted GPU, headless without flags). */
  | 'no-adapter'
  /** onnxruntime could not create a WebGPU session (unsupported op, device creation failed, ...). */
  | 'session-failed'
  /** The validation run raised a WebGPU error (caught in an error scope) or threw. */
  | 'gpu-error'
  /** The validation run completed but its output differs from the WASM reference beyond tolerance. */
  | 'output-mismatch'
  /** This worker runs onnxruntime's WASM-only build (loaded when WebGPU was not wanted or not there). */
  | 'wasm-only-runtime'
  /** The caller asked for WASM. */
  | 'forced';

export interface GpuAdapterSummary {
  vendor: string;
  architecture: string;
  description: string;
  /** True for software adapters such as SwiftShader: correct but slow. */
  isFallbackAdapter: boolean;
  /** The adapter has the 'shader-f16' feature (half-precision arithmetic in shaders). */
  shaderF16: boolean;
}

export type BackendInfo =
  | { backend: 'webgpu'; adapter: GpuAdapterSummary }
  | { backend: 'wasm'; fallbackReason: FallbackReason; detail: string; threads: number };
