/**
 * The onnxruntime module: the only code in the project that imports onnxruntime-web.
 * Everything else sees ModelSession and HostTensor.
 */
export type { BackendInfo, BackendName, BackendPreference, FallbackReason, GpuAdapterSummary } from './backendInfo';
export { createSession, OrtSetupError } from './createSession';
export type {
  CreateSessionOptions,
  CreatedSession,
  OrtSetupFailure,
  SessionEvent,
  SessionValidation,
  ValidationResult,
} from './createSession';
export { float32Tensor, maxAbsDifference } from './hostTensor';
export type { HostTensor, HostTensorMap } from './hostTensor';
export type { ModelSession } from './modelSession';
export type { OrtRuntimeOptions } from './ortEnvironment';
export { ORT_RUNTIME_DIR } from './runtimeFiles';
