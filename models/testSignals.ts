// Synthetic test signals shared by the DSP, audio and evaluation tests (pure, deterministic).

/** A harmonic tone: sum over h of sin(2 pi f h t) / h, scaled to `amplitude`, `seconds` long. */
export function tone(hz: number, seconds: number, { amplitude = 0.5, harmonics = 1, sampleRate = 16000 } = {}): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => {
    let x = 0;
    for (let h = 1; h <= harmonics; h++) x += Math.sin((2 * Math.PI * hz * h * i) / sampleRate) / h;
    return amplitude * x;
  });
}

/** Digital silence, `seconds` long. */
export function silence(seconds: number, sampleRate = 16000): Float32Array {
  return new Float32Array(Math.round(seconds * sampleRate));
}
