// The neural vocoder as one ONNX graph, the same arithmetic as training/vocoder/model.ts:
//
//   vocoder  mel [n, nMels] (normalised log-mel)  ->  audio [n*hop]  (sample i at time frame0*hop + i)
//
// Rows are frames, columns channels, so LayerNorm needs no transposes; convolutions are shifted
// Slices of a padded input (the input one concatenated into one MatMul, the depthwise ones as
// Mul/Add). The inverse STFT is one MatMul with a synthesis basis the graph computes from small
// index vectors (a 4 MB table would otherwise ship), and overlap-add is shifted Pads. Only operators
// onnxruntime-web's WebGPU provider runs: no DFT, no Conv, no int64 arithmetic.

import { hannWindow } from '../../models/dsp';
import { type VocoderConfig, vocoderBins } from '../../models/vocoder/config';
import { type BuiltGraph, type Weights, type WeightType, built, layerNorm, linear, w } from './graphOps';
import { OnnxGraph } from './onnxGraph';

const BIG = 1 << 30; // a Slice end past any real length

/** Rows [j, j + n) of a tensor padded with `half` zero rows on both ends (n = its unpadded rows). */
function shiftedRows(g: OnnxGraph, padded: string, j: number, k: number, axis = 0): string {
  const end = j - (k - 1); // counted from the padded end; 0 means "to the end"
  return g.op('Slice', [padded, g.ints(`s_${padded}_${j}`, [j]), g.ints(`e_${padded}_${j}`, [end === 0 ? BIG : end]), g.ints(`a_${padded}_${j}`, [axis])]);
}

/** Zero-pads the first axis of a 2-D tensor by `before` and `after` rows. */
function padRows(g: OnnxGraph, x: string, before: number, after: number): string {
  return g.op('Pad', [x, g.ints(`pads_${x}`, [before, 0, after, 0])]); // mode 'constant', value 0
}

/** The synthesis basis [2*bins, nFft] (models/vocoder/dft inverseDftBasis), computed in-graph. */
function synthesisBasis(g: OnnxGraph, c: VocoderConfig): string {
  const N = c.nFft;
  const bins = vocoderBins(c);
  const window = hannWindow(N, N);
  const k = g.constant('dft_k', [bins, 1], Float32Array.from({ length: bins }, (_, i) => i));
  const n = g.constant('dft_n', [1, N], Float32Array.from({ length: N }, (_, i) => i));
  const size = g.constant('dft_size', [], [N]);
  // (k*n mod N) exactly in float32 (k*n < 2^24), so the angle stays accurate.
  const kn = g.op('Mul', [k, n]);
  const r = g.op('Sub', [kn, g.op('Mul', [g.op('Floor', [g.op('Div', [kn, size])]), size])]);
  const angle = g.op('Mul', [r, g.constant('dft_step', [], [(2 * Math.PI) / N])]);
  const ck = g.constant('dft_ck', [bins, 1], Float32Array.from({ length: bins }, (_, i) => (i === 0 || i === N / 2 ? 1 : 2) / N));
  const scale = g.op('Mul', [ck, g.constant('dft_window', [1, N], window)]);
  const cos = g.op('Mul', [g.op('Cos', [angle]), scale]);
  const sin = g.op('Mul', [g.op('Sin', [angle]), g.op('Neg', [scale])]);
  return g.op('Concat', [cos, sin], { axis: { int: 0 } });
}

export function vocoderGraph(c: VocoderConfig, weights: Weights, type: WeightType = 'float32'): BuiltGraph {
  const g = new OnnxGraph('meld_vocoder', type);
  const C = c.channels;
  const bins = vocoderBins(c);
  const half = (c.kernel - 1) / 2;
  const mel = g.input('mel', 'float32', ['n', c.nMels]);

  // Input convolution: im2col of the padded frames, one MatMul.
  const melPadded = padRows(g, mel, half, half);
  const cols = Array.from({ length: c.kernel }, (_, j) => shiftedRows(g, melPadded, j, c.kernel));
  let x = layerNorm(g, weights, linear(g, weights, g.op('Concat', cols, { axis: { int: 1 } }), 'in.w', 'in.b'), 'in.ln');

  for (let i = 0; i < c.blocks; i++) {
    const p = `block${i}.`;
    const dw = weights(p + 'dw.w'); // [k, C]
    const xPadded = padRows(g, x, half, half);
    let acc = '';
    for (let j = 0; j < c.kernel; j++) {
      const tap = g.op('Mul', [shiftedRows(g, xPadded, j, c.kernel), g.weight(`${p}dw.w.${j}`, [C], dw.data.subarray(j * C, (j + 1) * C))]);
      acc = acc ? g.op('Add', [acc, tap]) : tap;
    }
    const d = layerNorm(g, weights, g.op('Add', [acc, w(g, weights, p + 'dw.b')]), p + 'ln');
    const y = linear(g, weights, g.op('Relu', [linear(g, weights, d, p + 'w1', p + 'b1')]), p + 'w2', p + 'b2');
    x = g.op('Add', [x, g.op('Mul', [y, w(g, weights, p + 'scale')])]);
  }

  // Head: log-magnitude and phase per bin -> complex spectrum -> windowed inverse DFT.
  const head = linear(g, weights, layerNorm(g, weights, x, 'out.ln'), 'head.w', 'head.b'); // [n, 2*bins]
  const [logMag, phase] = g.opN('Split', [head, g.ints('split_head', [bins, bins])], ['log_magnitude', 'phase'], { axis: { int: 1 } });
  const mag = g.op('Exp', [g.op('Clip', [logMag, g.scalar('log_mag_min', -100), g.scalar('log_mag_max', c.maxLogMagnitude)])]);
  const spectrum = g.op('Concat', [g.op('Mul', [mag, g.op('Cos', [phase])]), g.op('Mul', [mag, g.op('Sin', [phase])])], { axis: { int: 1 } });
  const frames = g.op('MatMul', [spectrum, synthesisBasis(g, c)]); // [n, nFft]

  // Overlap-add: frame f's j-th hop-long segment lands on row f + j; then divide by the summed
  // squared window under the same frames and keep the rows from frame 0's centre on.
  const per = c.nFft / c.hop;
  const segShape = g.ints('shape_segments', [-1, per, c.hop]);
  const overlapAdd = (framesOf: string, tag: string) => {
    const seg = g.op('Reshape', [framesOf, segShape]); // [n, per, hop]
    let sum = '';
    for (let j = 0; j < per; j++) {
      const part = g.op('Reshape', [g.op('Slice', [seg, g.ints(`ola_s_${tag}${j}`, [j]), g.ints(`ola_e_${tag}${j}`, [j + 1]), g.ints(`ola_a_${tag}${j}`, [1])]), g.ints(`shape_hop_${tag}${j}`, [-1, c.hop])]);
      const shifted = padRows(g, part, j, per - 1 - j);
      sum = sum ? g.op('Add', [sum, shifted]) : shifted;
    }
    return sum; // [n + per - 1, hop]
  };
  const window = hannWindow(c.nFft, c.nFft);
  const squared = g.constant('window_squared', [1, c.nFft], Float32Array.from(window, (v) => v * v));
  const envelopeFrames = g.op('Add', [g.op('Mul', [frames, g.scalar('zero', 0)]), squared]); // [n, nFft] of w^2
  const audio = g.op('Div', [overlapAdd(frames, 'a'), overlapAdd(envelopeFrames, 'e')]);
  const kept = g.op('Slice', [audio, g.ints('keep_s', [per / 2]), g.ints('keep_e', [-(per / 2 - 1)]), g.ints('keep_a', [0])]); // [n, hop]
  g.op('Reshape', [kept, g.ints('shape_audio', [-1])], {}, 'audio');
  g.output('audio', 'float32', ['samples']);
  return built(g);
}
