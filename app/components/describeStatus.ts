import type { EngineStage, FallbackReason, GpuAdapterSummary } from '../../workers/engine/engineApi';
import type { AppError } from '../store';

/** Why WASM runs instead of WebGPU, in words a user understands. */
export const FALLBACK_REASON_TEXT: Record<FallbackReason, string> = {
  'no-navigator-gpu': 'This browser does not expose WebGPU here.',
  'no-adapter': 'WebGPU is present but no GPU adapter is available.',
  'session-failed': 'WebGPU could not load the model.',
  'gpu-error': 'The GPU reported an error while checking the model.',
  'output-mismatch': 'The GPU computed wrong results, so it is not used.',
  forced: 'WASM was requested.',
};

export const STAGE_TEXT: Record<EngineStage | 'starting-worker', string> = {
  'starting-worker': 'Starting the inference worker…',
  'loading-reference': 'Loading the reference…',
  'loading-model': 'Loading the model…',
  'creating-session': 'Choosing and checking a backend…',
  ready: 'Ready',
};

export function describeAdapter(adapter: GpuAdapterSummary): string {
  const name = [adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' / ') || 'unknown GPU';
  return adapter.isFallbackAdapter ? `${name} (software adapter)` : name;
}

export function describeAppError(error: AppError): string {
  switch (error.kind) {
    case 'fetch-failed':
      return `Could not download ${error.url}: ${error.detail}`;
    case 'bad-reference':
      return `The reference file ${error.url} is malformed: ${error.detail}`;
    case 'integrity':
      return `${error.url} does not match its expected checksum (got ${error.actualSha256.slice(0, 12)}…).`;
    case 'backend-unavailable':
      return `No backend can run the model (${error.failure.kind}).`;
    case 'not-initialised':
      return 'The engine was used before it was initialised.';
    case 'run-failed':
      return `Inference failed: ${error.detail}`;
    case 'worker-failed':
      return `The inference worker failed: ${error.detail}`;
  }
}
