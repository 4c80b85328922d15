/**
 * The MELD engine's API, shared by the worker (which exposes a MeldEngine) and the app (which talks
 * to it through a comlink proxy typed by this same interface). Everything crosses the worker
 * boundary by structured clone or transfer: plain data, typed arrays and discriminated unions.
 * Failures are results, not exceptions, because comlink flattens thrown errors to a message.
 */
import type { Precision } from '../../models/meld/manifest';
import type { QualityVerdict } from '../../models/meld/quality';
import type { BackendInfo, BackendPreference } from '../ort/backendInfo';
import type { OrtSetupFailure, SessionEvent } from '../ort/createSessions';
import type { RefetchReason } from './modelFileCache';

export type { BackendInfo, BackendName, BackendPreference, FallbackReason, GpuAdapterSummary } from '../ort/backendInfo';
export type { OrtSetupFailure, SessionEvent } from '../ort/createSessions';
export type { Precision } from '../../models/meld/manifest';
export type { RefetchReason } from './modelFileCache';

/** 'auto': fp16 weight files (half the download), except fp32 on a WebGPU adapter without 'shader-f16'. */
export type PrecisionPreference = Precision | 'auto';

export interface EngineInitOptions {
  /** Absolute URL of the site root (holds models/ and ort/), ending in '/'. Workers cannot know it. */
  assetBaseUrl: string;
  preferredBackend: BackendPreference;
  precision?: PrecisionPreference;
  /** Manifest path under assetBaseUrl. Default 'models/meld/manifest.json'. */
  manifestPath?: string;
  /** URL prefix of onnxruntime's .mjs/.wasm. Default `${assetBaseUrl}ort/`; null: onnxruntime's own lookup (Node). */
  ortRuntimeUrl?: string | null;
  /** WASM threads to ask for (`?threads=N`, for measuring); default: all cores up to 4 when isolated. */
  wasmThreads?: number;
}

export type EngineStage = 'manifest' | 'downloading' | 'creating-sessions' | 'warming-up' | 'ready';

export type InitEvent =
  | { type: 'stage'; stage: EngineStage }
  | { type: 'files'; files: { name: string; total: number }[] }
  | { type: 'file-progress'; name: string; loaded: number; total: number; source: 'cache' | 'network' }
  | { type: 'refetch'; name: string; reason: RefetchReason }
  | { type: 'session'; event: SessionEvent };

export interface ModelSummary {
  /** Training steps of the exported weights, and the schedule's length. */
  trainingStep: number;
  plannedSteps: number | null;
  /** The manifest's measured figures against the quality bars, or whether the schedule finished (models/meld/quality.ts). */
  quality: QualityVerdict;
  /** Which vocoder speaks: the model's trained one, or Griffin-Lim. */
  vocoder: 'neural' | 'griffin-lim';
  trainHours: number;
  corpus: string;
  exportedAt: string;
  parameters: { dModel: number; nLayers: number; codebookSize: number; maxPositions: number };
  totalBytes: number;
  sampleRate: number;
}

export interface EngineReady {
  backend: BackendInfo;
  precision: Precision;
  model: ModelSummary;
  /** The backend check: deviation from the WASM reference and the check's wall time. */
  check: { maxRelError: number; ms: number };
  /** Where the manifest came from: 'cache' means the network was unreachable (offline). */
  manifestSource: 'cache' | 'network';
  /** Where init's time went (ms from its start), and where the model files came from. */
  timings: { downloadMs: number; sessionsMs: number; warmUpMs: number; totalMs: number; files: 'cache' | 'network' | 'mixed' };
}

export interface TtsParams {
  text: string;
  /** The voice prompt: 16 kHz mono audio (transferred) and its transcript. */
  prompt: { audio: Float32Array; text: string };
  seed: number;
  temperature: number;
  topP: number;
}

export type TtsStreamEvent =
  /** count can grow during a run: a chunk too long for one pass is split in two. */
  | { type: 'sentence'; index: number; count: number; text: string }
  /** Audio as it is vocoded: 16 kHz mono, transferred. */
  | { type: 'audio'; samples: Float32Array };

export interface TtsOutcome {
  audio: Float32Array;
  /** Normalised post-net log-mel, frame-major [frames x nMels]. */
  mel: Float32Array;
  frames: number;
  nMels: number;
  codes: number[];
  sentences: number;
  /** The text of each sentence spoken (normalised), in order. */
  sentenceTexts: string[];
  stoppedBy: ('eos' | 'length-guard' | 'stopped')[];
  /** stop() ended the run early: the audio made until then is here (and was streamed). */
  stopped: boolean;
  timing: { firstAudioMs: number | null; totalMs: number; audioSeconds: number };
}

/** Progress of a transcription, after each segment (~20 s of audio). */
export type SttStreamEvent = { type: 'progress'; segment: number; segments: number; doneSeconds: number; totalSeconds: number; text: string };

export interface SttOutcome {
  text: string;
  timing: { totalMs: number; audioSeconds: number };
}

export type EngineError =
  | { kind: 'fetch-failed'; url: string; detail: string }
  | { kind: 'integrity'; url: string; detail: string }
  | { kind: 'bad-manifest'; detail: string }
  | { kind: 'backend-unavailable'; failure: OrtSetupFailure }
  | { kind: 'not-ready' }
  | { kind: 'busy' }
  | { kind: 'cancelled' }
  /** A request whose shape or values no page should send (a bug, or a foreign page): which field, and why. */
  | { kind: 'invalid-request'; field: string; message: string }
  | { kind: 'text'; reason: 'empty' | 'unspeakable' | 'too-long'; message: string }
  | { kind: 'audio'; reason: 'silent' | 'too-short' | 'too-long' | 'invalid'; message: string }
  /** The voice prompt is the cause: too long, no transcript, or a transcript it cannot hold. */
  | { kind: 'prompt'; reason: 'too-long' | 'no-transcript' | 'transcript-too-long'; message: string }
  | { kind: 'run-failed'; detail: string };

export type EngineResult<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export interface MeldEngineApi {
  /** Loads the model (cached, integrity-checked), picks and validates a backend. Call again to switch. */
  init(options: EngineInitOptions, onEvent?: (event: InitEvent) => void): Promise<EngineResult<EngineReady>>;
  /** Zero-shot TTS, streaming audio chunks through onEvent. One run at a time (else 'busy'). Stopped, it resolves with what was made. */
  tts(params: TtsParams, onEvent?: (event: TtsStreamEvent) => void): Promise<EngineResult<TtsOutcome>>;
  /** Transcribes 16 kHz mono audio (transferred), with progress per segment. One run at a time (else 'busy'). */
  stt(audio: Float32Array, onEvent?: (event: SttStreamEvent) => void): Promise<EngineResult<SttOutcome>>;
  /**
   * Live transcription of a recording while it is made. sttStart takes the engine (one run at a
   * time, else 'busy'); sttPush hands it audio as it is recorded (16 kHz mono, transferred; it
   * returns at once, the model catches up in the background); sttFinish ends the recording and
   * returns the transcript. A time-aligned model reports words through onEvent as it recognises
   * them (streaming: true); other models transcribe at sttFinish. stop() cancels the session.
   */
  sttStart(onEvent?: (event: SttStreamEvent) => void): Promise<EngineResult<{ streaming: boolean }>>;
  sttPush(samples: Float32Array): Promise<EngineResult<{ seconds: number }>>;
  sttFinish(): Promise<EngineResult<SttOutcome>>;
  /** Interrupts the current run: TTS resolves with the audio made so far (stopped), STT with 'cancelled'. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}
