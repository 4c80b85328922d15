// Prose -> the corpus's sentence pool: paragraphs are normalised with the model's own text
// normaliser (models/text) BEFORE splitting, so that "Mr. Bennet" is already "mister bennet" and does
// not end a sentence; then sentences of 3 to 15 words that end in . ? or ! are kept.

import { normalizeText, splitSentences, TextError } from '../../models/text';

export const MIN_WORDS = 3;
export const MAX_WORDS = 15;

/** Paragraphs of plain text: blank-line separated, line breaks inside a paragraph become spaces. */
export function paragraphs(raw: string): string[] {
  return raw
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

/** Words of a normalised sentence (punctuation sticks to its word, so it does not count). */
export function wordCount(normalized: string): number {
  return normalized.split(' ').filter((w) => /[a-z]/.test(w)).length;
}

/** True for a normalised sentence the corpus speaks: 3-15 words, ends like a sentence. */
export function isCorpusSentence(normalized: string): boolean {
  const words = wordCount(normalized);
  // Headings ("chapter one", "pride and prejudice") and cut-off fragments have no final . ? !
  return words >= MIN_WORDS && words <= MAX_WORDS && /[a-z'][.?!]$/.test(normalized);
}

/** Normalised sentences of one paragraph that pass isCorpusSentence (none if it cannot be normalised). */
export function corpusSentences(paragraph: string): string[] {
  let normalized: string;
  try {
    normalized = normalizeText(paragraph);
  } catch (error) {
    if (error instanceof TextError) return [];
    throw error;
  }
  return splitSentences(normalized, Number.MAX_SAFE_INTEGER).filter(isCorpusSentence);
}

/** The distinct corpus sentences of some texts, in order of first appearance. */
export function sentencePool(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const text of texts) for (const p of paragraphs(text)) for (const s of corpusSentences(p)) seen.add(s);
  return [...seen];
}
