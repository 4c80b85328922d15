// Limits shared by every TTS decoder (the trainer's sampler and the engine).

/**
 * The length guard: speech steps allowed for a text of n phoneme symbols. The corpus speaks about
 * 1.2 steps per symbol (symbols include stress marks and spaces); 3x that, and at least 40 steps
 * (2.5 s), stops a run that never samples <EOS> without cutting real speech short.
 */
export function ttsStepLimit(phonemeSymbols: number): number {
  return Math.max(40, Math.ceil(3 * phonemeSymbols));
}

/**
 * The shortest speech (in steps) a decoder lets <EOS> end: 0.5 steps per phoneme symbol, about 40%
 * of the corpus's speaking rate. Stopping earlier is always a truncation (the deletions the paper
 * measures); before this point <EOS> is masked out of the sampling.
 */
export function ttsMinSteps(phonemeSymbols: number): number {
  return Math.floor(0.5 * phonemeSymbols);
}
