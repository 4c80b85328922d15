// Common English abbreviations spelt out. Runs on ASCII text before numbers are read and before
// lowercasing, because capitalisation and digits are the only clues that disambiguate them.

import { endsSentence } from './sentence-end';

interface Abbreviation {
  /** Regular expression source of the abbreviation without its trailing period. */
  readonly pattern: string;
  readonly expansion: string;
  /** 'required': only expanded when written with a period (the bare form is a common word). */
  readonly period: 'optional' | 'required';
  /** Titles precede a name, so their period never ends a sentence ("Dr. Smith"). */
  readonly title?: boolean;
  /** Lookahead source that must follow, e.g. a digit for "No. 5". */
  readonly followedBy?: string;
  /** Match case as written (e.g. capitalised day names, which are also words: "Sat", "Wed"). */
  readonly caseSensitive?: boolean;
}

const MONTHS: ReadonlyArray<readonly [string, string]> = [
  ['jan', 'january'], ['feb', 'february'], ['mar', 'march'], ['apr', 'april'], ['jun', 'june'],
  ['jul', 'july'], ['aug', 'august'], ['sept?', 'september'], ['oct', 'october'],
  ['nov', 'november'], ['dec', 'december'],
];

const DAYS: ReadonlyArray<readonly [string, string]> = [
  ['Mon', 'monday'], ['Tue|Tues', 'tuesday'], ['Wed', 'wednesday'], ['Thu|Thur|Thurs', 'thursday'],
  ['Fri', 'friday'], ['Sat', 'saturday'], // not "Sun.": the star ends sentences too
];

const ABBREVIATIONS: readonly Abbreviation[] = [
  { pattern: 'e\\.g', expansion: 'for example', period: 'optional' },
  { pattern: 'i\\.e', expansion: 'that is', period: 'optional' },
  { pattern: 'ph\\.d', expansion: 'p h d', period: 'optional' },
  { pattern: 'mrs', expansion: 'missus', period: 'optional', title: true },
  { pattern: 'mr', expansion: 'mister', period: 'optional', title: true },
  // "ms" after a number is milliseconds (a unit), so only the title before a name.
  { pattern: 'ms', expansion: 'miss', period: 'optional', title: true, followedBy: '\\s+[A-Z]' },
  { pattern: 'prof', expansion: 'professor', period: 'optional', title: true },
  { pattern: 'capt', expansion: 'captain', period: 'optional', title: true },
  { pattern: 'lt', expansion: 'lieutenant', period: 'required', title: true },
  { pattern: 'sgt', expansion: 'sergeant', period: 'optional', title: true },
  { pattern: 'gov', expansion: 'governor', period: 'required', title: true },
  { pattern: 'rev', expansion: 'reverend', period: 'required', title: true },
  { pattern: 'mt', expansion: 'mount', period: 'optional', title: true, followedBy: '\\s+[A-Z]' },
  // Before a name: doctor / saint; elsewhere ("Elm Dr.", "Main St."): drive / street.
  { pattern: 'dr', expansion: 'doctor', period: 'optional', title: true, followedBy: '\\s+[A-Z]' },
  { pattern: 'st', expansion: 'saint', period: 'optional', title: true, followedBy: '\\s+[A-Z]' },
  { pattern: 'dr', expansion: 'drive', period: 'required' },
  { pattern: 'st', expansion: 'street', period: 'required' },
  { pattern: 'jr', expansion: 'junior', period: 'optional' },
  { pattern: 'sr', expansion: 'senior', period: 'optional' },
  { pattern: 'ave', expansion: 'avenue', period: 'required' },
  { pattern: 'blvd', expansion: 'boulevard', period: 'optional' },
  { pattern: 'rd', expansion: 'road', period: 'required' },
  { pattern: 'etc', expansion: 'et cetera', period: 'optional' },
  { pattern: 'vs', expansion: 'versus', period: 'optional' },
  { pattern: 'approx', expansion: 'approximately', period: 'optional' },
  { pattern: 'dept', expansion: 'department', period: 'optional' },
  { pattern: 'govt', expansion: 'government', period: 'optional' },
  { pattern: 'inc', expansion: 'incorporated', period: 'required' },
  { pattern: 'ltd', expansion: 'limited', period: 'optional' },
  { pattern: 'corp', expansion: 'corporation', period: 'required' },
  { pattern: 'no', expansion: 'number', period: 'required', followedBy: '\\s*\\d' },
  { pattern: 'nos', expansion: 'numbers', period: 'required', followedBy: '\\s*\\d' },
  // Month names are also words ("mar", "sept"): expand them with a period or before a day number.
  ...MONTHS.flatMap(([pattern, expansion]): Abbreviation[] => [
    { pattern, expansion, period: 'required' },
    { pattern, expansion, period: 'optional', followedBy: '\\s+\\d' },
  ]),
  ...DAYS.map(([pattern, expansion]): Abbreviation => ({
    pattern, expansion, period: 'required', caseSensitive: true,
  })),
];

/** "mr" -> "[mM][rR]". Abbreviation patterns only hold letters, "?", "|" and "\\.". */
function anyCase(pattern: string): string {
  return pattern.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/** A compiled rule: a sticky regex whose group 1 is the trailing period, and the spoken form. */
interface Rule {
  readonly regex: RegExp;
  readonly spoken: (match: string) => string;
  /** Titles precede a name, so their period never ends a sentence. */
  readonly title: boolean;
}

function compile(abbreviation: Abbreviation): Rule {
  const { pattern, expansion, period, title, followedBy, caseSensitive } = abbreviation;
  const dot = period === 'required' ? '(\\.)' : '(\\.)?';
  // Without a period the abbreviation must end the word; "e.g" ends in a letter so \b works.
  const after = followedBy !== undefined ? `(?=${followedBy})` : period === 'required' ? '' : "(?![\\w'])";
  // Case-insensitivity is spelt into the abbreviation itself ([Mm][Rr]) so that a `followedBy`
  // such as "\\s+[A-Z]" (a capitalised name) keeps its case.
  const written = caseSensitive ? pattern : anyCase(pattern);
  return { regex: new RegExp(`\\b(?:${written})\\b${dot}${after}`, 'y'), spoken: () => expansion, title: title ?? false };
}

const RULES: readonly Rule[] = [
  ...ABBREVIATIONS.map(compile),
  // Dotted initialisms "U.S.A." -> "U S A": the dots are not sentence ends.
  {
    regex: /\b[A-Za-z](?:\.[A-Za-z])+\b(\.)?/y,
    spoken: (match) => match.split('.').filter((letter) => letter !== '').join(' '),
    title: false,
  },
];

/** "a.m." / "PM" right after a number -> " a m" / " p m" (letters, as they are said). */
function expandMeridiem(text: string): string {
  return text.replace(
    /(?<=\d)\s?([ap])\.?m(\.)?(?![\w'])/gi,
    (match: string, letter: string, dotMatch: string | undefined, offset: number) => {
      const spoken = ` ${letter.toLowerCase()} m`;
      return dotMatch !== undefined && endsSentence(text, offset + match.length) ? `${spoken}.` : spoken;
    },
  );
}

/**
 * Spell out abbreviations in ASCII text (case is kept; the caller lowercases later).
 * One left-to-right scan trying every rule at each word start, so that every decision (a
 * capitalised name follows, the period ends a sentence) looks at the text as written rather than at
 * the output of another rule.
 */
export function expandAbbreviations(text: string): string {
  const input = expandMeridiem(text);
  let out = '';
  let i = 0;
  while (i < input.length) {
    const wordStart = /[A-Za-z]/.test(input[i]) && (i === 0 || !/[A-Za-z]/.test(input[i - 1]));
    let consumed = 0;
    if (wordStart) {
      for (const rule of RULES) {
        rule.regex.lastIndex = i;
        const match = rule.regex.exec(input);
        if (match === null) continue;
        const end = i + match[0].length;
        const keepPeriod = match[1] !== undefined && !rule.title && endsSentence(input, end);
        out += keepPeriod ? `${rule.spoken(match[0])}.` : rule.spoken(match[0]);
        consumed = match[0].length;
        break;
      }
    }
    if (consumed === 0) {
      out += input[i];
      consumed = 1;
    }
    i += consumed;
  }
  return out;
}
