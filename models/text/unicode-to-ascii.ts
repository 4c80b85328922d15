// Unicode -> ASCII for English text. Later stages only ever see printable ASCII, so every rule
// downstream can be written with plain ASCII regular expressions.

// Letters that NFKD does not decompose into ASCII plus combining marks.
const LETTERS: Readonly<Record<string, string>> = {
  'ß': 'ss', 'ẞ': 'SS', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O',
  'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'Th', 'ł': 'l', 'Ł': 'L',
  'ı': 'i', 'ħ': 'h', 'Ħ': 'H', 'ŋ': 'ng', 'Ŋ': 'NG', 'ſ': 's',
};

// Punctuation and symbols with a speakable or structural ASCII equivalent. Anything else that is
// not ASCII (emoji, pictographs, other scripts) becomes a space and is dropped later.
const SYMBOLS: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u02BC': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"',
  '\u00BB': '"', '\u2039': '"', '\u203A': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-',
  // En and em dashes separate clauses; spacing them out makes them read as a pause (comma).
  '\u2013': ' - ', '\u2014': ' - ', '\u2015': ' - ',
  '\u2026': '...', '\u00B7': ' ', '\u2022': ' ',
  '\u00A1': ' ', '\u00BF': ' ',
  '\u00A3': '£', '\u20AC': '€', '\u00A5': '¥', // currency is read by the number rules
  '\u00B0': ' degrees ', '\u00D7': ' times ', '\u00F7': ' divided by ', '\u00B1': ' plus or minus ',
  '\u2044': '/', '\u00A7': ' section ', '\u00B6': ' ', '\u00A9': ' copyright ', '\u00AE': ' ',
  '\u2122': ' ',
};

/**
 * Unicode to ASCII: compatibility decomposition (NFKD: "ﬁ" -> "fi", "²" -> "2", "é" -> "e" + mark),
 * combining marks stripped, typographic quotes/dashes/ellipsis to ASCII, the few letters without a
 * decomposition spelt out, and every other non-ASCII character (emoji, symbols, other scripts)
 * replaced by a space. The currency signs £ € ¥ survive, for the number rules ("£5" -> "five pounds").
 */
export function unicodeToAscii(input: string): string {
  let out = '';
  // Symbols are looked up before decomposition, which would otherwise turn "™" into "TM".
  for (const original of input) {
    const symbol = SYMBOLS[original];
    if (symbol !== undefined) {
      out += symbol;
      continue;
    }
    for (const ch of original.normalize('NFKD')) {
      if (/\p{M}/u.test(ch)) continue; // combining mark: drop the accent
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0x20 && code < 0x7f) out += ch;
      else if (/\s/u.test(ch)) out += ' ';
      else out += LETTERS[ch] ?? SYMBOLS[ch] ?? ' ';
    }
  }
  return out;
}
