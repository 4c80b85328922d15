// The neural vocoder as one ONNX graph, the same arithmetic as training/vocoder/model.ts up to the
// inverse STFT:
//
//   vocoder  mel [n, nMels] (normalised log-mel)  ->  spectrum [n, 2*bins] ([re | im] of each frame)
//
// The runtime turns the spectrum into audio with an FFT (models/vocoder/spectrumAudio.ts): in the graph the
// inverse STFT was a [2*bins, nFft] matrix product per frame, over half of the vocoder's arithmetic.
// (Graphs exported before that output `audio`; manifest version 4 marks the change.)
//
// Rows are frames, columns channels, so LayerNorm needs no transposes; convolutions are shifted
// Slices of a padded input (the input one concatenated into one MatMul, the depthwise ones as
// Mul/Add). Only operators onnxruntime-web's WebGPU provider runs: no DFT, no Conv, no int64 arithmetic.

import type { MelStats } from '../../models/dsp';
import { type VocoderConfig, vocoderBins } from '../../models/vocoder/config';
import { type BuiltGraph, type Weights, type WeightType, built, layerNorm, linear, w } from './graphOps';
import { OnnxGraph } from './onnxGraph';
import { padRows, shiftedRows } from './stftGraph';

/**
 * The mels' statistics when they differ between the model and the vocoder: the model's mels are
 * normalised with `model`'s, the vocoder was trained on mels normalised with `vocoder`'s.
 */
export interface MelRenormalization {
  model: MelStats;
  vocoder: MelStats;
}

/**
 * `renormalize`: the graph first maps the model's normalisation into the vocoder's, per bin
 * (x * std_m / std_v + (mean_m - mean_v) / std_v, the same log-mel in the vocoder's units), so a vocoder
 * trained on one corpus voices a model trained on another exactly, padding included.
 */
export function vocoderGraph(c: VocoderConfig, weights: Weights, type: WeightType = 'float32', renormalize?: MelRenormalization): BuiltGraph {
  const g = new OnnxGraph('meld_vocoder', type);
  const C = c.channels;
  const bins = vocoderBins(c);
  const half = (c.kernel - 1) / 2;
  const input = g.input('mel', 'float32', ['n', c.nMels]);
  const mel = renormalize ? renormalized(g, input, renormalize) : input;

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

  // Head: log-magnitude and phase per bin -> complex spectrum.
  const head = linear(g, weights, layerNorm(g, weights, x, 'out.ln'), 'head.w', 'head.b'); // [n, 2*bins]
  const [logMag, phase] = g.opN('Split', [head, g.ints('split_head', [bins, bins])], ['log_magnitude', 'phase'], { axis: { int: 1 } });
  const mag = g.op('Exp', [g.op('Clip', [logMag, g.scalar('log_mag_min', -100), g.scalar('log_mag_max', c.maxLogMagnitude)])]);
  g.op('Concat', [g.op('Mul', [mag, g.op('Cos', [phase])]), g.op('Mul', [mag, g.op('Sin', [phase])])], { axis: { int: 1 } }, 'spectrum');
  g.output('spectrum', 'float32', ['n', 2 * bins]);
  return built(g);
}

/** The model's normalised mel in the vocoder's normalisation: one Mul and one Add per frame. */
function renormalized(g: OnnxGraph, mel: string, { model, vocoder }: MelRenormalization): string {
  const scale = Float32Array.from(model.std, (s, b) => s / vocoder.std[b]);
  const shift = Float32Array.from(model.mean, (m, b) => (m - vocoder.mean[b]) / vocoder.std[b]);
  return g.op('Add', [g.op('Mul', [mel, g.constant('renorm.scale', [scale.length], scale)]), g.constant('renorm.shift', [shift.length], shift)]);
}
