import { useAppStore } from '../store';
import { BackendSwitcher } from './BackendSwitcher';
import { FALLBACK_REASON_TEXT, REFETCH_TEXT, STAGE_TEXT, describeAdapter, formatBytes } from './describeStatus';
import { ModelQuality } from './ModelQuality';
import { ProblemMessage } from './ProblemMessage';

function FileProgress() {
  const files = useAppStore((s) => s.files);
  if (files.length === 0) return null;
  return (
    <ul className="file-list" data-testid="model-files">
      {files.map((f) => (
        <li key={f.name} data-testid="model-file" data-name={f.name} data-loaded={f.loaded} data-total={f.total} data-source={f.source ?? ''}>
          <label htmlFor={`file-${f.name}`} className="file-label">
            <span className="mono">{f.name}</span>
            <span className="muted">
              {formatBytes(f.loaded)} / {formatBytes(f.total)}
              {f.source === 'cache' ? ' · from cache' : ''}
            </span>
          </label>
          <progress id={`file-${f.name}`} max={f.total} value={f.loaded} />
        </li>
      ))}
    </ul>
  );
}

function Refetches() {
  const refetches = useAppStore((s) => s.refetches);
  if (refetches.length === 0) return null;
  return (
    <ul className="notices" role="status" data-testid="refetch-notices">
      {refetches.map((r, i) => (
        <li key={i} data-reason={r.reason}>
          <span className="mono">{r.name}</span>: {REFETCH_TEXT[r.reason]}.
        </li>
      ))}
    </ul>
  );
}

/** Model download progress, then which backend runs the model and, for a WASM fallback, why. */
export function ModelStatus({ compact = false }: { compact?: boolean }) {
  const engine = useAppStore((s) => s.engine);
  const isolated = globalThis.crossOriginIsolated === true;

  if (compact) {
    return (
      <div className="compact-status" data-testid="backend-panel" data-phase={engine.phase}>
        {engine.phase === 'loading' && <span aria-live="polite">{STAGE_TEXT[engine.stage]}</span>}
        {engine.phase === 'ready' && (
          <span className={`badge badge-${engine.ready.backend.backend}`} data-testid="backend-name" data-backend={engine.ready.backend.backend}>
            {engine.ready.backend.backend === 'webgpu' ? 'WebGPU' : 'WASM'}
          </span>
        )}
        {engine.phase === 'failed' && <ProblemMessage error={engine.error} testId="app-error" />}
        <Refetches />
      </div>
    );
  }

  return (
    <section className="card" aria-labelledby="model-title" data-testid="backend-panel" data-phase={engine.phase}>
      <div className="card-title-row">
        <h2 id="model-title">Model and backend</h2>
        <BackendSwitcher />
      </div>
      {engine.phase === 'loading' && (
        <p className="muted" aria-live="polite" data-testid="backend-progress">
          {STAGE_TEXT[engine.stage]}
        </p>
      )}
      {engine.phase === 'failed' && <ProblemMessage error={engine.error} testId="app-error" />}
      {engine.phase !== 'ready' && <FileProgress />}
      <Refetches />

      {engine.phase === 'ready' && (
        <dl className="facts">
          <dt>Backend</dt>
          <dd>
            <span className={`badge badge-${engine.ready.backend.backend}`} data-testid="backend-name" data-backend={engine.ready.backend.backend}>
              {engine.ready.backend.backend === 'webgpu' ? 'WebGPU' : 'WASM'}
            </span>{' '}
            <span className="muted" data-testid="precision" data-precision={engine.ready.precision}>
              {engine.ready.precision} weights
            </span>
          </dd>
          {engine.ready.backend.backend === 'webgpu' ? (
            <>
              <dt>GPU adapter</dt>
              <dd data-testid="gpu-adapter">
                {describeAdapter(engine.ready.backend.adapter)}
                {engine.ready.backend.adapter.shaderF16 ? ' · shader-f16' : ''}
              </dd>
              <dt>Check</dt>
              <dd data-testid="backend-check" data-deviation={engine.ready.check.maxRelError}>
                matches the CPU reference (max relative deviation {engine.ready.check.maxRelError.toExponential(1)})
              </dd>
            </>
          ) : (
            <>
              <dt>Why not WebGPU</dt>
              <dd data-testid="fallback-reason" data-reason={engine.ready.backend.fallbackReason}>
                {FALLBACK_REASON_TEXT[engine.ready.backend.fallbackReason]}{' '}
                {engine.ready.backend.fallbackReason !== 'forced' && (
                  <span className="muted detail" data-testid="fallback-detail">
                    {engine.ready.backend.detail}
                  </span>
                )}
              </dd>
              <dt>WASM threads</dt>
              <dd data-testid="wasm-threads">{engine.ready.backend.threads}</dd>
            </>
          )}
          <dt>Model</dt>
          <dd data-testid="model-summary" data-step={engine.ready.model.trainingStep}>
            {engine.ready.model.parameters.nLayers} layers × {engine.ready.model.parameters.dModel}, {formatBytes(engine.ready.model.totalBytes)},{' '}
            {engine.ready.model.trainingStep.toLocaleString('en')}
            {engine.ready.model.plannedSteps !== null && ` of ${engine.ready.model.plannedSteps.toLocaleString('en')}`} training steps
            {engine.ready.manifestSource === 'cache' ? ' · offline (cached)' : ''}
          </dd>
          <dt>Quality</dt>
          <ModelQuality model={engine.ready.model} />
          <dt>Vocoder</dt>
          <dd data-testid="vocoder-kind" data-kind={engine.ready.model.vocoder}>
            {engine.ready.model.vocoder === 'neural' ? 'trained neural vocoder' : 'Griffin-Lim (no trained vocoder shipped)'}
          </dd>
        </dl>
      )}
      <p className="muted small" data-testid="cross-origin-isolated" data-isolated={String(isolated)}>
        Cross-origin isolated: {isolated ? 'yes (multi-threaded WASM)' : 'no (single-threaded WASM)'}
      </p>
    </section>
  );
}
