// Griffin-Lim as one ONNX graph, to measure against the TypeScript version (models/dsp griffinLim)
// that the app falls back on: the same fast Griffin-Lim (momentum 0.99, librosa's form), unrolled,
// with the inverse STFT and the STFT as matrix products with in-graph DFT bases (stftGraph.ts).
//
//   griffin_lim  magnitude [n, bins], phase_re / phase_im [n, bins] (the starting phases, drawn by the
//                caller from its seed)  ->  audio [(n-1)*hop]  (as models/dsp istft, centred frames)
//
// n must be at least 4 (the reflect padding of the STFT needs more than N/2 samples).

import { AUDIO } from '../../models/config/audio';
import { type BuiltGraph, built } from './graphOps';
import { OnnxGraph } from './onnxGraph';
import { analysisBasis, cropRows, envelopeRows, istftRows, stftOf, synthesisBasis } from './stftGraph';

export function griffinLimGraph(iterations: number, momentum = 0.99): BuiltGraph {
  const { nFft: N, hop } = AUDIO;
  const bins = N / 2 + 1;
  const per = N / hop;
  const g = new OnnxGraph('griffin_lim');
  const magnitude = g.input('magnitude', 'float32', ['n', bins]);
  let re = g.input('phase_re', 'float32', ['n', bins]);
  let im = g.input('phase_im', 'float32', ['n', bins]);
  const synthesis = synthesisBasis(g, N);
  const analysis = analysisBasis(g, N);
  const envelope = envelopeRows(g, magnitude, N, hop, 'gl'); // the same n frames every iteration
  const split = g.ints('split_bins', [bins, bins]);
  const beta = g.scalar('beta', momentum / (1 + momentum));
  const tiny = g.scalar('tiny', 1e-16);
  const flat = g.ints('shape_flat', [-1]);

  /** The signal of the current phases under the target magnitude: (n-1)*hop samples. */
  const signal = (tag: string, output?: string) => {
    const spectrum = g.op('Concat', [g.op('Mul', [magnitude, re]), g.op('Mul', [magnitude, im])], { axis: { int: 1 } });
    const rows = istftRows(g, spectrum, synthesis, N, hop, tag, envelope); // [n + per - 1, hop]
    return g.op('Reshape', [cropRows(g, rows, per / 2, per / 2, tag), flat], {}, output);
  };

  let previous: [string, string] | null = null;
  for (let i = 0; i < iterations; i++) {
    const rebuilt = stftOf(g, signal(`it${i}`), analysis, N, hop, `it${i}`); // [n, 2*bins]
    const [rRe, rIm] = g.opN('Split', [rebuilt, split], [`rebuilt_re_${i}`, `rebuilt_im_${i}`], { axis: { int: 1 } });
    const cRe = previous ? g.op('Sub', [rRe, g.op('Mul', [previous[0], beta])]) : rRe;
    const cIm = previous ? g.op('Sub', [rIm, g.op('Mul', [previous[1], beta])]) : rIm;
    const norm = g.op('Add', [g.op('Sqrt', [g.op('Add', [g.op('Mul', [cRe, cRe]), g.op('Mul', [cIm, cIm])])]), tiny]);
    re = g.op('Div', [cRe, norm]);
    im = g.op('Div', [cIm, norm]);
    previous = [rRe, rIm];
  }
  signal('out', 'audio');
  g.output('audio', 'float32', ['samples']);
  return built(g);
}
