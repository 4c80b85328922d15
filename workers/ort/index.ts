/**
 * The onnxruntime module: the only code in the project that imports onnxruntime-web.
 * Everything else sees ModelSession and HostTensor.
 */
export type { BackendInfo, BackendName, BackendPreference, FallbackReason, GpuAdapterSummary } from './backendInfo';
export { createSessions, maxRelativeDeviation, OrtSetupError } from './createSessions';
export type { CheckResult, CreateSessionsOptions, CreatedSessions, OrtSetupFailure, SessionCheck, SessionEvent } from './createSessions';
export { float32Tensor, maxAbsDifference } from './hostTensor';
export type { DeviceTensor, HostTensor, HostTensorMap, TensorMap } from './hostTensor';
export type { ModelSession } from './modelSession';
export type { OrtRuntimeOptions } from './ortEnvironment';
export { preloadOrtRuntime } from './preloadRuntime';
export { ORT_RUNTIME_DIR } from './runtimeFiles';
export { probeWebGpu, type WebGpuProbeResult } from './webGpuProbe';
