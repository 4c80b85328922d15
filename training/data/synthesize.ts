// Making a base voice speak a batch of sentences into WAV files at the engine's own rate.
// espeak-ng (incl. MBROLA) and flite start in milliseconds and run once per sentence; festival takes
// ~0.3 s to load a voice, so one festival process speaks the whole batch.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { installVariants, preparePrivateEspeakData } from './espeak-data-dir';
import { runProcess } from './run-process';
import type { SynthVoice } from './voices';

export interface SynthContext {
  /** Where the WAV files and this worker's private espeak-ng data directory go (one per worker). */
  tmpDir: string;
}

/** A Scheme string literal. */
function schemeString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function checkWav(file: string, engine: string): string {
  // A RIFF header alone is 44 bytes: anything that small holds no audio.
  if (!fs.existsSync(file) || fs.statSync(file).size <= 44) throw new Error(`${engine} produced no audio`);
  return file;
}

async function espeak(voice: Extract<SynthVoice, { kind: 'espeak' }>, text: string, out: string, ctx: SynthContext): Promise<string> {
  const args = ['-v', voice.voice, '-w', out];
  if (voice.variant) {
    const root = preparePrivateEspeakData(path.join(ctx.tmpDir, 'espeak'));
    installVariants(root, [voice.variant]);
    args.unshift(`--path=${root}`);
  }
  // Text on stdin, so that nothing in it can be taken for an option.
  await runProcess('espeak-ng', args, { input: text, timeoutMs: 30_000 });
  return checkWav(out, 'espeak-ng');
}

async function flite(voice: string, text: string, out: string): Promise<string> {
  await runProcess('flite', ['-voice', voice, '-t', text, '-o', out], { timeoutMs: 30_000 });
  return checkWav(out, 'flite');
}

async function festivalBatch(voice: string, texts: readonly string[], outs: readonly string[]): Promise<(string | Error)[]> {
  // unwind-protect: a sentence festival cannot say does not stop the rest of the batch.
  const script = [
    `(voice_${voice})`,
    ...texts.map((text, i) => `(unwind-protect (utt.save.wave (utt.synth (Utterance Text ${schemeString(text)})) ${schemeString(outs[i])} 'riff) nil)`),
  ].join('\n');
  await runProcess('festival', ['--pipe'], { input: `${script}\n`, timeoutMs: 60_000 + 10_000 * texts.length });
  return outs.map((out) => {
    try {
      return checkWav(out, 'festival');
    } catch (error) {
      return error as Error;
    }
  });
}

/** Speaks each text with the voice; returns a WAV path or the Error per text. */
export async function synthesizeBatch(voice: SynthVoice, texts: readonly string[], ids: readonly string[], ctx: SynthContext): Promise<(string | Error)[]> {
  const outs = ids.map((id) => path.join(ctx.tmpDir, `${id}.synth.wav`));
  for (const out of outs) fs.rmSync(out, { force: true });
  if (voice.kind === 'festival') {
    try {
      return await festivalBatch(voice.voice, texts, outs);
    } catch (error) {
      return outs.map(() => error as Error);
    }
  }
  const results: (string | Error)[] = [];
  for (let i = 0; i < texts.length; i++) {
    try {
      results.push(voice.kind === 'espeak' ? await espeak(voice, texts[i], outs[i], ctx) : await flite(voice.voice, texts[i], outs[i]));
    } catch (error) {
      results.push(error as Error);
    }
  }
  return results;
}
