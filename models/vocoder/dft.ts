// The (inverse) real DFT as matrices, so the vocoder's inverse STFT and the losses' STFTs are plain
// matrix products: the trainer's fast path on tfjs-wasm, and operators onnxruntime-web's WebGPU
// provider runs (it has no DFT kernel). The exported graph builds the same matrices in-graph.

/** 2*pi*k*n/N with k*n reduced mod N first, so the angle stays accurate in float32 too. */
export function dftAngle(k: number, n: number, N: number): number {
  return (2 * Math.PI * ((k * n) % N)) / N;
}

/**
 * Synthesis basis [2 * bins, N]: [re | im] (one frame's one-sided spectrum) times it is the frame's
 * windowed inverse DFT,  x[n] = w[n] / N * sum_k c_k (re_k cos(a) - im_k sin(a)),  c_k = 1 at DC and
 * Nyquist, 2 elsewhere.
 */
export function inverseDftBasis(N: number, window: ArrayLike<number>): Float32Array {
  const bins = N / 2 + 1;
  const out = new Float32Array(2 * bins * N);
  for (let k = 0; k < bins; k++) {
    const ck = k === 0 || k === N / 2 ? 1 : 2;
    for (let n = 0; n < N; n++) {
      const a = dftAngle(k, n, N);
      const s = (ck * window[n]) / N;
      out[k * N + n] = s * Math.cos(a);
      out[(bins + k) * N + n] = -s * Math.sin(a);
    }
  }
  return out;
}

/** Analysis basis [N, 2 * bins]: a frame [N] times it is [re | im] of its windowed DFT. */
export function forwardDftBasis(N: number, window: ArrayLike<number>): Float32Array {
  const bins = N / 2 + 1;
  const out = new Float32Array(N * 2 * bins);
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < bins; k++) {
      const a = dftAngle(k, n, N);
      out[n * 2 * bins + k] = window[n] * Math.cos(a);
      out[n * 2 * bins + bins + k] = -window[n] * Math.sin(a);
    }
  }
  return out;
}

/**
 * The overlap-added squared window under `frames` frames, as [(frames + N/hop - 1), hop] rows of one
 * hop each (frame f starts at row f): the inverse STFT divides by it.
 */
export function windowEnvelope(frames: number, N: number, hop: number, window: ArrayLike<number>): Float32Array {
  const per = N / hop;
  const out = new Float32Array((frames + per - 1) * hop);
  for (let f = 0; f < frames; f++) for (let n = 0; n < N; n++) out[f * hop + n] += window[n] * window[n];
  return out;
}
