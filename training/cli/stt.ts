// npm run stt -- audio.wav [--model DIR] [--precision fp32|fp16]
//
// Transcribes a WAV file with the shipped model (long files in ~20 s segments, with progress on
// stderr); anything it cannot honour exits non-zero with one line.

import { parseArgs } from 'node:util';
import { checkSttAudio } from '../../workers/meld/checkRequest';
import { transcribe } from '../../workers/meld/stt';
import { DEFAULT_MODEL_DIR, loadModelFromDisk, readAudioFile } from './nodeModel';
import { runCli } from './runCli';

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { model: { type: 'string', default: DEFAULT_MODEL_DIR }, precision: { type: 'string', default: 'fp32' } },
  });
  if (positionals.length !== 1) throw new Error('usage: npm run stt -- audio.wav');
  const audio = readAudioFile(positionals[0]);
  checkSttAudio(audio);
  const g = await loadModelFromDisk(values.model, { precision: values.precision as 'fp32' | 'fp16' });
  const r = await transcribe(g, audio, undefined, (p) => {
    if (p.segments > 1) console.error(`${p.doneSeconds.toFixed(0)} of ${p.totalSeconds.toFixed(0)} s transcribed`);
  });
  console.log(r.text);
  console.error(`(${r.timing.audioSeconds.toFixed(2)} s of audio in ${r.timing.totalMs.toFixed(0)} ms: real-time factor ${(r.timing.totalMs / 1000 / r.timing.audioSeconds).toFixed(3)})`);
  await g.release();
});
