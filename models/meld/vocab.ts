// The joint vocabulary of the MELD language model: task tokens, phonemes (TTS input), characters
// (STT output), <EOS> and the latent codes, in one id space so one Transformer serves both tasks.
//
// Layout (ids ascending):  <TTS> <STT> <SEP> | phonemes... | characters... | <EOS> | codes 0..K-1
// <EOS> sits between the characters and the codes so that both output sets the model chooses from
// are contiguous ranges: [chars.., EOS] for STT and [EOS, codes..] for TTS.

import { CHAR_VOCAB, PHONEME_VOCAB } from '../text';

export interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface MeldVocab {
  tts: number;
  stt: number;
  sep: number;
  eos: number;
  phonemes: Range;
  chars: Range;
  codes: Range;
  /** What STT decoding chooses from: the characters and <EOS>. */
  sttOutputs: Range;
  /** What TTS decoding chooses from: <EOS> and the latent codes. */
  ttsOutputs: Range;
  size: number;
}

export function buildVocab(codebookSize: number): MeldVocab {
  const tts = 0;
  const stt = 1;
  const sep = 2;
  const phonemes = { start: 3, end: 3 + PHONEME_VOCAB.length };
  const chars = { start: phonemes.end, end: phonemes.end + CHAR_VOCAB.length };
  const eos = chars.end;
  const codes = { start: eos + 1, end: eos + 1 + codebookSize };
  return {
    tts, stt, sep, eos, phonemes, chars, codes,
    sttOutputs: { start: chars.start, end: eos + 1 },
    ttsOutputs: { start: eos, end: codes.end },
    size: codes.end,
  };
}

/** Tokens that are inputs by id (everything except speech steps, which enter through the pre-net). */
export function inputTokenCount(v: MeldVocab): number {
  return v.eos + 1;
}
