// The ONNX graphs the browser runs (DESIGN.md section 3), built from the trainer's weights with the
// same arithmetic as training/model/infer.ts. Only operators onnxruntime-web's WebGPU provider runs:
// no DFT/STFT, no If/Loop, int64 only as constant shape/split inputs, never in the decode loop.
//
//   encoder  steps [n, S], keep1/keep2 [n, Hp]        -> features [n, D]   (the pre-net: speech into the LM)
//            voice summary, also:                    -> voice [1, D]      (of these steps; run it without dropout)
//   lm       token_ids [n] int32, features [n, D], is_speech [n, 1], positions [n] int32, mask [n, P+n],
//            past_key.l [H, dh, P], past_value.l [H, P, dh]
//                                                    -> h [n, D], tts_logits [n, 1+K], stt_logits [n, C+1],
//                                                       new_kv [2L, H x dh x n] (these rows': row 2l is layer l's
//                                                       keys [H, dh, n], row 2l+1 its values [H, n, dh], flattened),
//                                                       present_key.l [H, dh, P+n] / present_value.l [H, P+n, dh]
//            (keys are stored transposed, as attention multiplies by them; the cache's two homes are in
//            workers/meld/kvCache.ts: WebGPU feeds present back, WASM appends new_kv to host buffers)
//            time-aligned layout, also: stream [n, W] int32 -> advance_logits [n, A], slot_logits [n, slots x (C+2)]
//            L latents per step, also:               -> latent_logits [n, (L-1) x K]  (slots 1..L-1; slot 0 is tts_logits)
//            voice summary, also: voice [1, D]       (added to every row; zeros for STT)
//   recon    codes [n x L] int32, h [n, D],          -> steps [n, S]      (before the post-net),
//            keep1/keep2 [n, Hp]                        features [n, D]   (those steps through the pre-net)
//            voice summary, also: voice [1, D]
//   postnet  steps [M, S]                            -> steps [M, S]
//   slots    rows [m] int32                          -> transitions [m, K]  (latent slots drawn in order: row
//            (l-1)*K + z is what slot l-1 having drawn z adds to slot l's logits; the runtime reads the table
//            whole, once, and adds its rows as it samples: models/meld/codeSampler.ts)

import { type MeldConfig, alignedLayout, latentsPerStep, stepSize } from '../../models/meld/config';
import { SLOT_CLASSES, streamLayout } from '../../models/meld/aligned';
import { positionSinusoid } from '../../models/meld/positions';
import { buildVocab } from '../../models/meld/vocab';
import type { CoreGraphName } from '../../models/meld/manifest';
import { type BuiltGraph, type HostTensor, type Weights, type WeightType, built, layerNorm, linear, w } from './graphOps';
import { SLOT_TRANSITION_SCALE } from '../model/params';
import { OnnxGraph } from './onnxGraph';

export type { HostTensor, Weights, WeightType, BuiltGraph } from './graphOps';

/** Columns [start, end) of a [rows, cols] matrix, or elements of a vector. */
function columns(t: HostTensor, start: number, end: number): HostTensor {
  if (t.shape.length === 1) return { shape: [end - start], data: t.data.slice(start, end) };
  const [rows, cols] = t.shape;
  const out = new Float32Array(rows * (end - start));
  for (let r = 0; r < rows; r++) out.set(t.data.subarray(r * cols + start, r * cols + end), r * (end - start));
  return { shape: [rows, end - start], data: out };
}

/** The pre-net: speech steps [n, S] with dropout keep-masks [n, Hp] x2 -> the LM's speech features [n, D], named `name`. */
function prenet(g: OnnxGraph, c: MeldConfig, weights: Weights, steps: string, keep: [string, string], name: string): string {
  let h = steps;
  for (let l = 0; l < 2; l++) h = g.op('Mul', [g.op('Relu', [linear(g, weights, h, `prenet.w${l + 1}`, `prenet.b${l + 1}`)]), keep[l]]);
  const out = g.op('MatMul', [h, w(g, weights, 'prenet.w3')]);
  if (c.prenetNorm) return g.op('LayerNormalization', [g.op('Add', [out, w(g, weights, 'prenet.b3')]), w(g, weights, 'prenet.ln.g'), w(g, weights, 'prenet.ln.b')], { axis: { int: -1 }, epsilon: { float: 1e-5 } }, name);
  return g.op('Add', [out, w(g, weights, 'prenet.b3')], {}, name);
}

const keepInputs = (g: OnnxGraph, c: MeldConfig): [string, string] => [g.input('keep1', 'float32', ['n', c.prenetHidden]), g.input('keep2', 'float32', ['n', c.prenetHidden])];

export function encoderGraph(c: MeldConfig, weights: Weights, type: WeightType = 'float32'): BuiltGraph {
  const g = new OnnxGraph('meld_encoder', type);
  const steps = g.input('steps', 'float32', ['n', stepSize(c)]);
  prenet(g, c, weights, steps, keepInputs(g, c), 'features');
  g.output('features', 'float32', ['n', c.dModel]);
  if (c.voiceSummary) {
    // The voice summary of these steps (training/model/forward.ts voiceOf): the mean feature through a Linear.
    // (Opset 17's ReduceMean takes its axes as an attribute.)
    const mean = g.op('ReduceMean', ['features'], { axes: { ints: [0] }, keepdims: { int: 1 } });
    g.op('Add', [g.op('MatMul', [mean, w(g, weights, 'voice.w')]), w(g, weights, 'voice.b')], {}, 'voice');
    g.output('voice', 'float32', [1, c.dModel]);
  }
  return built(g);
}

/**
 * Concat along axis 0 as a tree of nodes with at most CONCAT_INPUTS inputs each: WebGPU binds every input and
 * the output as a storage buffer, and adapters may allow only 8 per shader stage (an 8-input Concat failed).
 */
const CONCAT_INPUTS = 4;
function concatTree(g: OnnxGraph, inputs: string[], name: string): string {
  if (inputs.length <= CONCAT_INPUTS) return g.op('Concat', inputs, { axis: { int: 0 } }, name);
  const groups: string[] = [];
  for (let i = 0; i < inputs.length; i += CONCAT_INPUTS) {
    const part = inputs.slice(i, i + CONCAT_INPUTS);
    groups.push(part.length === 1 ? part[0] : g.op('Concat', part, { axis: { int: 0 } }));
  }
  return concatTree(g, groups, name);
}

/** The position table as the LM adds it: learned rows + the fixed sinusoid, folded into one weight. */
function positionVectors(g: OnnxGraph, c: MeldConfig, weights: Weights): string {
  const learned = weights('embed.positions');
  const sinusoid = positionSinusoid(c.maxPositions, c.dModel);
  return g.weight('embed.positions', learned.shape, learned.data.map((x, i) => x + sinusoid[i]));
}

export function lmGraph(c: MeldConfig, weights: Weights, type: WeightType = 'float32'): BuiltGraph {
  const g = new OnnxGraph('meld_lm', type);
  const v = buildVocab(c.codebookSize);
  const D = c.dModel;
  const H = c.nHeads;
  const dh = D / H;
  const ids = g.input('token_ids', 'int32', ['n']);
  const features = g.input('features', 'float32', ['n', D]);
  const isSpeech = g.input('is_speech', 'float32', ['n', 1]);
  const positions = g.input('positions', 'int32', ['n']);
  const mask = g.input('mask', 'float32', ['n', 'total']);
  const one = g.scalar('one', 1);
  const tokens = g.op('Mul', [g.op('Gather', [w(g, weights, 'embed.tokens'), ids], { axis: { int: 0 } }), g.op('Sub', [one, isSpeech])]);
  const speech = g.op('Mul', [features, isSpeech]);
  let x = g.op('Add', [g.op('Add', [tokens, speech]), g.op('Gather', [positionVectors(g, c, weights), positions], { axis: { int: 0 } })]);
  const aligned = alignedLayout(c);
  if (aligned) {
    // The text stream (models/meld/aligned.ts): `width` ids per row into the stream table, whose
    // extra last row is zero (the runtime sends that row's id for an unused slot).
    const l = streamLayout(aligned);
    const stream = g.input('stream', 'int32', ['n', l.width]);
    const table = weights('embed.stream');
    const padded = new Float32Array((l.columns + 1) * D);
    padded.set(table.data);
    const rows = g.op('Gather', [g.weight('embed.stream', [l.columns + 1, D], padded), stream], { axis: { int: 0 } }); // [n, width, D]
    x = g.op('Add', [x, g.op('ReduceSum', [rows, g.ints('stream_axis', [1])], { keepdims: { int: 0 } })]);
  }
  if (c.voiceSummary) x = g.op('Add', [x, g.input('voice', 'float32', [1, D])]); // whose voice it is, on every row
  const headsShape = g.ints('shape_heads', [-1, H, dh]);
  const modelShape = g.ints('shape_model', [-1, D]);
  const split3 = g.ints('split_qkv', [D, D, D]);
  const scale = g.scalar('attn_scale', 1 / Math.sqrt(dh));
  const flat = g.ints('shape_row', [1, -1]);
  const newRows: string[] = [];
  for (let l = 0; l < c.nLayers; l++) {
    const p = `layer${l}.`;
    const pastK = g.input(`past_key.${l}`, 'float32', [H, dh, 'past']); // keys transposed, ready for q . K
    const pastV = g.input(`past_value.${l}`, 'float32', [H, 'past', dh]);
    const a = layerNorm(g, weights, x, p + 'ln1');
    const qkv = linear(g, weights, a, p + 'attn.wqkv', p + 'attn.bqkv');
    const [q, k, vv] = g.opN('Split', [qkv, split3], [`q${l}`, `k${l}`, `v${l}`], { axis: { int: 1 } });
    const heads = (t: string, perm: number[], name?: string) => g.op('Transpose', [g.op('Reshape', [t, headsShape])], { perm: { ints: perm } }, name);
    // The rows' own keys and values: what a runtime keeping the cache in host memory appends (WASM).
    const newK = heads(k, [1, 2, 0]); // [H, dh, n]
    const newV = heads(vv, [1, 0, 2]); // [H, n, dh]
    newRows.push(g.op('Reshape', [newK, flat]), g.op('Reshape', [newV, flat]));
    // The whole cache after these rows: what a runtime keeping it on the GPU feeds back (WebGPU).
    const K = g.op('Concat', [pastK, newK], { axis: { int: 2 } }, `present_key.${l}`);
    const V = g.op('Concat', [pastV, newV], { axis: { int: 1 } }, `present_value.${l}`);
    g.output(K, 'float32', [H, dh, 'total']);
    g.output(V, 'float32', [H, 'total', dh]);
    const scores = g.op('Add', [g.op('MatMul', [g.op('Mul', [heads(q, [1, 0, 2]), scale]), K]), mask]); // [H, n, total]
    const o = g.op('MatMul', [g.op('Softmax', [scores], { axis: { int: -1 } }), V]); // [H, n, dh]
    const merged = g.op('Reshape', [g.op('Transpose', [o], { perm: { ints: [1, 0, 2] } }), modelShape]); // [n, D]
    x = g.op('Add', [x, linear(g, weights, merged, p + 'attn.wo', p + 'attn.bo')]);
    const f = layerNorm(g, weights, x, p + 'ln2');
    const ff = linear(g, weights, g.op('Relu', [linear(g, weights, f, p + 'ffn.w1', p + 'ffn.b1')]), p + 'ffn.w2', p + 'ffn.b2');
    x = g.op('Add', [x, ff]);
  }
  // One output for all of them: each output costs a WASM runtime ~11 us a run, about as much as a layer's attention.
  concatTree(g, newRows, 'new_kv');
  g.output('new_kv', 'float32', [2 * c.nLayers, 'kv']);
  const h = g.op('LayerNormalization', [x, w(g, weights, 'final.ln.g'), w(g, weights, 'final.ln.b')], { axis: { int: -1 }, epsilon: { float: 1e-5 } }, 'h');
  g.output(h, 'float32', ['n', D]);
  const head = (name: string, start: number, end: number) => {
    const hw = g.weight(`head.w.${name}`, [D, end - start], columns(weights('head.w'), start, end).data);
    const hb = g.weight(`head.b.${name}`, [end - start], columns(weights('head.b'), start, end).data);
    g.op('Add', [g.op('MatMul', [h, hw]), hb], {}, `${name}_logits`);
    g.output(`${name}_logits`, 'float32', ['n', end - start]);
  };
  head('tts', v.ttsOutputs.start, v.ttsOutputs.end);
  head('stt', v.sttOutputs.start, v.sttOutputs.end);
  if (aligned) {
    // How far a TTS step moves on in the text; what an STT step emits in each character slot.
    g.op('Add', [g.op('MatMul', [h, w(g, weights, 'head.advance.w')]), w(g, weights, 'head.advance.b')], {}, 'advance_logits');
    g.output('advance_logits', 'float32', ['n', aligned.maxAdvance + 1]);
    g.op('Add', [g.op('MatMul', [h, w(g, weights, 'head.slots.w')]), w(g, weights, 'head.slots.b')], {}, 'slot_logits');
    g.output('slot_logits', 'float32', ['n', aligned.sttSlots * SLOT_CLASSES]);
  }
  const L = latentsPerStep(c);
  if (L > 1) {
    g.op('Add', [g.op('MatMul', [h, w(g, weights, 'head.latent.w')]), w(g, weights, 'head.latent.b')], {}, 'latent_logits');
    g.output('latent_logits', 'float32', ['n', (L - 1) * c.codebookSize]);
  }
  return built(g);
}

export function reconGraph(c: MeldConfig, weights: Weights, type: WeightType = 'float32'): BuiltGraph {
  const g = new OnnxGraph('meld_recon', type);
  const codes = g.input('codes', 'int32', [latentsPerStep(c) > 1 ? 'nL' : 'n']);
  const h = g.input('h', 'float32', ['n', c.dModel]);
  // A step's L code embeddings side by side: [n*L, D/L] -> [n, D].
  const cz = g.op('Reshape', [g.op('Gather', [w(g, weights, 'latent.embed'), codes], { axis: { int: 0 } }), g.ints('shape_latents', [-1, c.dModel])]);
  let u = g.op('Add', [g.op('Add', [g.op('MatMul', [cz, w(g, weights, 'recon.wz')]), g.op('MatMul', [h, w(g, weights, 'recon.wh')])]), w(g, weights, 'recon.b')]);
  if (c.voiceSummary) u = g.op('Add', [u, g.op('MatMul', [g.input('voice', 'float32', [1, c.dModel]), w(g, weights, 'recon.wv')])]);
  const r = linear(g, weights, g.op('Relu', [linear(g, weights, u, 'recon.res.w1', 'recon.res.b1')]), 'recon.res.w2', 'recon.res.b2');
  u = g.op('Add', [u, r]);
  const steps = g.op('Add', [g.op('MatMul', [u, w(g, weights, 'recon.out.w')]), w(g, weights, 'recon.out.b')], {}, 'steps');
  g.output(steps, 'float32', ['n', stepSize(c)]);
  // The same steps through the pre-net: the LM's next speech rows, without a run of the encoder per step.
  g.output(prenet(g, c, weights, steps, keepInputs(g, c), 'features'), 'float32', ['n', c.dModel]);
  return built(g);
}

/** im2col weights [k*Cin, Cout] (row j*Cin + c holds tap j of channel c) -> ONNX Conv weights [Cout, Cin, k]. */
function convWeights(t: HostTensor, k: number): HostTensor {
  const [rows, cout] = t.shape;
  const cin = rows / k;
  const out = new Float32Array(cout * cin * k);
  for (let j = 0; j < k; j++) for (let ci = 0; ci < cin; ci++) for (let o = 0; o < cout; o++) out[(o * cin + ci) * k + j] = t.data[(j * cin + ci) * cout + o];
  return { shape: [cout, cin, k], data: out };
}

export function postnetGraph(c: MeldConfig, weights: Weights, type: WeightType = 'float32'): BuiltGraph {
  const g = new OnnxGraph('meld_postnet', type);
  const S = stepSize(c);
  const k = c.postnetKernel;
  const half = (k - 1) / 2;
  const steps = g.input('steps', 'float32', ['m', S]);
  const x = g.op('Unsqueeze', [g.op('Transpose', [steps], { perm: { ints: [1, 0] } }), g.ints('axis0', [0])]); // [1, S, m]
  const conv = (input: string, wName: string, bName: string) => {
    const cw = convWeights(weights(wName), k);
    return g.op('Conv', [input, g.weight(`${wName}.conv`, cw.shape, cw.data), w(g, weights, bName)], { pads: { ints: [half, half] }, kernel_shape: { ints: [k] } });
  };
  const y = conv(g.op('Relu', [conv(x, 'postnet.w1', 'postnet.b1')]), 'postnet.w2', 'postnet.b2'); // [1, S, m]
  const back = g.op('Transpose', [g.op('Squeeze', [y, g.ints('axis0b', [0])])], { perm: { ints: [1, 0] } });
  g.op('Add', [steps, back], {}, 'refined');
  g.output('refined', 'float32', ['m', S]);
  return built(g);
}

export function slotsGraph(c: MeldConfig, weights: Weights, type: WeightType = 'float32'): BuiltGraph {
  const g = new OnnxGraph('meld_slots', type);
  const rows = g.input('rows', 'int32', ['m']);
  const t = weights('head.slotPrev');
  const table = g.weight('slot_transitions', t.shape, t.data.map((x) => x * SLOT_TRANSITION_SCALE)); // in logits
  g.op('Gather', [table, rows], { axis: { int: 0 } }, 'transitions');
  g.output('transitions', 'float32', ['m', c.codebookSize]);
  return built(g);
}

/** The model's graphs: the core four, and the slots graph where the model draws its slots in order. */
export function buildGraphs(c: MeldConfig, weights: Weights, type: WeightType): Record<CoreGraphName, BuiltGraph> & { slots?: BuiltGraph } {
  return {
    encoder: encoderGraph(c, weights, type),
    lm: lmGraph(c, weights, type),
    recon: reconGraph(c, weights, type),
    postnet: postnetGraph(c, weights, type),
    ...(c.slotTransitions ? { slots: slotsGraph(c, weights, type) } : {}),
  };
}
