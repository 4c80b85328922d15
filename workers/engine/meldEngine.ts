import * as Comlink from 'comlink';
import { checkManifest, ManifestError, type GraphName, type MeldManifest, type Precision, graphFile, graphsOf, modelQuality } from '../../models/meld/manifest';
import { TextError } from '../../models/text';
import { describeError } from '../describeError';
import { MeldError } from '../meld/errors';
import { ModelIntegrityError } from '../meld/loadMeld';
import { cacheOutputNames } from '../meld/kvCache';
import { MeldGraphs } from '../meld/meldGraphs';
import { meldReferenceCheck } from '../meld/referenceCheck';
import { speakText } from '../meld/speakText';
import { LiveTranscription } from '../meld/liveStt';
import { transcribe } from '../meld/stt';
import { warmUp } from '../meld/warmUp';
import { createSessions, OrtSetupError, ORT_RUNTIME_DIR, preloadOrtRuntime, probeWebGpu, type WebGpuProbeResult } from '../ort';
import { AssetFetchError } from './assetLoader';
import { type Downloader, fetchWithProgress } from './download';
import { loadManifestBytes, loadModelFile, openModelCache, pruneModelCache } from './modelFileCache';
import { meldErrorToEngineError, validateSttAudio, validateSttChunk, validateTtsParams } from './validateRequest';
import type {
  EngineError,
  EngineInitOptions,
  EngineReady,
  EngineResult,
  InitEvent,
  MeldEngineApi,
  PrecisionPreference,
  SttOutcome,
  SttStreamEvent,
  TtsOutcome,
  TtsParams,
  TtsStreamEvent,
} from './meldEngineApi';

export const DEFAULT_MANIFEST_PATH = 'models/meld/manifest.json';

/** What the engine needs from its surroundings; the defaults are the browser's. Node tests read from disk. */
export interface MeldEngineDeps {
  download?: Downloader;
  openCache?: () => Promise<Cache | undefined>;
  probe?: () => Promise<WebGpuProbeResult>;
}

/** Internal: carries a typed EngineError up to the API boundary, where it becomes a result. */
class EngineFailure extends Error {
  constructor(readonly error: EngineError) {
    super(error.kind);
  }
}

/**
 * The parsed and checked manifest. Offline with a cached manifest from an export this app cannot
 * read (the app updated, the model did not), the way out is one online visit: say so.
 */
function readManifest({ bytes, source }: { bytes: Uint8Array; source: 'cache' | 'network' }): MeldManifest {
  try {
    return checkManifest(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    if (source === 'cache' && error instanceof ManifestError && error.kind === 'unsupported-version') {
      throw new ManifestError('outdated-offline', `the model saved for offline use is from an older version of the app (${error.message}); connect to the internet once to download the current model`);
    }
    throw error;
  }
}

function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineFailure) return error.error;
  if (error instanceof MeldError) return meldErrorToEngineError(error);
  if (error instanceof TextError) return { kind: 'text', reason: error.kind, message: error.message };
  if (error instanceof AssetFetchError) return { kind: 'fetch-failed', url: error.url, detail: error.detail };
  if (error instanceof ModelIntegrityError) return { kind: 'integrity', url: error.url, detail: error.message };
  if (error instanceof ManifestError || error instanceof SyntaxError) return { kind: 'bad-manifest', detail: error.message };
  if (error instanceof OrtSetupError) return { kind: 'backend-unavailable', failure: error.failure };
  return { kind: 'run-failed', detail: describeError(error) };
}

async function toResult<T>(work: () => Promise<T>): Promise<EngineResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toEngineError(error) };
  }
}

/**
 * 'auto': the fp16 weight files (half the download) except on a WebGPU adapter without 'shader-f16'.
 * The fp16 graphs store binary16 weights behind a Cast to fp32 that onnxruntime folds when it creates
 * the session, so WASM computes in fp32 on weights rounded to fp16: on 100 held-out items the greedy
 * STT changed 2 words of 850, and a step costs no more (reports/bench/node-profile-fp16.json).
 */
function choosePrecision(manifest: MeldManifest, wanted: PrecisionPreference | undefined, probe: WebGpuProbeResult | undefined): Precision {
  if (!manifest.graphs.fp16) return 'fp32';
  if (wanted === 'fp32' || wanted === 'fp16') return wanted;
  if (!probe?.available) return 'fp16';
  return probe.adapter.shaderF16 ? 'fp16' : 'fp32';
}

/**
 * Calls a listener that may live in another thread (a comlink proxy) without waiting for it and
 * without letting its failure stop us; the returned promise settles once the listener has run.
 */
function notify<E>(listener: ((event: E) => unknown) | undefined, event: E): Promise<unknown> {
  if (!listener) return Promise.resolve();
  try {
    return Promise.resolve(listener(event)).catch(() => undefined);
  } catch {
    // The page went away mid-run: keep going, the result is still returned.
    return Promise.resolve();
  }
}

/** A live transcription: its session, the signal stop() fires, its events in flight, and its teardown once begun. */
interface LiveSession {
  session: LiveTranscription;
  controller: AbortController;
  delivered: Promise<unknown>[];
  ended?: Promise<void>;
}

/** Progress for one file at most every PROGRESS_MS, plus its last event (~20 messages per second). */
const PROGRESS_MS = 50;

/**
 * The inference engine. It does not know whether it runs in a worker (the app) or in-process (Node
 * tests); inference.worker.ts only exposes it. One run (TTS or STT) at a time; stop() interrupts it.
 */
export class MeldEngine implements MeldEngineApi {
  private graphs: MeldGraphs | undefined;
  private current: AbortController | undefined;
  /** The live transcription holding the engine between sttStart and sttFinish (or stop). */
  private live: LiveSession | undefined;
  /** A live session being torn down (its last step settling): the next request waits for it. */
  private ending: Promise<void> | undefined;

  constructor(private readonly deps: MeldEngineDeps = {}) {}

  init(options: EngineInitOptions, onEvent?: (event: InitEvent) => void): Promise<EngineResult<EngineReady>> {
    const delivered: Promise<unknown>[] = [];
    const emit = (event: InitEvent) => void delivered.push(notify(onEvent, event));
    return toResult(async () => {
      await this.dispose();
      const manifestUrl = new URL(options.manifestPath ?? DEFAULT_MANIFEST_PATH, options.assetBaseUrl).href;
      const io = { download: this.deps.download ?? fetchWithProgress, cache: await (this.deps.openCache ?? openModelCache)() };

      const startedAt = performance.now();
      // WebGPU first (a few ms): without it, onnxruntime's WASM-only build is half the code to load.
      const probe = options.preferredBackend === 'webgpu' ? await (this.deps.probe ?? probeWebGpu)() : undefined;
      const ortRuntimeUrl = options.ortRuntimeUrl === undefined ? new URL(ORT_RUNTIME_DIR, options.assetBaseUrl).href : options.ortRuntimeUrl;
      const runtime = {
        ...(ortRuntimeUrl === null ? {} : { wasmPaths: ortRuntimeUrl }),
        ...(options.wasmThreads ? { threads: options.wasmThreads } : {}),
        build: probe?.available ? ('all' as const) : ('wasm' as const),
      };
      // The runtime's fetch and compile overlap the manifest and the model downloads.
      const runtimeReady = preloadOrtRuntime(runtime);
      emit({ type: 'stage', stage: 'manifest' });
      const manifestFile = await loadManifestBytes(manifestUrl, io);
      const manifest = readManifest(manifestFile);
      const precision = choosePrecision(manifest, options.precision, probe);
      const graphNames = graphsOf(manifest, precision);
      const files = graphNames.map((g) => graphFile(manifest, precision, g));

      emit({ type: 'stage', stage: 'downloading' });
      emit({ type: 'files', files: files.map((f) => ({ name: f.file, total: f.bytes })) });
      const urls = files.map((f) => new URL(f.file, manifestUrl).href);
      // All files at once: one at a time left the connection idle between files, and each file is
      // hashed as it arrives (modelFileCache), so nothing waits for the last byte of another.
      const sources = new Set<'cache' | 'network'>();
      const bytes = await Promise.all(
        files.map((f, i) => {
          let last = 0;
          return loadModelFile(urls[i], f, io, (e) => {
            if (e.type === 'refetch') return emit({ type: 'refetch', name: f.file, reason: e.reason });
            sources.add(e.source);
            const now = performance.now();
            if (e.loaded < e.total && now - last < PROGRESS_MS) return;
            last = now;
            emit({ type: 'file-progress', name: f.file, loaded: e.loaded, total: e.total, source: e.source });
          });
        }),
      );
      // The vocoder only where the manifest ships one (graphsOf).
      const models = Object.fromEntries(graphNames.map((g, i) => [g, bytes[i]])) as Record<GraphName, Uint8Array>;
      await pruneModelCache(io.cache, new URL('./', manifestUrl).href, [manifestUrl, ...urls]);
      const downloadedAt = performance.now();

      emit({ type: 'stage', stage: 'creating-sessions' });
      await runtimeReady;
      const created = await createSessions(models, {
        preferred: options.preferredBackend,
        probe,
        check: meldReferenceCheck(manifest),
        // The KV cache stays in GPU buffers between steps on WebGPU (no upload/download per step).
        deviceOutputs: { lm: cacheOutputNames(manifest.config.nLayers) },
        runtime,
        onEvent: (event) => emit({ type: 'session', event }),
      });
      const sessionsAt = performance.now();
      this.graphs = new MeldGraphs(manifest, created.sessions);
      // The first run pays for eSpeak NG's compile, onnxruntime's arena growth and the JIT: pay it
      // here, once, so the first Generate streams at the speed of every later one.
      emit({ type: 'stage', stage: 'warming-up' });
      await warmUp(this.graphs);
      const warmedAt = performance.now();
      emit({ type: 'stage', stage: 'ready' });
      await Promise.all(delivered);
      const c = manifest.config;
      return {
        backend: created.backend,
        precision,
        check: created.check,
        manifestSource: manifestFile.source,
        timings: {
          downloadMs: downloadedAt - startedAt,
          sessionsMs: sessionsAt - downloadedAt,
          warmUpMs: warmedAt - sessionsAt,
          totalMs: warmedAt - startedAt,
          files: sources.size === 1 ? [...sources][0] : 'mixed',
        },
        model: {
          trainingStep: manifest.training.step,
          plannedSteps: manifest.training.plannedSteps ?? null,
          quality: modelQuality(manifest),
          vocoder: this.graphs.vocoderKind,
          trainHours: manifest.training.trainHours,
          corpus: manifest.training.corpus,
          exportedAt: manifest.training.exportedAt,
          parameters: { dModel: c.dModel, nLayers: c.nLayers, codebookSize: c.codebookSize, maxPositions: c.maxPositions },
          totalBytes: files.reduce((n, f) => n + f.bytes, 0),
          sampleRate: manifest.audio.sampleRate,
        },
      };
    });
  }

  tts(params: TtsParams, onEvent?: (event: TtsStreamEvent) => void): Promise<EngineResult<TtsOutcome>> {
    // Checked before taking the engine: a bad request never waits for, or blocks, another run.
    const checked = validateTtsParams(params);
    if (!checked.ok) return Promise.resolve({ ok: false, error: checked.error });
    params = checked.value;
    return this.exclusive(async (graphs, signal) => {
      // Events travel on the listener's own channel: the result must not overtake them.
      const delivered: Promise<unknown>[] = [];
      const result = await speakText(
        graphs,
        { text: params.text, prompt: params.prompt, seed: params.seed, sampling: { temperature: params.temperature, topP: params.topP }, signal },
        (e) => {
          if (e.type === 'sentence') delivered.push(notify(onEvent, e));
          else if (e.type === 'audio' && e.samples.length > 0) {
            // A copy: speakText keeps the original for the final result, and transfer detaches it.
            const samples = e.samples.slice();
            delivered.push(notify(onEvent, Comlink.transfer({ type: 'audio' as const, samples }, [samples.buffer])));
          }
        },
      );
      await Promise.all(delivered);
      const outcome: TtsOutcome = {
        audio: result.audio, mel: result.mel, frames: result.frames, nMels: graphs.config.nMels, codes: result.codes,
        sentences: result.sentences.length, sentenceTexts: result.sentences.map((s) => s.text), stoppedBy: result.sentences.map((s) => s.stoppedBy),
        stopped: result.stopped, timing: result.timing,
      };
      return Comlink.transfer(outcome, [outcome.audio.buffer, outcome.mel.buffer]);
    });
  }

  stt(audio: Float32Array, onEvent?: (event: SttStreamEvent) => void): Promise<EngineResult<SttOutcome>> {
    const checked = validateSttAudio(audio);
    if (!checked.ok) return Promise.resolve({ ok: false, error: checked.error });
    return this.exclusive(async (graphs, signal) => {
      const delivered: Promise<unknown>[] = [];
      const result = await transcribe(graphs, checked.value, signal, (p) => delivered.push(notify(onEvent, { type: 'progress', ...p })));
      await Promise.all(delivered);
      return { text: result.text, timing: result.timing };
    });
  }

  sttStart(onEvent?: (event: SttStreamEvent) => void): Promise<EngineResult<{ streaming: boolean }>> {
    return toResult(async () => {
      const { graphs, controller } = await this.take();
      const delivered: Promise<unknown>[] = [];
      const session = new LiveTranscription(graphs, controller.signal, (p) => delivered.push(notify(onEvent, { type: 'progress', ...p })));
      const live: LiveSession = { session, controller, delivered };
      this.live = live;
      // Stopped (or the engine disposed): the session ends here, not at an sttFinish that may never come.
      controller.signal.addEventListener('abort', () => void (this.ending = this.endLive(live)), { once: true });
      return { streaming: session.streaming };
    });
  }

  async sttPush(samples: Float32Array): Promise<EngineResult<{ seconds: number }>> {
    const live = this.live;
    if (!live) return { ok: false, error: { kind: 'invalid-request', field: 'session', message: 'no live transcription is open (it ended, was stopped, or never started)' } };
    const checked = validateSttChunk(samples);
    if (!checked.ok) return checked;
    return toResult(async () => {
      live.session.push(checked.value);
      return { seconds: live.session.seconds };
    });
  }

  async sttFinish(): Promise<EngineResult<SttOutcome>> {
    const live = this.live;
    if (!live) return { ok: false, error: { kind: 'invalid-request', field: 'session', message: 'no live transcription is open (it ended, was stopped, or never started)' } };
    const result = await toResult(async () => {
      const r = await live.session.finish();
      return { text: r.text, timing: r.timing };
    });
    await Promise.all(live.delivered);
    await this.endLive(live);
    return result;
  }

  async stop(): Promise<void> {
    this.current?.abort();
    await this.ending;
  }

  async dispose(): Promise<void> {
    this.current?.abort();
    const graphs = this.graphs;
    this.graphs = undefined;
    await graphs?.release();
  }

  /**
   * Frees a live transcription's cache and then the engine, once however the session ended. Until
   * the work in flight has settled the engine stays taken; requests that arrive meanwhile wait for
   * it (see exclusive) instead of failing as 'busy'.
   */
  private endLive(live: LiveSession): Promise<void> {
    live.ended ??= (async () => {
      if (this.live === live) this.live = undefined;
      try {
        await live.session.release();
      } finally {
        if (this.current === live.controller) this.current = undefined;
      }
    })();
    return live.ended;
  }

  /** Takes the engine for one run (a live session being torn down first finishes); not-ready or busy otherwise. */
  private async take(): Promise<{ graphs: MeldGraphs; controller: AbortController }> {
    await this.ending;
    const graphs = this.graphs;
    if (!graphs) throw new EngineFailure({ kind: 'not-ready' });
    if (this.current) throw new EngineFailure({ kind: 'busy' });
    const controller = new AbortController();
    this.current = controller;
    return { graphs, controller };
  }

  /** Runs one request at a time, with an AbortSignal that stop() fires. */
  private exclusive<T>(work: (graphs: MeldGraphs, signal: AbortSignal) => Promise<T>): Promise<EngineResult<T>> {
    return toResult(async () => {
      const { graphs, controller } = await this.take();
      try {
        return await work(graphs, controller.signal);
      } finally {
        this.current = undefined;
      }
    });
  }
}
