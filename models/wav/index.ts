// WAV I/O and resampling: isomorphic (no DOM, no Node), shared by the browser and the trainer.

export { AudioDecodeError, type AudioDecodeErrorKind } from './audio-decode-error';
export { resample, toModelAudio, toMono } from './resample';
export { StreamResampler } from './streamResampler';
export { decodeWav, encodeWav, type DecodedAudio, type WavEncoding } from './wav';
export { trimToSeconds, type TrimmedAudio } from './trim';
export { audioForModel } from './modelAudio';
