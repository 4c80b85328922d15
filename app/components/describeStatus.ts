import type { EngineStage, FallbackReason, GpuAdapterSummary, RefetchReason } from '../../workers/engine/meldEngineApi';
import type { AppError, UiProblem } from '../store';

/** Why WASM runs instead of WebGPU, in words a user understands. */
export const FALLBACK_REASON_TEXT: Record<FallbackReason, string> = {
  'no-navigator-gpu': 'This browser does not expose WebGPU here.',
  'no-adapter': 'WebGPU is present but no GPU adapter is available.',
  'session-failed': 'WebGPU could not load the model.',
  'gpu-error': 'The GPU reported an error while checking the model.',
  'output-mismatch': 'The GPU computed results that differ from the CPU reference, so it is not used.',
  'wasm-only-runtime': 'This page loaded the WASM-only runtime; switch to WebGPU again to try it.',
  forced: 'WASM was requested.',
};

export const STAGE_TEXT: Record<EngineStage | 'starting-worker', string> = {
  'starting-worker': 'Starting the inference worker…',
  manifest: 'Reading the model manifest…',
  downloading: 'Loading the model files…',
  'creating-sessions': 'Choosing and checking a backend…',
  'warming-up': 'Warming up (one short run, so the first Generate is fast)…',
  ready: 'Ready',
};

export const REFETCH_TEXT: Record<RefetchReason, string> = {
  'cached-incomplete': 'the cached copy was incomplete, so it is downloaded again',
  'cached-damaged': 'the cached copy was damaged (checksum mismatch), so it is downloaded again',
  'cached-outdated': 'the cached copy is from an older model, so the new one is downloaded',
  'download-damaged': 'the download arrived damaged (checksum mismatch), so it is fetched again',
};

export function describeAdapter(adapter: GpuAdapterSummary): string {
  const name = [adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' / ') || 'unknown GPU';
  return adapter.isFallbackAdapter ? `${name} (software adapter)` : name;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}

function isUiProblem(error: AppError | UiProblem): error is UiProblem {
  return 'message' in error && !('reason' in error);
}

/** One sentence for any failure the app shows. */
export function describeError(error: AppError | UiProblem): string {
  if (isUiProblem(error)) return error.message;
  switch (error.kind) {
    case 'fetch-failed':
      return `Could not download ${error.url}: ${error.detail}. Check the connection and reload.`;
    case 'integrity':
      return `${error.detail}. It was fetched twice; reload to try again.`;
    case 'bad-manifest':
      return `The model manifest cannot be used: ${error.detail}`;
    case 'backend-unavailable':
      return `No backend can run the model (${error.failure.kind}: ${error.failure.detail}).`;
    case 'not-ready':
      return 'The model is still loading.';
    case 'busy':
      return 'Another request is running; wait for it or stop it.';
    case 'cancelled':
      return 'Stopped.';
    case 'invalid-request':
      return `The request was refused (${error.field}): ${error.message}.`;
    case 'text':
    case 'audio':
    case 'prompt':
      return error.message.charAt(0).toUpperCase() + error.message.slice(1) + (error.message.endsWith('.') ? '' : '.');
    case 'run-failed':
      return `Inference failed: ${error.detail}`;
    case 'worker-failed':
      return `The inference worker failed: ${error.detail}`;
  }
}

/** A stable code for tests and styling: the error's kind plus its reason where it has one. */
export function errorCode(error: AppError | UiProblem): string {
  return 'reason' in error ? `${error.kind}:${error.reason}` : error.kind;
}
