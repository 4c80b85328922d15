// WAV decode/encode on top of the `wavefile` package (RIFF chunk parsing, bit depths, A-law,
// mu-law and IMA ADPCM codecs). Samples are float in [-1, 1), one Float32Array per channel.

import * as wavefileModule from 'wavefile';
import { AudioDecodeError } from './audio-decode-error';
import { namedExport } from './commonjs-interop';

const WaveFile = namedExport(wavefileModule, 'WaveFile');
type WaveFileInstance = InstanceType<typeof WaveFile>;

/** The parts of wavefile's 'fmt ' chunk we read (its type declarations say only `object`). */
interface FmtChunk {
  readonly audioFormat: number;
  readonly numChannels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  /** GUID of WAVE_FORMAT_EXTENSIBLE as four uint32; the first is the real format code. */
  readonly subformat: readonly number[];
}

/** Raw bytes of the 'data' chunk. */
interface DataChunk {
  readonly samples: Uint8Array;
}

export interface DecodedAudio {
  readonly sampleRate: number;
  /** One array per channel, all the same length, samples in [-1, 1]. */
  readonly channels: Float32Array[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_IMA_ADPCM = 0x11;
const FORMAT_EXTENSIBLE = 0xfffe;

/** True when the first 12 bytes are a RIFF/RIFX/RF64 header of a WAVE file. */
function hasWaveHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const tag = (start: number) => String.fromCharCode(...bytes.subarray(start, start + 4));
  return ['RIFF', 'RIFX', 'RF64'].includes(tag(0)) && tag(8) === 'WAVE';
}

/** Split interleaved samples into channels, scaling each value with `toFloat`. */
function deinterleave(
  interleaved: ArrayLike<number>,
  channelCount: number,
  toFloat: (value: number) => number,
): Float32Array[] {
  // A truncated file can end mid-frame: keep whole frames only.
  const frames = Math.floor(interleaved.length / channelCount);
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  for (let frame = 0; frame < frames; frame++) {
    for (let c = 0; c < channelCount; c++) channels[c][frame] = toFloat(interleaved[frame * channelCount + c]);
  }
  return channels;
}

/** Integer PCM of any bit depth wavefile reads (8 is unsigned, the rest signed, left-justified). */
function pcmChannels(wav: WaveFileInstance, fmt: FmtChunk): Float32Array[] {
  const bits = fmt.bitsPerSample;
  if (bits < 8 || bits > 32) {
    throw new AudioDecodeError('unsupported-format', `${bits}-bit integer WAV is not supported (8 to 32 bits are).`);
  }
  // wavefile reads samples in their byte container (12-bit -> 16-bit values).
  const containerBits = Math.ceil(bits / 8) * 8;
  const interleaved = wav.getSamples(true, Float64Array);
  if (containerBits === 8) return deinterleave(interleaved, fmt.numChannels, (v) => (v - 128) / 128);
  const scale = 1 / 2 ** (containerBits - 1);
  return deinterleave(interleaved, fmt.numChannels, (v) => v * scale);
}

/** IEEE float samples, read straight from the data chunk (wavefile mistakes extensible float for int). */
function floatChannels(wav: WaveFileInstance, fmt: FmtChunk): Float32Array[] {
  const bytesPerSample = fmt.bitsPerSample / 8;
  if (bytesPerSample !== 4 && bytesPerSample !== 8) {
    throw new AudioDecodeError('unsupported-format', `${fmt.bitsPerSample}-bit float WAV is not supported (32 and 64 bits are).`);
  }
  const data = (wav.data as DataChunk).samples;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const littleEndian = wav.container !== 'RIFX';
  const count = Math.floor(data.byteLength / bytesPerSample);
  const interleaved = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    interleaved[i] =
      bytesPerSample === 4
        ? view.getFloat32(i * 4, littleEndian)
        : view.getFloat64(i * 8, littleEndian);
  }
  if (!interleaved.every(Number.isFinite)) {
    throw new AudioDecodeError('corrupt', 'The WAV file holds invalid float samples (NaN or infinity).');
  }
  return deinterleave(interleaved, fmt.numChannels, (v) => v);
}

/**
 * Decode a WAV file: 8/16/24/32-bit (and other) integer PCM, 32/64-bit float, A-law, mu-law and
 * IMA ADPCM, any channel count, RIFF/RIFX/RF64 containers. A truncated data chunk decodes to the
 * whole frames present.
 * @throws AudioDecodeError 'not-wav' | 'corrupt' | 'unsupported-format'
 */
export function decodeWav(bytes: Uint8Array): DecodedAudio {
  if (!hasWaveHeader(bytes)) {
    throw new AudioDecodeError('not-wav', 'This is not a WAV file (no RIFF/WAVE header). Please use a .wav file.');
  }
  let wav: WaveFileInstance;
  try {
    wav = new WaveFile(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AudioDecodeError('corrupt', `The WAV file is damaged and cannot be read: ${reason}`);
  }
  const fmt = wav.fmt as FmtChunk;
  if (!(fmt.numChannels >= 1) || !(fmt.sampleRate >= 1)) {
    throw new AudioDecodeError(
      'corrupt',
      `The WAV file is damaged: it declares ${fmt.numChannels} channels at ${fmt.sampleRate} Hz.`,
    );
  }
  const format = fmt.audioFormat === FORMAT_EXTENSIBLE ? (fmt.subformat[0] ?? 0) : fmt.audioFormat;
  const channels = (() => {
    switch (format) {
      case FORMAT_PCM:
        return pcmChannels(wav, fmt);
      case FORMAT_FLOAT:
        return floatChannels(wav, fmt);
      case FORMAT_ALAW:
      case FORMAT_MULAW:
      case FORMAT_IMA_ADPCM:
        try {
          if (format === FORMAT_ALAW) wav.fromALaw('16');
          else if (format === FORMAT_MULAW) wav.fromMuLaw('16');
          else wav.fromIMAADPCM('16');
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new AudioDecodeError('corrupt', `The compressed WAV data cannot be decoded: ${reason}`);
        }
        return pcmChannels(wav, wav.fmt as FmtChunk);
      default:
        throw new AudioDecodeError(
          'unsupported-format',
          `This WAV file uses an encoding that is not supported (format code 0x${format.toString(16)}). ` +
            'Please convert it to PCM or float WAV.',
        );
    }
  })();
  return { sampleRate: fmt.sampleRate, channels };
}

export type WavEncoding = 'pcm16' | 'float32';

/**
 * Encode mono samples as a WAV file. 'pcm16' clips to [-1, 1] and maps x -> round(x * 32768)
 * (the inverse of decodeWav's /32768); 'float32' stores the values unchanged.
 */
export function encodeWav(samples: Float32Array, sampleRate: number, format: WavEncoding = 'pcm16'): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate < 1) {
    throw new RangeError(`encodeWav: sampleRate must be a positive integer, got ${sampleRate}`);
  }
  const wav = new WaveFile();
  if (format === 'float32') {
    wav.fromScratch(1, sampleRate, '32f', samples);
  } else {
    const pcm = new Int16Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i];
      // NaN becomes silence; the clip keeps 1.0 at 32767 instead of wrapping to -32768.
      pcm[i] = Number.isNaN(x) ? 0 : Math.max(-32768, Math.min(32767, Math.round(x * 32768)));
    }
    wav.fromScratch(1, sampleRate, '16', pcm);
  }
  return wav.toBuffer();
}
