// Numeric expressions to words: money, percentages, times, ordinals, decades, measurements,
// ranges, negatives, fractions, decimals, years and plain cardinals. Runs on ASCII text (plus the
// currency signs kept by unicodeToAscii), after abbreviations and before lowercasing.
// The rules run from the most specific pattern to the most general; each leaves words behind, so
// later rules never see the digits an earlier rule consumed.

import {
  cardinalWords,
  decimalWords,
  looksLikeYear,
  ordinalWords,
  pluralizeLastWord,
  yearWords,
} from './number-words';

/** A written quantity ("1,234.5", "-3", "7") read as a cardinal (never as a year). */
function quantityWords(written: string): string {
  const negative = written.startsWith('-');
  const [integer, fraction] = written.replace(/^-/, '').replace(/,/g, '').split('.');
  const words = fraction !== undefined ? decimalWords(integer, fraction) : cardinalWords(integer);
  return negative ? `minus ${words}` : words;
}

/** True when a written quantity is exactly one (singular unit: "1 kg" -> "one kilogram"). */
function isOne(written: string): boolean {
  return /^0*1$/.test(written.replace(/,/g, ''));
}

// Number written with optional thousands separators and decimals: 7, 1,234, 3.5, 1,000.25.
const QUANTITY = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';

interface Currency {
  readonly major: readonly [singular: string, plural: string];
  /** Subunit (hundredths); absent for currencies read with decimals, like the yen. */
  readonly minor?: readonly [singular: string, plural: string];
}

const CURRENCIES: Readonly<Record<string, Currency>> = {
  $: { major: ['dollar', 'dollars'], minor: ['cent', 'cents'] },
  '£': { major: ['pound', 'pounds'], minor: ['penny', 'pence'] },
  '€': { major: ['euro', 'euros'], minor: ['cent', 'cents'] },
  '¥': { major: ['yen', 'yen'] },
};

const SCALE_WORDS: Readonly<Record<string, string>> = {
  thousand: 'thousand', k: 'thousand', million: 'million', m: 'million', mn: 'million',
  billion: 'billion', b: 'billion', bn: 'billion', trillion: 'trillion', t: 'trillion',
};

/** "$5.20" -> "five dollars twenty cents", "£1" -> "one pound", "$2.5m" -> "two point five million dollars". */
function expandCurrency(text: string): string {
  const regex = new RegExp(
    `([$£€¥])\\s?(${QUANTITY})(?:\\s?(thousand|million|billion|trillion|mn|bn|[kmbt])(?![\\w']))?`,
    'gi',
  );
  return text.replace(regex, (_m: string, sign: string, amount: string, scale: string | undefined) => {
    const currency = CURRENCIES[sign];
    const [major, fraction] = amount.replace(/,/g, '').split('.');
    if (scale !== undefined) {
      return ` ${quantityWords(amount)} ${SCALE_WORDS[scale.toLowerCase()]} ${currency.major[1]} `;
    }
    const minorValue =
      currency.minor !== undefined && fraction !== undefined && fraction.length <= 2
        ? Number(fraction.padEnd(2, '0'))
        : undefined;
    if (minorValue === undefined) {
      return ` ${quantityWords(amount)} ${isOne(amount) ? currency.major[0] : currency.major[1]} `;
    }
    const parts: string[] = [];
    const majorValue = major.replace(/^0+(?=\d)/, '');
    if (majorValue !== '0' || minorValue === 0) {
      parts.push(`${cardinalWords(majorValue)} ${majorValue === '1' ? currency.major[0] : currency.major[1]}`);
    }
    if (minorValue > 0 && currency.minor !== undefined) {
      const [one, many] = currency.minor;
      parts.push(`${cardinalWords(String(minorValue))} ${minorValue === 1 ? one : many}`);
    }
    return ` ${parts.join(' ')} `;
  });
}

/** "50%" / "2.5 %" -> "fifty percent" / "two point five percent". */
function expandPercent(text: string): string {
  return text.replace(new RegExp(`(-?)(${QUANTITY})\\s?%`, 'g'), (_m, minus: string, amount: string) =>
    ` ${quantityWords(minus + amount)} percent `,
  );
}

/**
 * "5:30" -> "five thirty", "5:05" -> "five oh five", "5:00" -> "five o'clock",
 * "17:00" -> "seventeen hundred", "5:00 p m" -> "five p m" (meridiem already spelt by abbreviations).
 */
function expandTimes(text: string): string {
  return text.replace(
    /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b/g,
    (match: string, h: string, m: string, s: string | undefined, offset: number) => {
      const hours = Number(h);
      const minutes = Number(m);
      const seconds = s === undefined ? 0 : Number(s);
      if (hours > 24 || minutes > 59 || seconds > 59) return match; // not a time: a ratio or a score
      const meridiemFollows = /^\s[ap] m(?![\w'])/.test(text.slice(offset + match.length));
      const words = [cardinalWords(String(hours))];
      if (minutes === 0) {
        if (!meridiemFollows) words.push(hours === 0 || hours > 12 ? 'hundred' : "o'clock");
      } else {
        words.push(minutes < 10 ? `oh ${cardinalWords(String(minutes))}` : cardinalWords(String(minutes)));
      }
      if (seconds > 0) words.push(`and ${cardinalWords(String(seconds))} ${seconds === 1 ? 'second' : 'seconds'}`);
      return ` ${words.join(' ')} `;
    },
  );
}

/** "21st" -> "twenty first", "3rd" -> "third", "100th" -> "one hundredth". */
function expandOrdinals(text: string): string {
  return text.replace(/\b(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b/gi, (_m, digits: string) =>
    ` ${ordinalWords(digits.replace(/,/g, ''))} `,
  );
}

/** "1980s" -> "nineteen eighties", "'90s" / "90s" -> "nineties". */
function expandDecades(text: string): string {
  return text
    .replace(/\b(\d{4})'?s\b/g, (match: string, digits: string) =>
      looksLikeYear(digits) && digits.endsWith('0') ? ` ${pluralizeLastWord(yearWords(digits))} ` : match,
    )
    .replace(/(?<![\w'])'?([1-9]0)'?s\b/g, (_m, digits: string) => ` ${pluralizeLastWord(cardinalWords(digits))} `);
}

// Units read only after a number. [written forms (regex), singular, plural]; longer forms first.
const UNITS: ReadonlyArray<readonly [pattern: string, singular: string, plural: string]> = [
  ['km/h|kph|kmh', 'kilometer per hour', 'kilometers per hour'],
  ['mph', 'mile per hour', 'miles per hour'],
  ['kwh', 'kilowatt hour', 'kilowatt hours'],
  ['km', 'kilometer', 'kilometers'],
  ['cm', 'centimeter', 'centimeters'],
  ['mm', 'millimeter', 'millimeters'],
  ['mi', 'mile', 'miles'],
  ['ft', 'foot', 'feet'],
  ['yd', 'yard', 'yards'],
  ['kg', 'kilogram', 'kilograms'],
  ['mg', 'milligram', 'milligrams'],
  ['lbs?', 'pound', 'pounds'],
  ['oz', 'ounce', 'ounces'],
  ['ml', 'milliliter', 'milliliters'],
  ['khz', 'kilohertz', 'kilohertz'],
  ['mhz', 'megahertz', 'megahertz'],
  ['ghz', 'gigahertz', 'gigahertz'],
  ['hz', 'hertz', 'hertz'],
  ['kb', 'kilobyte', 'kilobytes'],
  ['mb', 'megabyte', 'megabytes'],
  ['gb', 'gigabyte', 'gigabytes'],
  ['tb', 'terabyte', 'terabytes'],
  ['kw', 'kilowatt', 'kilowatts'],
  ['ms', 'millisecond', 'milliseconds'],
  ['mins?', 'minute', 'minutes'],
  ['hrs?', 'hour', 'hours'],
  ['secs?', 'second', 'seconds'],
];
// One-letter units clash with words and initials, so only these lowercase ones, only after a number.
const LETTER_UNITS: ReadonlyArray<readonly [pattern: string, singular: string, plural: string]> = [
  ['m', 'meter', 'meters'],
  ['g', 'gram', 'grams'],
];

function unitRegex(units: typeof UNITS, flags: string): RegExp {
  const alternatives = units.map(([pattern]) => `(${pattern})`).join('|');
  // The period after a unit ("5 kg.") is left in place: it ends the sentence if anything.
  return new RegExp(`(?<![\\w.])(-?(?:${QUANTITY}))\\s?(?:${alternatives})(?![\\w'])`, flags);
}

/** "5 km" -> "five kilometers", "1kg" -> "one kilogram", "25 degrees C" -> "twenty five degrees celsius". */
function expandUnits(text: string): string {
  let out = text;
  for (const [units, flags] of [[UNITS, 'gi'], [LETTER_UNITS, 'g']] as const) {
    out = out.replace(unitRegex(units, flags), (_m: string, amount: string, ...rest: unknown[]) => {
      // One capture group per unit: the first one that matched says which unit it was.
      const index = rest.findIndex((group) => typeof group === 'string');
      const [, singular, plural] = units[index];
      return ` ${quantityWords(amount)} ${isOne(amount) ? singular : plural} `;
    });
  }
  return out
    .replace(/\bdegrees\s?C\b/g, 'degrees celsius')
    .replace(/\bdegrees\s?F\b/g, 'degrees fahrenheit')
    .replace(/(?<![\w.,])(-?1)\s+degrees\b/g, '$1 degree');
}

/** "#1" -> "number 1". */
function expandNumberSign(text: string): string {
  return text.replace(/#\s?(?=\d)/g, ' number ');
}

/** "1,234,567" -> "one million two hundred thirty four thousand five hundred sixty seven". */
function expandGroupedNumbers(text: string): string {
  return text.replace(/\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b/g, (m: string) => ` ${quantityWords(m)} `);
}

/** "10-20" -> "10 to 20" (a range of two numbers; longer chains such as dates are left alone). */
function expandRanges(text: string): string {
  return text.replace(/(?<![\d-])(\d+)\s?-\s?(\d+)(?![\d-])/g, '$1 to $2');
}

/** "-5" -> "minus 5" when the minus sign starts a token. */
function expandNegatives(text: string): string {
  return text.replace(/(?<![\w.])-(?=\.?\d)/g, 'minus ');
}

/** "1/2" -> "one half", "3/4" -> "three quarters", "2/3" -> "two thirds"; other a/b "a slash b". */
function expandFractions(text: string): string {
  return text.replace(/(?<![\d/])(\d+)\/(\d+)(?![\d/])/g, (_m, n: string, d: string) => {
    const numerator = Number(n);
    const denominator = Number(d);
    if (!(denominator >= 2 && denominator <= 16 && numerator >= 1 && numerator < denominator)) {
      return ` ${cardinalWords(n)} slash ${cardinalWords(d)} `;
    }
    const plural = numerator !== 1;
    const name =
      denominator === 2 ? (plural ? 'halves' : 'half')
      : denominator === 4 ? (plural ? 'quarters' : 'quarter')
      : `${ordinalWords(d)}${plural ? 's' : ''}`;
    return ` ${cardinalWords(n)} ${name} `;
  });
}

/** "3.14" -> "three point one four", ".5" -> "point five", "1.2.3" -> "one point two point three". */
function expandDecimals(text: string): string {
  return text
    .replace(/\b\d+(?:\.\d+)+\b/g, (m: string) =>
      ` ${m.split('.').map((part, i) => (i === 0 ? cardinalWords(part) : digitsAfterPoint(part))).join(' point ')} `,
    )
    .replace(/(?<![\w.])\.(\d+)\b/g, (_m, digits: string) => ` point ${digitsAfterPoint(digits)} `);
}

function digitsAfterPoint(digits: string): string {
  return decimalWords('', digits).replace(/^point /, '');
}

/** Bare 4-digit numbers from 1100 to 2099 are years: "1984" -> "nineteen eighty four". */
function expandYears(text: string): string {
  return text.replace(/\b\d{4}\b/g, (m: string) => (looksLikeYear(m) ? ` ${yearWords(m)} ` : m));
}

/** Every remaining run of digits as a cardinal ("mp3" -> "mp three"). */
function expandCardinals(text: string): string {
  return text.replace(/\d+/g, (m: string) => ` ${cardinalWords(m)} `);
}

/** All numeric expressions in `text` to English words. */
export function expandNumbers(text: string): string {
  const rules = [
    expandCurrency,
    expandPercent,
    expandTimes,
    expandOrdinals,
    expandDecades,
    expandUnits,
    expandNumberSign,
    expandGroupedNumbers,
    expandRanges,
    expandNegatives,
    expandFractions,
    expandDecimals,
    expandYears,
    expandCardinals,
  ];
  return rules.reduce((out, rule) => rule(out), text);
}
