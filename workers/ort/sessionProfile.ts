// Where a decoder's time goes: wraps ModelSessions so every run is counted per graph, with its wall
// time and the bytes of host tensors it copies in and out (what crosses into the runtime's heap: the
// KV cache, on the WASM backend, travels both ways at every step). For benchmarks; the engine itself
// runs unwrapped sessions.

import type { TensorMap } from './hostTensor';
import type { ModelSession } from './modelSession';

export interface GraphProfile {
  runs: number;
  ms: number;
  bytesIn: number;
  bytesOut: number;
}

function hostBytes(tensors: TensorMap): number {
  let bytes = 0;
  for (const t of Object.values(tensors)) if (t.type !== 'device') bytes += t.data.byteLength;
  return bytes;
}

export class SessionProfile {
  private readonly graphs = new Map<string, GraphProfile>();

  /** The session, counted under `graph`. */
  wrap(session: ModelSession, graph: string): ModelSession {
    const record = (): GraphProfile => {
      let p = this.graphs.get(graph);
      if (!p) this.graphs.set(graph, (p = { runs: 0, ms: 0, bytesIn: 0, bytesOut: 0 }));
      return p;
    };
    return {
      backend: session.backend,
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      run: async (feeds, outputs) => {
        const t0 = performance.now();
        const out = await session.run(feeds, outputs);
        const p = record();
        p.runs++;
        p.ms += performance.now() - t0;
        p.bytesIn += hostBytes(feeds);
        p.bytesOut += hostBytes(out);
        return out;
      },
      release: () => session.release(),
    };
  }

  reset(): void {
    this.graphs.clear();
  }

  /**
   * Per graph: runs, milliseconds and host megabytes per unit of work (a decoding step, say), and its
   * share of `totalMs`; `other` is the time spent outside any graph run (sampling, masks, audio).
   */
  breakdown(totalMs: number, units: number): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    let inGraphs = 0;
    for (const [graph, p] of this.graphs) {
      inGraphs += p.ms;
      out[graph] = {
        runsPerUnit: +(p.runs / units).toFixed(2),
        msPerRun: +(p.ms / p.runs).toFixed(3),
        msPerUnit: +(p.ms / units).toFixed(3),
        hostMBPerUnit: +((p.bytesIn + p.bytesOut) / 1e6 / units).toFixed(3),
        share: +(p.ms / totalMs).toFixed(3),
      };
    }
    out.other = { msPerUnit: +((totalMs - inGraphs) / units).toFixed(3), share: +((totalMs - inGraphs) / totalMs).toFixed(3) };
    return out;
  }
}
