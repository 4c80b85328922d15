import { useAppStore } from '../store';
import { describeAppError } from './describeStatus';

/** The backend's output on the fixed reference input, against the output computed in plain TypeScript. */
export function ReferencePanel() {
  const reference = useAppStore((state) => state.reference);

  return (
    <section className="card" aria-labelledby="reference-title" data-testid="reference-panel">
      <h2 id="reference-title">Reference check</h2>
      {reference.phase === 'idle' && <p className="muted">Waiting for the backend…</p>}
      {reference.phase === 'running' && <p className="muted">Running the reference input…</p>}
      {reference.phase === 'failed' && (
        <p className="error" role="alert" data-testid="reference-status" data-status="error">
          {describeAppError(reference.error)}
        </p>
      )}
      {reference.phase === 'done' && (
        <>
          <p>
            <span
              className={reference.run.passed ? 'badge badge-pass' : 'badge badge-fail'}
              data-testid="reference-status"
              data-status={reference.run.passed ? 'pass' : 'fail'}
            >
              {reference.run.passed ? 'Output matches' : 'Output differs'}
            </span>
          </p>
          <dl className="facts">
            <dt>Max |error|</dt>
            <dd data-testid="reference-max-error" data-value={reference.run.maxAbsError}>
              {reference.run.maxAbsError.toExponential(2)} (tolerance {reference.run.tolerance.toExponential(0)})
            </dd>
            <dt>Run time</dt>
            <dd data-testid="reference-ms">{reference.run.ms.toFixed(2)} ms</dd>
          </dl>
          <table className="values" data-testid="reference-values">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">backend</th>
                <th scope="col">reference</th>
              </tr>
            </thead>
            <tbody>
              {Array.from(reference.run.output, (value, i) => (
                <tr key={i}>
                  <td>{i}</td>
                  <td>{value.toFixed(6)}</td>
                  <td>{reference.run.expected[i].toFixed(6)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
