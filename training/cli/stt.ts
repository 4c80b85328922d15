// npm run stt -- audio.wav [--model DIR] [--precision fp32|fp16]
//
// Transcribes a WAV file with the shipped model.

import { parseArgs } from 'node:util';
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
  const g = await loadModelFromDisk(values.model, { precision: values.precision as 'fp32' | 'fp16' });
  const r = await transcribe(g, audio);
  console.log(r.text);
  console.error(`(${r.timing.audioSeconds.toFixed(2)} s of audio in ${r.timing.totalMs.toFixed(0)} ms: real-time factor ${(r.timing.totalMs / 1000 / r.timing.audioSeconds).toFixed(3)})`);
  await g.release();
});
