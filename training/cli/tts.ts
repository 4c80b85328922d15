// npm run tts -- --text "..." --voice prompt.wav [--voice-text "..."] --out out.wav [--seed N] [--model DIR] [--precision fp32|fp16]
//
// Zero-shot TTS from the command line with the shipped model. Without --voice-text, the prompt's
// transcript comes from the same model's STT.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeWav } from '../../models/wav';
import { synthesize } from '../../workers/meld/tts';
import { transcribe } from '../../workers/meld/stt';
import { DEFAULT_MODEL_DIR, loadModelFromDisk, readAudioFile } from './nodeModel';
import { runCli } from './runCli';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      text: { type: 'string' }, voice: { type: 'string' }, 'voice-text': { type: 'string' }, out: { type: 'string', default: 'out.wav' },
      seed: { type: 'string', default: '0' }, model: { type: 'string', default: DEFAULT_MODEL_DIR }, precision: { type: 'string', default: 'fp32' },
      temperature: { type: 'string' }, 'top-p': { type: 'string' },
    },
  });
  if (values.text === undefined) throw new Error('--text is required');
  if (!values.voice) throw new Error('--voice prompt.wav is required (a WAV file of the voice to imitate)');
  const promptAudio = readAudioFile(values.voice);
  const g = await loadModelFromDisk(values.model, { precision: values.precision as 'fp32' | 'fp16' });
  const promptText = values['voice-text'] ?? (await transcribe(g, promptAudio)).text;
  if (!values['voice-text']) console.log(`voice prompt transcript (our STT): "${promptText}"`);
  const r = await synthesize(g, {
    text: values.text, prompt: { audio: promptAudio, text: promptText }, seed: Number(values.seed),
    sampling: { ...(values.temperature ? { temperature: Number(values.temperature) } : {}), ...(values['top-p'] ? { topP: Number(values['top-p']) } : {}) },
  });
  fs.writeFileSync(values.out, encodeWav(r.audio, 16000));
  const t = r.timing;
  console.log(`${values.out}: ${t.audioSeconds.toFixed(2)} s of audio (${r.stoppedBy}), first audio after ${t.firstAudioMs?.toFixed(0)} ms, real-time factor ${(t.totalMs / 1000 / Math.max(t.audioSeconds, 1e-9)).toFixed(2)}`);
  await g.release();
});
