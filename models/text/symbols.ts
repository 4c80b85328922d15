// Symbols that are spoken as words. Runs after numbers (so "%" after a number is already read).

const SPOKEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/&/g, ' and '],
  [/\+/g, ' plus '],
  [/@/g, ' at '],
  [/=/g, ' equals '],
  [/%/g, ' percent '],
  // A period inside a name with no space ("example.com", "node.js") is said "dot".
  [/(?<=[A-Za-z])\.(?=[a-z])/g, ' dot '],
];

/** Speak the symbols that have a reading; the rest are dropped by the punctuation stage. */
export function expandSymbols(text: string): string {
  return SPOKEN.reduce((out, [pattern, words]) => out.replace(pattern, words), text);
}
