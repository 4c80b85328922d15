// Micro-benchmark of the mel front end (not a test): log-mel throughput in seconds of audio per
// second of compute, plus Griffin-Lim speed for reference. Run: npx tsx scripts/bench-dsp.ts
import { AUDIO } from '../models/config/audio';
import { griffinLim, logMel, melToLinear } from '../models/dsp';
import { createRng } from '../models/random';

const seconds = 60;
const rng = createRng(1);
const audio = Float32Array.from({ length: seconds * AUDIO.sampleRate }, () => 0.1 * (rng() * 2 - 1));

function timed(run: () => void, repeats: number): number {
  run(); // warm-up: JIT and the cached window, FFT tables and filterbank
  const start = performance.now();
  for (let i = 0; i < repeats; i++) run();
  return (performance.now() - start) / 1000 / repeats;
}

const logMelTime = timed(() => logMel(audio), 5);
console.log(`logMel: ${seconds} s of audio in ${(logMelTime * 1000).toFixed(1)} ms = ${(seconds / logMelTime).toFixed(0)} s of audio per second`);
console.log(`        (10 h of audio would take ${((36000 / seconds) * logMelTime).toFixed(0)} s on one thread)`);

const clip = audio.subarray(0, 5 * AUDIO.sampleRate);
const { frames, data } = logMel(clip);
const melToLinearTime = timed(() => melToLinear(data, frames), 3);
console.log(`melToLinear: 5 s of frames in ${(melToLinearTime * 1000).toFixed(1)} ms`);
const linear = melToLinear(data, frames);
const griffinLimTime = timed(() => griffinLim(linear, frames, { iterations: 32 }), 2);
console.log(`griffinLim (32 iterations): 5 s of audio in ${(griffinLimTime * 1000).toFixed(0)} ms = ${(5 / griffinLimTime).toFixed(1)}x real time`);
