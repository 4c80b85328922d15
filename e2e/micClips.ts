/**
 * The audio the fake microphones play, made from e2e/fixtures (a held-out-voice clip of the corpus
 * test split, 16 kHz) with models/wav: resampled to 48 kHz 16-bit, the format Chromium's fake
 * capture reads most reliably, plus the same length of digital silence. Written once per run into
 * the OS temp folder (Playwright loads the config in every worker; writes are atomic renames).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav, encodeWav, resample, toModelAudio } from '../models/wav';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const CAPTURE_RATE = 48000;

export interface MicClip {
  /** The 16 kHz source clip and what is said in it. */
  source: string;
  transcript: string;
  seconds: number;
}

export const MIC_CLIP: MicClip = (() => {
  const meta = JSON.parse(readFileSync(join(FIXTURES, 'mic-clip.json'), 'utf8')) as { file: string; transcript: string };
  const source = join(FIXTURES, meta.file);
  const audio = toModelAudio(decodeWav(new Uint8Array(readFileSync(source))));
  return { source, transcript: meta.transcript, seconds: audio.length / 16000 };
})();

function writeOnce(path: string, make: () => Uint8Array): string {
  if (existsSync(path)) return path;
  mkdirSync(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, make());
  renameSync(temp, path);
  return path;
}

const dir = join(tmpdir(), 'meld-e2e');

/** The clip at 48 kHz, for --use-file-for-fake-audio-capture. */
export function speechMicWav(): string {
  const bytes = readFileSync(MIC_CLIP.source);
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return writeOnce(join(dir, `mic-speech-${version}-48k.wav`), () => {
    const audio = toModelAudio(decodeWav(new Uint8Array(bytes)));
    return encodeWav(resample(audio, 16000, CAPTURE_RATE), CAPTURE_RATE);
  });
}

/** Five seconds of silence at 48 kHz. */
export function silentMicWav(): string {
  return writeOnce(join(dir, 'mic-silence-48k.wav'), () => encodeWav(new Float32Array(5 * CAPTURE_RATE), CAPTURE_RATE));
}

/**
 * The clip repeated (with 0.3 s of silence between) to at least `seconds`, 16 kHz 16-bit: a long
 * voice prompt or transcription as a user would upload it.
 */
export function longSpeechWav(seconds: number, name = `long-speech-${seconds}s.wav`): string {
  const bytes = readFileSync(MIC_CLIP.source);
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return writeOnce(join(dir, version, name), () => {
    const clip = toModelAudio(decodeWav(new Uint8Array(bytes)));
    const gap = Math.round(0.3 * 16000);
    const out = new Float32Array(Math.round(seconds * 16000));
    for (let at = 0; at < out.length; at += clip.length + gap) out.set(clip.subarray(0, Math.min(clip.length, out.length - at)), at);
    return encodeWav(out, 16000);
  });
}
