// The STFT pieces the exported graphs build from plain operators (onnxruntime-web's WebGPU provider
// has no DFT kernel): DFT bases computed in-graph from small index vectors, overlap-add as shifted
// Pads, framing as shifted Slices. Layout: rows are frames or hop-long blocks of samples.

import { hannWindow } from '../../models/dsp';
import type { OnnxGraph } from './onnxGraph';

const BIG = 1 << 30; // a Slice end past any real length

/** Zero-pads the first axis of a 2-D tensor by `before` and `after` rows. */
export function padRows(g: OnnxGraph, x: string, before: number, after: number): string {
  return g.op('Pad', [x, g.ints(`pads_${x}`, [before, 0, after, 0])]); // mode 'constant', value 0
}

/** Rows [j, j + n) of a tensor with n + k - 1 rows along `axis` (k shifted views of it, j < k). */
export function shiftedRows(g: OnnxGraph, x: string, j: number, k: number, axis = 0): string {
  const end = j - (k - 1); // counted from the end; 0 means "to the end"
  return g.op('Slice', [x, g.ints(`s_${x}_${j}`, [j]), g.ints(`e_${x}_${j}`, [end === 0 ? BIG : end]), g.ints(`a_${x}_${j}`, [axis])]);
}

/** 2*pi*k*n/N for index vectors k and n (float32, k*n < 2^24), reduced mod N first so it stays accurate. */
function angles(g: OnnxGraph, tag: string, k: string, n: string, N: number): string {
  const size = g.constant(`${tag}_size`, [], [N]);
  const kn = g.op('Mul', [k, n]);
  const r = g.op('Sub', [kn, g.op('Mul', [g.op('Floor', [g.op('Div', [kn, size])]), size])]);
  return g.op('Mul', [r, g.constant(`${tag}_step`, [], [(2 * Math.PI) / N])]);
}

const range = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

/** Synthesis basis [2*bins, N] (models/vocoder/dft inverseDftBasis): [re | im] times it is the windowed inverse DFT. */
export function synthesisBasis(g: OnnxGraph, N: number): string {
  const bins = N / 2 + 1;
  const a = angles(g, 'idft', g.constant('idft_k', [bins, 1], range(bins)), g.constant('idft_n', [1, N], range(N)), N);
  const ck = g.constant('idft_ck', [bins, 1], Float32Array.from({ length: bins }, (_, i) => (i === 0 || i === N / 2 ? 1 : 2) / N));
  const scale = g.op('Mul', [ck, g.constant('idft_window', [1, N], hannWindow(N, N))]);
  return g.op('Concat', [g.op('Mul', [g.op('Cos', [a]), scale]), g.op('Mul', [g.op('Sin', [a]), g.op('Neg', [scale])])], { axis: { int: 0 } });
}

/** Analysis basis [N, 2*bins] (models/vocoder/dft forwardDftBasis): a frame times it is [re | im] of its windowed DFT. */
export function analysisBasis(g: OnnxGraph, N: number): string {
  const bins = N / 2 + 1;
  const a = angles(g, 'dft', g.constant('dft_n', [N, 1], range(N)), g.constant('dft_k', [1, bins], range(bins)), N);
  const w = g.constant('dft_window', [N, 1], hannWindow(N, N));
  return g.op('Concat', [g.op('Mul', [g.op('Cos', [a]), w]), g.op('Mul', [g.op('Sin', [a]), g.op('Neg', [w])])], { axis: { int: 1 } });
}

/**
 * Inverse STFT of n frames' spectra [n, 2*bins] (frame f centred on sample f*hop): the overlap-added
 * windowed frames divided by the overlap-added squared window, as [n + N/hop - 1, hop] rows, the row
 * N/(2 hop) holding frame 0's centre. `tag` keeps node names unique when a graph has several.
 */
export function istftRows(g: OnnxGraph, spectrum: string, basis: string, N: number, hop: number, tag: string, envelope?: string): string {
  const frames = g.op('MatMul', [spectrum, basis]); // [n, N]
  return g.op('Div', [overlapAddRows(g, frames, N, hop, `${tag}a`), envelope ?? envelopeRows(g, frames, N, hop, tag)]);
}

/** The overlap-added squared window under n frames, for any `rowsLike` [n, ...]: [n + N/hop - 1, hop]. */
export function envelopeRows(g: OnnxGraph, rowsLike: string, N: number, hop: number, tag: string): string {
  const squared = g.constant(`window_squared_${tag}`, [1, N], Float32Array.from(hannWindow(N, N), (v) => v * v));
  const column = g.op('Slice', [rowsLike, g.ints(`env_s_${tag}`, [0]), g.ints(`env_e_${tag}`, [1]), g.ints(`env_a_${tag}`, [1])]); // [n, 1]
  const envelopeFrames = g.op('Add', [g.op('Mul', [column, g.scalar(`zero_${tag}`, 0)]), squared]); // [n, N] of w^2
  return overlapAddRows(g, envelopeFrames, N, hop, `${tag}e`);
}

/** Frames [n, N] overlap-added: frame f's j-th hop-long block lands on row f + j of [n + N/hop - 1, hop]. */
function overlapAddRows(g: OnnxGraph, frames: string, N: number, hop: number, tag: string): string {
  const per = N / hop;
  const blocks = g.op('Reshape', [frames, g.ints(`ola_shape_${tag}`, [-1, per, hop])]); // [n, per, hop]
  let sum = '';
  for (let j = 0; j < per; j++) {
    // Block j of every frame ([n, 1, hop] -> [n, hop]), shifted down j rows.
    const part = g.op('Reshape', [shiftedRows(g, blocks, j, per, 1), g.ints(`ola_row_${tag}${j}`, [-1, hop])]);
    const shifted = padRows(g, part, j, per - 1 - j);
    sum = sum ? g.op('Add', [sum, shifted]) : shifted;
  }
  return sum;
}

/** Rows [from, rows - dropEnd) of a 2-D tensor. */
export function cropRows(g: OnnxGraph, x: string, from: number, dropEnd: number, tag: string): string {
  return g.op('Slice', [x, g.ints(`crop_s_${tag}`, [from]), g.ints(`crop_e_${tag}`, [dropEnd === 0 ? BIG : -dropEnd]), g.ints(`crop_a_${tag}`, [0])]);
}

/**
 * Centred STFT of a 1-D signal whose length is a multiple of hop and more than N/2 (reflect padding
 * by N/2, as models/dsp stft): [frames, 2*bins] with frames = length/hop + 1.
 */
export function stftOf(g: OnnxGraph, signal: string, basis: string, N: number, hop: number, tag: string): string {
  const per = N / hop;
  const padded = g.op('Pad', [signal, g.ints(`stft_pads_${tag}`, [N / 2, N / 2])], { mode: { string: 'reflect' } });
  const rows = g.op('Reshape', [padded, g.ints(`stft_rows_${tag}`, [-1, hop])]); // [frames + per - 1, hop]
  const frames = g.op('Concat', Array.from({ length: per }, (_, j) => shiftedRows(g, rows, j, per)), { axis: { int: 1 } }); // [frames, N]
  return g.op('MatMul', [frames, basis]);
}
