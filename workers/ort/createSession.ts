import type { BackendInfo, BackendName, BackendPreference, FallbackReason, GpuAdapterSummary } from './backendInfo';
import { describeError } from '../describeError';
import { maxAbsDifference, type HostTensor, type HostTensorMap } from './hostTensor';
import { createOrtSession, ortWebGpuDevice, type ModelSession } from './modelSession';
import { configureOrt, ortThreadCount, type OrtRuntimeOptions } from './ortEnvironment';
import { probeWebGpu } from './webGpuProbe';

/**
 * A known input and its expected output. A backend is only trusted once it reproduces them: some
 * GPUs and drivers run WebGPU shaders without complaint and return garbage.
 */
export interface SessionValidation {
  feeds: HostTensorMap;
  expected: Record<string, ArrayLike<number>>;
  /** Largest allowed per-element |actual - expected|. */
  tolerance: number;
}

export interface ValidationResult {
  maxAbsError: number;
  /** Wall time of the validation (first) run, including WebGPU shader compilation. */
  ms: number;
}

export type SessionEvent =
  | { type: 'trying'; backend: BackendName }
  | { type: 'fallback'; reason: FallbackReason; detail: string }
  | { type: 'validated'; backend: BackendName; maxAbsError: number; ms: number };

export interface CreateSessionOptions {
  preferred: BackendPreference;
  validation: SessionValidation;
  runtime?: OrtRuntimeOptions;
  onEvent?: (event: SessionEvent) => void;
}

export interface CreatedSession {
  session: ModelSession;
  backend: BackendInfo;
  validation: ValidationResult;
}

/** Failures with nowhere left to fall back to. */
export type OrtSetupFailure =
  | { kind: 'model-fetch-failed'; url: string; detail: string }
  | { kind: 'wasm-session-failed'; detail: string }
  | { kind: 'wasm-run-failed'; detail: string }
  | { kind: 'wasm-output-mismatch'; maxAbsError: number; tolerance: number };

export class OrtSetupError extends Error {
  override readonly name = 'OrtSetupError';
  constructor(readonly failure: OrtSetupFailure) {
    super(`onnxruntime setup failed: ${failure.kind}`);
  }
}

async function loadModelBytes(model: Uint8Array | string): Promise<Uint8Array> {
  if (typeof model !== 'string') return model;
  try {
    const response = await fetch(model);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new OrtSetupError({ kind: 'model-fetch-failed', url: model, detail: describeError(error) });
  }
}

function numbers(tensor: HostTensor): ArrayLike<number> {
  return tensor.type === 'int64' ? Array.from(tensor.data, Number) : tensor.data;
}

async function runValidation(session: ModelSession, validation: SessionValidation): Promise<ValidationResult> {
  const start = performance.now();
  const outputs = await session.run(validation.feeds);
  const ms = performance.now() - start;
  let maxAbsError = 0;
  for (const [name, expected] of Object.entries(validation.expected)) {
    const actual = outputs[name];
    const error = actual ? maxAbsDifference(numbers(actual), expected) : Infinity;
    maxAbsError = Math.max(maxAbsError, error);
  }
  return { maxAbsError, ms };
}

type WebGpuAttempt =
  | { ok: true; session: ModelSession; adapter: GpuAdapterSummary; validation: ValidationResult }
  | { ok: false; reason: Exclude<FallbackReason, 'forced'>; detail: string };

/** GPU errors are reported asynchronously, not thrown: collect them with error scopes. */
const GPU_ERROR_SCOPES: readonly GPUErrorFilter[] = ['out-of-memory', 'internal', 'validation'];

async function tryWebGpu(modelBytes: Uint8Array, validation: SessionValidation): Promise<WebGpuAttempt> {
  const probe = await probeWebGpu();
  if (!probe.available) return { ok: false, reason: probe.reason, detail: probe.detail };

  let session: ModelSession;
  try {
    session = await createOrtSession(modelBytes, 'webgpu');
  } catch (error) {
    return { ok: false, reason: 'session-failed', detail: describeError(error) };
  }

  const fail = async (reason: 'gpu-error' | 'output-mismatch', detail: string): Promise<WebGpuAttempt> => {
    await session.release().catch(() => undefined);
    return { ok: false, reason, detail };
  };

  let device: GPUDevice;
  try {
    device = await ortWebGpuDevice();
  } catch (error) {
    return fail('gpu-error', `no GPU device after session creation: ${describeError(error)}`);
  }
  for (const filter of GPU_ERROR_SCOPES) device.pushErrorScope(filter);
  let result: ValidationResult | undefined;
  let runError: unknown;
  try {
    result = await runValidation(session, validation);
  } catch (error) {
    runError = error;
  }
  // Scopes pop innermost first; pop all of them even if the run threw, or they leak.
  const gpuErrors: (GPUError | null)[] = [];
  for (let i = 0; i < GPU_ERROR_SCOPES.length; i++) gpuErrors.push(await device.popErrorScope());
  const gpuError = gpuErrors.find((e) => e !== null);
  if (gpuError) return fail('gpu-error', `WebGPU error during validation run: ${gpuError.message}`);
  if (!result) return fail('gpu-error', `validation run threw: ${describeError(runError)}`);
  if (!(result.maxAbsError <= validation.tolerance)) {
    return fail(
      'output-mismatch',
      `max |error| ${result.maxAbsError.toExponential(2)} exceeds tolerance ${validation.tolerance.toExponential(2)}`,
    );
  }
  return { ok: true, session, adapter: probe.adapter, validation: result };
}

/**
 * Creates a session on the preferred backend, proving it computes correctly (validation run), and
 * falls back to WASM with a typed reason when WebGPU is missing, fails or computes wrongly.
 * Throws OrtSetupError only when WASM fails too.
 */
export async function createSession(model: Uint8Array | string, options: CreateSessionOptions): Promise<CreatedSession> {
  const emit = options.onEvent ?? (() => undefined);
  configureOrt(options.runtime ?? {});
  const modelBytes = await loadModelBytes(model);

  let fallback: { reason: FallbackReason; detail: string };
  if (options.preferred === 'webgpu') {
    emit({ type: 'trying', backend: 'webgpu' });
    const attempt = await tryWebGpu(modelBytes, options.validation);
    if (attempt.ok) {
      emit({ type: 'validated', backend: 'webgpu', ...attempt.validation });
      return { session: attempt.session, backend: { backend: 'webgpu', adapter: attempt.adapter }, validation: attempt.validation };
    }
    fallback = { reason: attempt.reason, detail: attempt.detail };
  } else {
    fallback = { reason: 'forced', detail: 'WASM was requested' };
  }
  emit({ type: 'fallback', ...fallback });

  emit({ type: 'trying', backend: 'wasm' });
  let session: ModelSession;
  try {
    session = await createOrtSession(modelBytes, 'wasm');
  } catch (error) {
    throw new OrtSetupError({ kind: 'wasm-session-failed', detail: describeError(error) });
  }
  let validation: ValidationResult;
  try {
    validation = await runValidation(session, options.validation);
  } catch (error) {
    await session.release().catch(() => undefined);
    throw new OrtSetupError({ kind: 'wasm-run-failed', detail: describeError(error) });
  }
  if (!(validation.maxAbsError <= options.validation.tolerance)) {
    await session.release().catch(() => undefined);
    throw new OrtSetupError({
      kind: 'wasm-output-mismatch',
      maxAbsError: validation.maxAbsError,
      tolerance: options.validation.tolerance,
    });
  }
  emit({ type: 'validated', backend: 'wasm', ...validation });
  return {
    session,
    backend: { backend: 'wasm', fallbackReason: fallback.reason, detail: fallback.detail, threads: ortThreadCount() },
    validation,
  };
}
