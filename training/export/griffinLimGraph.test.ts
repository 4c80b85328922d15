// The Griffin-Lim graph against the TypeScript Griffin-Lim (models/dsp) on onnxruntime-node and
// onnxruntime-web (WASM): with no iteration it is the inverse STFT; after a few iterations from the
// same starting phases it follows the same path.

import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { griffinLim, istft, randomPhases, stft } from '../../models/dsp';
import { createRng } from '../../models/random';
import { griffinLimGraph } from './griffinLimGraph';
import { relativeMaxError } from './relativeError';

type Ort = typeof ortNode | typeof ortWeb;
const bins = 513;

beforeAll(() => {
  ortWeb.env.wasm.numThreads = 1;
});

/** A chirp with a little noise: energy across the band, like speech. */
function testSignal(samples: number): Float32Array {
  const rand = createRng(11);
  return Float32Array.from({ length: samples }, (_, i) => 0.5 * Math.sin(2 * Math.PI * (200 + 0.05 * i) * (i / 16000)) + 0.05 * (rand() - 0.5));
}

/** The starting phases models/dsp griffinLim draws from `seed`, in float32 for the graph. */
function startingPhases(size: number, seed: number): { re: Float32Array; im: Float32Array } {
  const { re, im } = randomPhases(size, seed);
  return { re: Float32Array.from(re), im: Float32Array.from(im) };
}

async function runGraph(ort: Ort, iterations: number, magnitude: Float32Array, phases: { re: Float32Array; im: Float32Array }, n: number): Promise<Float32Array> {
  const session = await (ort.InferenceSession as typeof ortNode.InferenceSession).create(griffinLimGraph(iterations).bytes);
  const T = ort.Tensor as typeof ortNode.Tensor;
  const out = await session.run({ magnitude: new T('float32', magnitude, [n, bins]), phase_re: new T('float32', phases.re, [n, bins]), phase_im: new T('float32', phases.im, [n, bins]) });
  await session.release();
  return out.audio.data as Float32Array;
}

describe('Griffin-Lim graph', () => {
  const x = testSignal(40 * 256);
  const spec = stft(x);
  const n = spec.frames;
  const phases = startingPhases(n * bins, 5);

  for (const [name, ort] of [['onnxruntime-node', ortNode], ['onnxruntime-web (WASM)', ortWeb]] as const) {
    it(`with no iteration it is the inverse STFT (${name})`, async () => {
      const re = Float32Array.from(spec.magnitude, (m, i) => m * phases.re[i]);
      const im = Float32Array.from(spec.magnitude, (m, i) => m * phases.im[i]);
      const want = istft(re, im, n, { length: (n - 1) * 256 });
      expect(relativeMaxError(await runGraph(ort, 0, spec.magnitude, phases, n), want)).toBeLessThan(1e-4);
    });

    it(`after 4 iterations it matches the TypeScript Griffin-Lim from the same phases (${name})`, async () => {
      const want = griffinLim(spec.magnitude, n, { iterations: 4, seed: 5 });
      expect(relativeMaxError(await runGraph(ort, 4, spec.magnitude, phases, n), want)).toBeLessThan(1e-3);
    });
  }
});
