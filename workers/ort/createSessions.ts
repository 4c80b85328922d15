import { describeError } from '../describeError';
import type { BackendInfo, BackendName, BackendPreference, FallbackReason, GpuAdapterSummary } from './backendInfo';
import { inGpuErrorScope } from './gpuErrorScope';
import { createOrtSession, type ModelSession } from './modelSession';
import { configureOrt, ortThreadCount, type OrtRuntimeOptions } from './ortEnvironment';
import type { WebGpuProbeResult } from './webGpuProbe';

/**
 * A fixed computation over a set of sessions (say, a known input through every graph of a model)
 * whose named outputs can be compared between backends. The WASM result is the reference: WASM is
 * plain CPU arithmetic and cheap to run once, so the model needs to ship no expected outputs, and a
 * re-exported model is checked against itself.
 */
export interface SessionCheck<K extends string> {
  run(sessions: Record<K, ModelSession>): Promise<Record<string, Float32Array>>;
  /** Largest allowed |webgpu - wasm| divided by the largest |wasm| value of that output (at least 1). */
  tolerance: number;
}

export interface CheckResult {
  /** Largest relative deviation from the WASM reference (0 on WASM itself). */
  maxRelError: number;
  /** Wall time of the check on the chosen backend (on WebGPU, includes shader compilation). */
  ms: number;
}

export type SessionEvent =
  | { type: 'trying'; backend: BackendName }
  | { type: 'reference'; ms: number }
  | { type: 'fallback'; reason: FallbackReason; detail: string }
  | { type: 'validated'; backend: BackendName; maxRelError: number; ms: number };

/** Failures with nowhere left to fall back to. */
export type OrtSetupFailure =
  | { kind: 'wasm-session-failed'; detail: string }
  | { kind: 'wasm-run-failed'; detail: string }
  | { kind: 'wasm-output-invalid'; detail: string };

export class OrtSetupError extends Error {
  override readonly name = 'OrtSetupError';
  constructor(readonly failure: OrtSetupFailure) {
    super(`onnxruntime setup failed: ${failure.kind} (${failure.detail})`);
  }
}

export interface CreateSessionsOptions<K extends string> {
  preferred: BackendPreference;
  /** The WebGPU probe, done by the caller (it chooses the precision to download from it). */
  probe?: WebGpuProbeResult;
  check: SessionCheck<K>;
  /** Per model, outputs a WebGPU session leaves in GPU buffers (see ModelSession.run). */
  deviceOutputs?: Partial<Record<K, readonly string[]>>;
  runtime?: OrtRuntimeOptions;
  onEvent?: (event: SessionEvent) => void;
}

export interface CreatedSessions<K extends string> {
  sessions: Record<K, ModelSession>;
  backend: BackendInfo;
  check: CheckResult;
}

async function createAll<K extends string>(models: Record<K, Uint8Array>, backend: BackendName, deviceOutputs: Partial<Record<K, readonly string[]>> = {}): Promise<Record<K, ModelSession>> {
  const sessions: Partial<Record<K, ModelSession>> = {};
  try {
    // One at a time: sessions share one WASM heap / GPU device, and creation is not faster in parallel.
    for (const name of Object.keys(models) as K[]) sessions[name] = await createOrtSession(models[name], backend, deviceOutputs[name]);
  } catch (error) {
    await releaseAll(sessions);
    throw error;
  }
  return sessions as Record<K, ModelSession>;
}

async function releaseAll(sessions: Partial<Record<string, ModelSession>>): Promise<void> {
  await Promise.all(Object.values(sessions).map((s) => s?.release().catch(() => undefined)));
}

/** Largest |a - b| / max(1, max |b|) over every named output; Infinity for a missing output or NaN. */
export function maxRelativeDeviation(actual: Record<string, Float32Array>, reference: Record<string, Float32Array>): number {
  let worst = 0;
  for (const [name, ref] of Object.entries(reference)) {
    const got = actual[name];
    if (!got || got.length !== ref.length) return Infinity;
    let scale = 1;
    for (let i = 0; i < ref.length; i++) scale = Math.max(scale, Math.abs(ref[i]));
    for (let i = 0; i < ref.length; i++) {
      const d = Math.abs(got[i] - ref[i]) / scale;
      if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
    }
  }
  return worst;
}

function firstNonFinite(outputs: Record<string, Float32Array>): string | undefined {
  for (const [name, values] of Object.entries(outputs)) if (!values.every(Number.isFinite)) return name;
  return undefined;
}

type WebGpuAttempt<K extends string> =
  | { ok: true; sessions: Record<K, ModelSession>; adapter: GpuAdapterSummary; check: CheckResult }
  | { ok: false; reason: Exclude<FallbackReason, 'forced'>; detail: string };

async function tryWebGpu<K extends string>(
  models: Record<K, Uint8Array>,
  probe: WebGpuProbeResult,
  options: CreateSessionsOptions<K>,
  reference: Record<string, Float32Array>,
): Promise<WebGpuAttempt<K>> {
  const check = options.check;
  if (!probe.available) return { ok: false, reason: probe.reason, detail: probe.detail };
  let sessions: Record<K, ModelSession>;
  try {
    sessions = await createAll(models, 'webgpu', options.deviceOutputs);
  } catch (error) {
    return { ok: false, reason: 'session-failed', detail: describeError(error) };
  }
  const fail = async (reason: 'gpu-error' | 'output-mismatch', detail: string): Promise<WebGpuAttempt<K>> => {
    await releaseAll(sessions);
    return { ok: false, reason, detail };
  };
  const start = performance.now();
  const run = await inGpuErrorScope(() => check.run(sessions));
  const ms = performance.now() - start;
  if (!run.ok) return fail('gpu-error', run.detail);
  const maxRelError = maxRelativeDeviation(run.value, reference);
  if (!(maxRelError <= check.tolerance)) {
    return fail('output-mismatch', `max relative deviation from the WASM result ${maxRelError.toExponential(2)} exceeds ${check.tolerance.toExponential(1)}`);
  }
  return { ok: true, sessions, adapter: probe.adapter, check: { maxRelError, ms } };
}

/**
 * Creates one session per model on the best backend that computes correctly. WASM sessions come
 * first and run the check to give the reference; with WebGPU preferred and an adapter present,
 * WebGPU sessions run the same check inside GPU error scopes and are kept only when their outputs
 * match the reference (some GPUs and drivers return garbage without any error). Otherwise the WASM
 * sessions stay, with the reason. Throws OrtSetupError only when WASM itself fails.
 */
export async function createSessions<K extends string>(models: Record<K, Uint8Array>, options: CreateSessionsOptions<K>): Promise<CreatedSessions<K>> {
  const emit = options.onEvent ?? (() => undefined);
  let runtime;
  try {
    runtime = await configureOrt(options.runtime ?? {});
  } catch (error) {
    throw new OrtSetupError({ kind: 'wasm-session-failed', detail: `onnxruntime could not be loaded: ${describeError(error)}` });
  }

  let wasm: Record<K, ModelSession>;
  try {
    wasm = await createAll(models, 'wasm');
  } catch (error) {
    throw new OrtSetupError({ kind: 'wasm-session-failed', detail: describeError(error) });
  }
  const start = performance.now();
  let reference: Record<string, Float32Array>;
  try {
    reference = await options.check.run(wasm);
  } catch (error) {
    await releaseAll(wasm);
    throw new OrtSetupError({ kind: 'wasm-run-failed', detail: describeError(error) });
  }
  const referenceMs = performance.now() - start;
  const invalid = firstNonFinite(reference);
  if (invalid !== undefined) {
    await releaseAll(wasm);
    throw new OrtSetupError({ kind: 'wasm-output-invalid', detail: `output '${invalid}' holds NaN or infinite values` });
  }
  emit({ type: 'reference', ms: referenceMs });

  let fallback: { reason: FallbackReason; detail: string };
  const probe = options.probe ?? { available: false, reason: 'no-navigator-gpu', detail: 'no WebGPU probe was done' };
  if (options.preferred === 'webgpu' && probe.available && runtime.build === 'wasm') {
    fallback = { reason: 'wasm-only-runtime', detail: "this worker loaded onnxruntime's WASM-only build; WebGPU needs a new worker (switch the backend again)" };
  } else if (options.preferred === 'webgpu') {
    emit({ type: 'trying', backend: 'webgpu' });
    if (probe.available) {
      // onnxruntime-web 1.30 (JSEP): releasing a WASM session created before the WebGPU sessions
      // invalidates their GPU data ("no GPU data for input"), so the reference sessions go first.
      await releaseAll(wasm);
      const attempt = await tryWebGpu(models, probe, options, reference);
      if (attempt.ok) {
        emit({ type: 'validated', backend: 'webgpu', ...attempt.check });
        return { sessions: attempt.sessions, backend: { backend: 'webgpu', adapter: attempt.adapter }, check: attempt.check };
      }
      fallback = { reason: attempt.reason, detail: attempt.detail };
      try {
        wasm = await createAll(models, 'wasm');
      } catch (error) {
        throw new OrtSetupError({ kind: 'wasm-session-failed', detail: describeError(error) });
      }
    } else {
      fallback = { reason: probe.reason, detail: probe.detail };
    }
  } else {
    fallback = { reason: 'forced', detail: 'WASM was requested' };
  }
  emit({ type: 'fallback', ...fallback });
  const check = { maxRelError: 0, ms: referenceMs };
  emit({ type: 'validated', backend: 'wasm', ...check });
  return { sessions: wasm, backend: { backend: 'wasm', fallbackReason: fallback.reason, detail: fallback.detail, threads: ortThreadCount() }, check };
}
