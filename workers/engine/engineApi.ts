/**
 * The engine's API, shared by the worker (which exposes an InferenceEngine) and the app (which talks
 * to it through a comlink proxy typed by this same interface). Everything here crosses the worker
 * boundary by structured clone: plain data, typed arrays and discriminated unions; results, not
 * exceptions, because comlink flattens thrown errors to a message.
 */
import type { BackendInfo, BackendName, BackendPreference } from '../ort/backendInfo';
import type { OrtSetupFailure, SessionEvent } from '../ort/createSession';

export type { BackendInfo, BackendName, BackendPreference, FallbackReason, GpuAdapterSummary } from '../ort/backendInfo';
export type { OrtSetupFailure, SessionEvent } from '../ort/createSession';

export interface EngineInitOptions {
  /** Absolute URL of the site root (holds models/ and ort/), ending in '/'. Workers cannot know it. */
  assetBaseUrl: string;
  preferredBackend: BackendPreference;
  /**
   * URL prefix of onnxruntime's .mjs/.wasm files. Default `${assetBaseUrl}ort/`; null leaves
   * onnxruntime's own lookup (Node, where they sit in node_modules).
   */
  ortRuntimeUrl?: string | null;
}

export type EngineStage = 'loading-reference' | 'loading-model' | 'creating-session' | 'ready';

export type EngineEvent = { type: 'stage'; stage: EngineStage } | { type: 'session'; event: SessionEvent };

export type EngineEventListener = (event: EngineEvent) => void;

export type EngineError =
  | { kind: 'fetch-failed'; url: string; detail: string }
  | { kind: 'bad-reference'; url: string; detail: string }
  | { kind: 'integrity'; url: string; expectedSha256: string; actualSha256: string }
  | { kind: 'backend-unavailable'; failure: OrtSetupFailure }
  | { kind: 'not-initialised' }
  | { kind: 'run-failed'; detail: string };

export type EngineResult<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export interface EngineReady {
  backend: BackendInfo;
  /** The validation run done while choosing the backend (includes shader compilation on WebGPU). */
  validation: { maxAbsError: number; ms: number };
}

export interface ReferenceRun {
  backend: BackendName;
  output: Float32Array;
  expected: number[];
  maxAbsError: number;
  tolerance: number;
  passed: boolean;
  /** Wall time of this run, in milliseconds. */
  ms: number;
}

export interface EngineApi {
  /** Loads the model, picks and validates a backend. Call again to switch backend. */
  init(options: EngineInitOptions, onEvent?: EngineEventListener): Promise<EngineResult<EngineReady>>;
  /** Runs the reference input again on the chosen backend and compares with the reference output. */
  runReference(): Promise<EngineResult<ReferenceRun>>;
  dispose(): Promise<void>;
}
