import { describeError } from '../describeError';
import { createSession, float32Tensor, maxAbsDifference, OrtSetupError, ORT_RUNTIME_DIR } from '../ort';
import type { ModelSession, SessionValidation } from '../ort';
import { AssetFetchError, fetchAsset, sha256Hex, type AssetLoader } from './assetLoader';
import type {
  EngineApi,
  EngineError,
  EngineEventListener,
  EngineInitOptions,
  EngineReady,
  EngineResult,
  ReferenceRun,
} from './engineApi';
import { parseTinyReference, ReferenceFormatError, type TinyReference } from './tinyReference';

/** Where the reference model lives, relative to the site root. */
export const TINY_REFERENCE_PATH = 'models/tiny/reference.json';

/** Internal: carries a typed EngineError up to the API boundary, where it becomes a result. */
class EngineFailure extends Error {
  constructor(readonly error: EngineError) {
    super(error.kind);
  }
}

function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineFailure) return error.error;
  if (error instanceof AssetFetchError) return { kind: 'fetch-failed', url: error.url, detail: error.detail };
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

function referenceValidation(reference: TinyReference): SessionValidation {
  return {
    feeds: { [reference.input.name]: float32Tensor(reference.input.dims, reference.input.data) },
    expected: { [reference.output.name]: reference.output.data },
    tolerance: reference.tolerance,
  };
}

/**
 * The inference engine. It does not know whether it runs in a worker (the app) or in-process
 * (Node tests); inference.worker.ts only exposes it.
 *
 * Today it loads the tiny reference model and proves the chosen backend computes correctly; the
 * MELD graphs (encoder, LM, recon, vocoder) will be loaded the same way.
 */
export class InferenceEngine implements EngineApi {
  private session: ModelSession | undefined;
  private reference: TinyReference | undefined;

  constructor(private readonly loadAsset: AssetLoader = fetchAsset) {}

  init(options: EngineInitOptions, onEvent?: EngineEventListener): Promise<EngineResult<EngineReady>> {
    const emit: EngineEventListener = onEvent ?? (() => undefined);
    return toResult(async () => {
      await this.dispose();
      const referenceUrl = new URL(TINY_REFERENCE_PATH, options.assetBaseUrl).href;
      emit({ type: 'stage', stage: 'loading-reference' });
      const reference = await this.loadReference(referenceUrl);

      emit({ type: 'stage', stage: 'loading-model' });
      const modelUrl = new URL(reference.model, referenceUrl).href;
      const modelBytes = await this.fetchBytes(modelUrl);
      const actualSha256 = await sha256Hex(modelBytes);
      if (actualSha256 !== reference.modelSha256) {
        throw new EngineFailure({ kind: 'integrity', url: modelUrl, expectedSha256: reference.modelSha256, actualSha256 });
      }

      emit({ type: 'stage', stage: 'creating-session' });
      const ortRuntimeUrl =
        options.ortRuntimeUrl === undefined ? new URL(ORT_RUNTIME_DIR, options.assetBaseUrl).href : options.ortRuntimeUrl;
      const created = await createSession(modelBytes, {
        preferred: options.preferredBackend,
        validation: referenceValidation(reference),
        runtime: ortRuntimeUrl === null ? {} : { wasmPaths: ortRuntimeUrl },
        onEvent: (event) => emit({ type: 'session', event }),
      });
      this.session = created.session;
      this.reference = reference;
      emit({ type: 'stage', stage: 'ready' });
      return { backend: created.backend, validation: created.validation };
    });
  }

  runReference(): Promise<EngineResult<ReferenceRun>> {
    return toResult(async () => {
      const { session, reference } = this;
      if (!session || !reference) throw new EngineFailure({ kind: 'not-initialised' });
      const { feeds, tolerance } = referenceValidation(reference);
      const start = performance.now();
      const outputs = await session.run(feeds);
      const ms = performance.now() - start;
      const output = outputs[reference.output.name];
      if (output?.type !== 'float32') {
        throw new EngineFailure({ kind: 'run-failed', detail: `no float32 output '${reference.output.name}'` });
      }
      const maxAbsError = maxAbsDifference(output.data, reference.output.data);
      return {
        backend: session.backend,
        output: output.data,
        expected: reference.output.data,
        maxAbsError,
        tolerance,
        passed: maxAbsError <= tolerance,
        ms,
      };
    });
  }

  async dispose(): Promise<void> {
    const { session } = this;
    this.session = undefined;
    this.reference = undefined;
    await session?.release();
  }

  /** Any loader failure is a fetch failure of that URL, whatever the loader threw. */
  private async fetchBytes(url: string): Promise<Uint8Array<ArrayBuffer>> {
    try {
      return await this.loadAsset(url);
    } catch (error) {
      throw error instanceof AssetFetchError ? error : new AssetFetchError(url, describeError(error));
    }
  }

  private async loadReference(url: string): Promise<TinyReference> {
    const bytes = await this.fetchBytes(url);
    try {
      return parseTinyReference(JSON.parse(new TextDecoder().decode(bytes)));
    } catch (error) {
      if (error instanceof ReferenceFormatError || error instanceof SyntaxError) {
        throw new EngineFailure({ kind: 'bad-reference', url, detail: error.message });
      }
      throw error;
    }
  }
}
