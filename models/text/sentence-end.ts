// Deciding whether the period of an abbreviation ("etc.", "p.m.", "U.S.") also ends the sentence.

/**
 * True when the text after `index` looks like the start of a new sentence or the end of the text:
 * only spaces/closing quotes/brackets until the end, or spaces and then a capital letter.
 * Rules that swallow an abbreviation's period use it to put a sentence-final period back.
 */
export function endsSentence(text: string, index: number): boolean {
  const rest = text.slice(index);
  return /^["')\]}\s]*$/.test(rest) || /^["')\]}]*\s+["'([{]*[A-Z]/.test(rest);
}
