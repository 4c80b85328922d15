// TTS input as phonemes: eSpeak NG's en-us IPA through the `phonemizer` package (eSpeak NG compiled
// to WebAssembly, identical in Node and the browser), tokenised one Unicode code point per token.

import { PUNCTUATION } from './alphabet';
import { decodeIds } from './decodeIds';

/** The eSpeak NG voice whose pronunciations the model learns. */
export const PHONEME_LANGUAGE = 'en-us';

/**
 * The phoneme symbol inventory, one entry per Unicode code point: multi-letter phonemes such as
 * "tʃ", "dʒ", "aɪ" are sequences of these tokens, and so are stress (ˈ ˌ) and length (ː) marks.
 *
 * How it was found: every paragraph of /usr/share/common-licenses/*, the first 6 million characters
 * of distinct paragraphs of /usr/share/doc/{star}/{copyright,README,NEWS,AUTHORS} and all 104,334
 * entries of /usr/share/dict/words (Debian wamerican) were normalised with normalizeText and
 * phonemised with phonemizer 1.2.1 (en-us): 6.0 million characters in 8,686 calls, 4.7 million
 * symbols. Every code point seen is listed; the rarest were ʔ and syllabic ̩ (~1000 each, "button"),
 * r (105), x (81, "loch"), ɬ (10, Welsh "ll"), nasal ̃ (8), ʲ (3) and ç (2). eSpeak's
 * language-switch flags such as "(fr)" never appeared. A symbol outside the list (a future eSpeak)
 * is dropped and reported by encodePhonemes, never thrown.
 * Order: space and the four punctuation marks first (ids 0-4), then the IPA symbols by code point.
 */
export const PHONEME_VOCAB: readonly string[] = Object.freeze([
  ' ',
  ...PUNCTUATION,
  // ASCII letters used as IPA
  'a', 'b', 'd', 'e', 'f', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u', 'v',
  'w', 'x', 'z',
  // Latin-1 and IPA extensions
  'æ', 'ç', 'ð', 'ŋ', 'ɐ', 'ɑ', 'ɔ', 'ə', 'ɚ', 'ɛ', 'ɜ', 'ɡ', 'ɪ', 'ɬ', 'ɹ', 'ɾ', 'ʃ', 'ʊ', 'ʌ',
  'ʒ', 'ʔ',
  // Modifier letters: palatalised, primary stress, secondary stress, length
  'ʲ', 'ˈ', 'ˌ', 'ː',
  // Combining marks: nasalised (U+0303), syllabic (U+0329)
  '\u0303', '\u0329',
  // Greek theta, and the reduced vowel ᵻ (U+1D7B) eSpeak writes for unstressed "-es"/"-ed"
  'θ', 'ᵻ',
]);

const PHONEME_TO_ID: ReadonlyMap<string, number> = new Map(PHONEME_VOCAB.map((p, i) => [p, i]));
const PUNCTUATION_SET: ReadonlySet<string> = new Set(PUNCTUATION);

type Phonemize = (text: string, language?: string) => Promise<string[]>;
let phonemizer: Promise<Phonemize> | null = null;

/**
 * eSpeak NG (a 10 MB WASM module) loads on first use, not at import: code that only needs the
 * vocabulary stays light, and in Node the module's process-wide uncaughtException hook (which
 * rethrows every error with its minified source line) is only installed where phonemes are made.
 */
function loadPhonemizer(): Promise<Phonemize> {
  phonemizer ??= import('phonemizer').then((m) => m.phonemize);
  return phonemizer;
}

/**
 * Clause -> IPA, remembered for the most recent CLAUSE_CACHE_SIZE clauses. eSpeak NG reloads its voice
 * and dictionary on every call (~7 ms) and synthesises as it goes: a sentence costs ~30 ms, paid before
 * the first audio of every request, and a voice prompt's transcript is the same clause request after
 * request.
 */
const CLAUSE_CACHE_SIZE = 512;
const clauseCache = new Map<string, Promise<string>>();

function phonemizeClause(words: string): Promise<string> {
  const cached = clauseCache.get(words);
  if (cached) {
    // Most recently used last: a Map iterates in insertion order, so the first key is the eldest.
    clauseCache.delete(words);
    clauseCache.set(words, cached);
    return cached;
  }
  const ipa = loadPhonemizer().then(async (phonemize) => (await phonemize(words, PHONEME_LANGUAGE)).join(' ').replace(/\s+/g, ' ').trim());
  // A failure is not remembered: the next call tries again.
  ipa.catch(() => {
    if (clauseCache.get(words) === ipa) clauseCache.delete(words);
  });
  clauseCache.set(words, ipa);
  if (clauseCache.size > CLAUSE_CACHE_SIZE) clauseCache.delete(clauseCache.keys().next().value!);
  return ipa;
}

/**
 * Normalised text -> IPA. phonemizer drops punctuation (it splits clauses on it), so the text is cut
 * at , . ? ! here, each clause is phonemised on its own, and the marks are put back after the
 * preceding word: "hello, world." -> "həlˈoʊ, wˈɜːld." with words separated by single spaces.
 */
export async function phonemizeText(normalized: string): Promise<string> {
  let out = '';
  for (const part of normalized.match(/[^,.?!]+|[,.?!]/g) ?? []) {
    if (PUNCTUATION_SET.has(part)) {
      out += part;
      continue;
    }
    const words = part.trim();
    if (words === '') continue;
    const ipa = await phonemizeClause(words);
    if (ipa !== '') out += out === '' ? ipa : ` ${ipa}`;
  }
  return out;
}

/**
 * IPA -> ids, one per code point. Symbols outside PHONEME_VOCAB are dropped (a new eSpeak version
 * may emit one we have not seen) and reported through `onUnknown` with their code-point index.
 */
export function encodePhonemes(ph: string, onUnknown?: (symbol: string, index: number) => void): number[] {
  const ids: number[] = [];
  let index = 0;
  for (const symbol of ph) {
    const id = PHONEME_TO_ID.get(symbol);
    if (id === undefined) onUnknown?.(symbol, index);
    else ids.push(id);
    index++;
  }
  return ids;
}

/** Ids -> IPA. Throws TokenizerError ('unknown-id') on an id outside the vocabulary. */
export function decodePhonemes(ids: ArrayLike<number>): string {
  return decodeIds(ids, PHONEME_VOCAB, 'decodePhonemes', 'phoneme vocabulary');
}
