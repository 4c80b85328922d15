import { useEffect, useRef } from 'react';

/** Colour stops of a dark-to-bright sequential map (close to matplotlib's "magma"). */
const STOPS: [number, number, number][] = [
  [0, 0, 4],
  [81, 18, 124],
  [183, 55, 121],
  [252, 137, 97],
  [252, 253, 191],
];

function colour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** Per-bin normalised values mostly fall within ±2.5 standard deviations. */
const RANGE = 2.5;

/** The generated mel spectrogram (normalised, frame-major), low frequencies at the bottom. */
export function MelView({ mel, frames, nMels }: { mel: Float32Array; frames: number; nMels: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || frames === 0) return;
    c.width = frames;
    c.height = nMels;
    const image = ctx.createImageData(frames, nMels);
    for (let t = 0; t < frames; t++) {
      for (let m = 0; m < nMels; m++) {
        const [r, g, b] = colour((mel[t * nMels + m] + RANGE) / (2 * RANGE));
        const p = ((nMels - 1 - m) * frames + t) * 4;
        image.data[p] = r;
        image.data[p + 1] = g;
        image.data[p + 2] = b;
        image.data[p + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [mel, frames, nMels]);
  return (
    <figure className="mel">
      <canvas ref={canvas} role="img" aria-label={`Mel spectrogram of the generated speech: ${frames} frames, ${nMels} bands`} data-testid="mel-view" data-frames={frames} />
      <figcaption className="small muted">Mel spectrogram ({(frames / 62.5).toFixed(2)} s, {nMels} bands; time left to right, pitch bottom to top)</figcaption>
    </figure>
  );
}
