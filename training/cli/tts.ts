// npm run tts -- --text "..." --voice prompt.wav [--voice-text "..."] --out out.wav [--seed N] [--model DIR] [--precision fp32|fp16]
//
// Zero-shot TTS from the command line with the shipped model. Text of any length is spoken sentence
// by sentence to the end (progress on stderr), as the app does. Without --voice-text, the prompt's
// transcript comes from the same model's STT. Anything it cannot honour (a prompt over 10 s, text
// over the limit, a run that makes no audio) exits non-zero with one line.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeWav } from '../../models/wav';
import { checkPrompt, checkTextLength } from '../../workers/meld/checkRequest';
import { MeldError } from '../../workers/meld/errors';
import { speakText } from '../../workers/meld/speakText';
import { transcribe } from '../../workers/meld/stt';
import { DEFAULT_MODEL_DIR, loadModelFromDisk, readAudioFile } from './nodeModel';
import { numberOption, runCli } from './runCli';

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
  const seed = numberOption('--seed', values.seed, { integer: true });
  const temperature = values.temperature === undefined ? undefined : numberOption('--temperature', values.temperature, { min: 0.05, max: 5 });
  const topP = values['top-p'] === undefined ? undefined : numberOption('--top-p', values['top-p'], { min: 0.01, max: 1 });
  checkTextLength(values.text);
  const promptAudio = readAudioFile(values.voice);
  // Checked before the model loads or the prompt is transcribed: a 2-minute prompt fails at once.
  checkPrompt({ audio: promptAudio, text: values['voice-text'] ?? 'x' });
  const g = await loadModelFromDisk(values.model, { precision: values.precision as 'fp32' | 'fp16' });
  const promptText = values['voice-text'] ?? (await transcribe(g, promptAudio)).text;
  if (!values['voice-text']) console.log(`voice prompt transcript (our STT): "${promptText}"`);
  checkPrompt({ audio: promptAudio, text: promptText });
  const r = await speakText(
    g,
    { text: values.text, prompt: { audio: promptAudio, text: promptText }, seed, sampling: { ...(temperature !== undefined ? { temperature } : {}), ...(topP !== undefined ? { topP } : {}) } },
    (e) => {
      if (e.type === 'sentence' && e.count > 1) console.error(`sentence ${e.index + 1} of ${e.count}: ${e.text}`);
    },
  );
  await g.release();
  if (r.audio.length === 0) throw new MeldError({ kind: 'text', reason: 'unspeakable' }, 'the model ended the speech before saying anything (it chose end-of-speech first); try another --seed or a higher --temperature');
  fs.writeFileSync(values.out, encodeWav(r.audio, 16000));
  const t = r.timing;
  const stops = [...new Set(r.sentences.map((s) => s.stoppedBy))].join(', ');
  console.log(`${values.out}: ${t.audioSeconds.toFixed(2)} s of audio, ${r.sentences.length} sentence(s) (${stops}), first audio after ${t.firstAudioMs?.toFixed(0)} ms, real-time factor ${(t.totalMs / 1000 / Math.max(t.audioSeconds, 1e-9)).toFixed(2)}`);
});
