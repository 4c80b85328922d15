// English number words (American style: "one hundred twenty three", no "and").
// Numbers arrive as digit strings, never as JS numbers, so arbitrarily long inputs keep every digit.

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen',
  'nineteen',
] as const;
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
// Index i names the group of three digits at 10^(3i).
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion', 'quintillion'] as const;

/** Words for 0..99. */
function belowHundred(n: number): string {
  if (n < 20) return ONES[n];
  const tens = TENS[Math.floor(n / 10)];
  return n % 10 === 0 ? tens : `${tens} ${ONES[n % 10]}`;
}

/** Words for 1..999 (0 gives ''). */
function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${ONES[hundreds]} hundred`);
  if (rest > 0) parts.push(belowHundred(rest));
  return parts.join(' ');
}

/** Each digit on its own: "007" -> "zero zero seven". Used for leading zeros and huge numbers. */
export function digitWords(digits: string): string {
  return [...digits].map((d) => ONES[Number(d)]).join(' ');
}

/**
 * Cardinal words for a string of decimal digits: "1234" -> "one thousand two hundred thirty four".
 * Leading zeros ("007") and numbers beyond the quintillions are read digit by digit, as people do.
 */
export function cardinalWords(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError(`cardinalWords expects digits, got "${digits}"`);
  if (digits.length > 1 && digits.startsWith('0')) return digitWords(digits);
  if (digits.length > SCALES.length * 3) return digitWords(digits);
  if (/^0+$/.test(digits)) return ONES[0];
  const parts: string[] = [];
  const groupCount = Math.ceil(digits.length / 3);
  const padded = digits.padStart(groupCount * 3, '0');
  for (let g = 0; g < groupCount; g++) {
    const value = Number(padded.slice(g * 3, g * 3 + 3));
    if (value === 0) continue;
    const scale = SCALES[groupCount - 1 - g];
    parts.push(scale ? `${belowThousand(value)} ${scale}` : belowThousand(value));
  }
  return parts.join(' ');
}

// Irregular last words of ordinals; the rest take "th" ("seventh") or "y" -> "ieth" ("twentieth").
const IRREGULAR_ORDINALS: Readonly<Record<string, string>> = {
  one: 'first', two: 'second', three: 'third', five: 'fifth', eight: 'eighth', nine: 'ninth',
  twelve: 'twelfth',
};

/** Turn the last word of a cardinal into its ordinal: "twenty one" -> "twenty first". */
export function ordinalize(cardinal: string): string {
  const words = cardinal.split(' ');
  const last = words[words.length - 1];
  const ordinal =
    IRREGULAR_ORDINALS[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`);
  words[words.length - 1] = ordinal;
  return words.join(' ');
}

/** "21" -> "twenty first". */
export function ordinalWords(digits: string): string {
  return ordinalize(cardinalWords(digits.replace(/^0+(?=\d)/, '')));
}

/** Plural of the last word: "nineteen eighty" -> "nineteen eighties", "six" -> "sixes". */
export function pluralizeLastWord(words: string): string {
  const list = words.split(' ');
  const last = list[list.length - 1];
  list[list.length - 1] = last.endsWith('y')
    ? `${last.slice(0, -1)}ies`
    : last.endsWith('x') || last.endsWith('s')
      ? `${last}es`
      : `${last}s`;
  return list.join(' ');
}

/** True when a 4-digit integer is read as a year: 1000..2099 ("1066", "1984", "2024"). */
export function looksLikeYear(digits: string): boolean {
  if (!/^\d{4}$/.test(digits)) return false;
  const n = Number(digits);
  return n >= 1000 && n <= 2099;
}

/**
 * Year reading: "1984" -> "nineteen eighty four", "1905" -> "nineteen oh five",
 * "1900" -> "nineteen hundred", "2000".."2009" -> "two thousand five", "2024" -> "twenty twenty four".
 */
export function yearWords(digits: string): string {
  const n = Number(digits);
  if (digits.length !== 4 || (n >= 2000 && n <= 2009) || n % 1000 === 0) return cardinalWords(digits);
  const high = Math.floor(n / 100);
  const low = n % 100;
  const highWords = belowHundred(high);
  if (low === 0) return `${highWords} hundred`;
  if (low < 10) return `${highWords} oh ${ONES[low]}`;
  return `${highWords} ${belowHundred(low)}`;
}

/** "3.14" pieces: ("3", "14") -> "three point one four"; an empty integer part reads "point five". */
export function decimalWords(integerDigits: string, fractionDigits: string): string {
  const whole = integerDigits === '' ? '' : `${cardinalWords(integerDigits)} `;
  return `${whole}point ${digitWords(fractionDigits)}`;
}
