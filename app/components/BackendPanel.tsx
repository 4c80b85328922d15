import { useAppStore } from '../store';
import { BackendSwitcher } from './BackendSwitcher';
import { FALLBACK_REASON_TEXT, STAGE_TEXT, describeAdapter, describeAppError } from './describeStatus';

/** Which backend runs the model and, for a WASM fallback, why. */
export function BackendPanel() {
  const engine = useAppStore((state) => state.engine);
  const isolated = globalThis.crossOriginIsolated === true;

  return (
    <section className="card" aria-labelledby="backend-title" data-testid="backend-panel" data-phase={engine.phase}>
      <h2 id="backend-title">Inference backend</h2>
      <BackendSwitcher />

      {engine.phase === 'starting' && (
        <p className="muted" data-testid="backend-progress">
          {STAGE_TEXT[engine.stage]}
        </p>
      )}

      {engine.phase === 'failed' && (
        <p className="error" role="alert" data-testid="app-error" data-kind={engine.error.kind}>
          {describeAppError(engine.error)}
        </p>
      )}

      {engine.phase === 'ready' && (
        <dl className="facts">
          <dt>Backend</dt>
          <dd>
            <span className={`badge badge-${engine.ready.backend.backend}`} data-testid="backend-name" data-backend={engine.ready.backend.backend}>
              {engine.ready.backend.backend === 'webgpu' ? 'WebGPU' : 'WASM'}
            </span>
          </dd>
          {engine.ready.backend.backend === 'webgpu' ? (
            <>
              <dt>GPU adapter</dt>
              <dd data-testid="gpu-adapter">{describeAdapter(engine.ready.backend.adapter)}</dd>
            </>
          ) : (
            <>
              <dt>Why not WebGPU</dt>
              <dd data-testid="fallback-reason" data-reason={engine.ready.backend.fallbackReason}>
                {FALLBACK_REASON_TEXT[engine.ready.backend.fallbackReason]}{' '}
                <code className="reason-code">{engine.ready.backend.fallbackReason}</code>
                <span className="muted detail" data-testid="fallback-detail">
                  {engine.ready.backend.detail}
                </span>
              </dd>
              <dt>WASM threads</dt>
              <dd data-testid="wasm-threads">{engine.ready.backend.threads}</dd>
            </>
          )}
          <dt>First run</dt>
          <dd data-testid="validation-ms">{engine.ready.validation.ms.toFixed(1)} ms (includes warm-up)</dd>
        </dl>
      )}

      <p className="muted small" data-testid="cross-origin-isolated" data-isolated={String(isolated)}>
        Cross-origin isolated: {isolated ? 'yes (threads available)' : 'no (single-threaded WASM)'}
      </p>
    </section>
  );
}
