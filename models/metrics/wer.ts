// Word and character error rates by Levenshtein alignment with a backtrace, so the errors are
// counted by kind (substitution, deletion, insertion). Shared by the evaluation harness (Node) and the
// browser end-to-end tests, so both score transcripts identically.
//
// Text is scored after models/text normalizeText (numbers spelled out, unicode folded) and then
// reduced to lower-case words of letters, digits and apostrophes: punctuation is not a word error.

import { normalizeText, TextError } from '../text';

export type EditOp = 'match' | 'substitution' | 'deletion' | 'insertion';

/** One column of an alignment. A deletion has no hyp token; an insertion has no ref token. */
export interface AlignmentStep<T> {
  op: EditOp;
  ref?: T;
  hyp?: T;
}

export interface ErrorCounts {
  /** Reference length N (words or characters). */
  reference: number;
  hypothesis: number;
  matches: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

export interface Alignment<T> {
  steps: AlignmentStep<T>[];
  counts: ErrorCounts;
}

/**
 * Minimum-edit alignment of hyp against ref (unit costs). Among equally cheap alignments the
 * backtrace prefers a diagonal step (match or substitution), then a deletion, then an insertion,
 * which is what sclite and jiwer report for the usual ambiguous cases.
 */
export function align<T>(ref: readonly T[], hyp: readonly T[], equals: (a: T, b: T) => boolean = Object.is): Alignment<T> {
  const n = ref.length;
  const m = hyp.length;
  const width = m + 1;
  // cost[i * width + j] = edit distance between ref[0..i) and hyp[0..j).
  const cost = new Uint32Array((n + 1) * width);
  for (let i = 0; i <= n; i++) cost[i * width] = i;
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const diagonal = cost[(i - 1) * width + j - 1] + (equals(ref[i - 1], hyp[j - 1]) ? 0 : 1);
      const deletion = cost[(i - 1) * width + j] + 1;
      const insertion = cost[i * width + j - 1] + 1;
      cost[i * width + j] = Math.min(diagonal, deletion, insertion);
    }
  }

  const steps: AlignmentStep<T>[] = [];
  const counts: ErrorCounts = { reference: n, hypothesis: m, matches: 0, substitutions: 0, deletions: 0, insertions: 0 };
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cost[i * width + j];
    if (i > 0 && j > 0) {
      const same = equals(ref[i - 1], hyp[j - 1]);
      if (here === cost[(i - 1) * width + j - 1] + (same ? 0 : 1)) {
        steps.push({ op: same ? 'match' : 'substitution', ref: ref[i - 1], hyp: hyp[j - 1] });
        if (same) counts.matches++;
        else counts.substitutions++;
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && here === cost[(i - 1) * width + j] + 1) {
      steps.push({ op: 'deletion', ref: ref[i - 1] });
      counts.deletions++;
      i--;
    } else {
      steps.push({ op: 'insertion', hyp: hyp[j - 1] });
      counts.insertions++;
      j--;
    }
  }
  steps.reverse();
  return { steps, counts };
}

/** Total edits S + D + I. */
export function errorCount(counts: ErrorCounts): number {
  return counts.substitutions + counts.deletions + counts.insertions;
}

/**
 * (S + D + I) / N. With an empty reference the rate is 0 for an empty hypothesis and Infinity
 * otherwise (any output is infinitely wrong relative to nothing); corpus-level figures should sum
 * counts with addCounts instead of averaging these.
 */
export function errorRate(counts: ErrorCounts): number {
  const errors = errorCount(counts);
  if (counts.reference === 0) return errors === 0 ? 0 : Number.POSITIVE_INFINITY;
  return errors / counts.reference;
}

export function emptyCounts(): ErrorCounts {
  return { reference: 0, hypothesis: 0, matches: 0, substitutions: 0, deletions: 0, insertions: 0 };
}

/** Sum of counts: corpus-level WER = total errors / total reference words. */
export function addCounts(...all: ErrorCounts[]): ErrorCounts {
  const total = emptyCounts();
  for (const c of all) {
    total.reference += c.reference;
    total.hypothesis += c.hypothesis;
    total.matches += c.matches;
    total.substitutions += c.substitutions;
    total.deletions += c.deletions;
    total.insertions += c.insertions;
  }
  return total;
}

/** The words a transcript is scored on: normalised, lower-case, letters/digits/apostrophes only. */
export function scoringWords(text: string): string[] {
  let normalized: string;
  try {
    normalized = normalizeText(text);
  } catch (error) {
    // Empty or unspeakable text (no letters or digits): nothing to score, zero words.
    if (error instanceof TextError) return [];
    throw error;
  }
  return normalized
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(' ')
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

export interface TranscriptScore {
  refWords: string[];
  hypWords: string[];
  words: Alignment<string>;
  /** Character counts over the scoring words joined by single spaces (spaces count as characters). */
  chars: ErrorCounts;
  wer: number;
  cer: number;
}

/** WER and CER of a hypothesis transcript against a reference transcript. */
export function scoreTranscript(reference: string, hypothesis: string): TranscriptScore {
  const refWords = scoringWords(reference);
  const hypWords = scoringWords(hypothesis);
  const words = align(refWords, hypWords);
  const chars = align([...refWords.join(' ')], [...hypWords.join(' ')]).counts;
  return { refWords, hypWords, words, chars, wer: errorRate(words.counts), cer: errorRate(chars) };
}
