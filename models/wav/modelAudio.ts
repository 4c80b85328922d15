// Decoded audio (from decodeWav, or the browser's decodeAudioData) -> what the model hears, with
// every way it can be unusable turned into an AudioDecodeError: the one check the app's file path,
// the presets and the CLIs share, so a bad file is never an exception or an empty success.

import { AudioDecodeError } from './audio-decode-error';
import { toModelAudio } from './resample';
import type { DecodedAudio } from './wav';

/** Rates a real recording has (8 kHz telephone to 384 kHz studio); outside them the header lies. */
const RATE_RANGE = { min: 1000, max: 768_000 } as const;

/**
 * 16 kHz mono samples for the model, never empty.
 * @param name how the message names the audio, e.g. '"voice.wav"'
 * @throws AudioDecodeError 'empty' (no channels or samples) | 'corrupt' (impossible rate, NaN/infinite or absurdly large samples)
 */
export function audioForModel(decoded: DecodedAudio, name = 'The audio'): Float32Array {
  const { sampleRate, channels } = decoded;
  if (!Number.isFinite(sampleRate) || sampleRate < RATE_RANGE.min || sampleRate > RATE_RANGE.max) {
    throw new AudioDecodeError('corrupt', `${name} declares an impossible sample rate (${sampleRate} Hz).`);
  }
  if (channels.length === 0 || channels.every((c) => c.length === 0)) throw new AudioDecodeError('empty', `${name} holds no audio.`);
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) {
      if (!Number.isFinite(channel[i])) throw new AudioDecodeError('corrupt', `${name} holds invalid samples (NaN or infinity).`);
    }
  }
  const audio = toModelAudio(decoded);
  if (audio.length === 0) throw new AudioDecodeError('empty', `${name} is too short to hold any audio at 16 kHz.`);
  // Finite samples near float32's limit (no recording holds them) can overshoot it in the resampler's filter.
  if (!audio.every(Number.isFinite)) throw new AudioDecodeError('corrupt', `${name} holds samples too large to be audio.`);
  return audio;
}
