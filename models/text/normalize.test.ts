import { describe, expect, it } from 'vitest';
import { normalizeText, splitSentences, TEXT_ALPHABET, TextError } from './normalize';

/** Every case below was checked by hand against how a careful American reader says it. */
function expectNormalized(cases: ReadonlyArray<readonly [string, string]>): void {
  for (const [input, expected] of cases) expect(normalizeText(input), input).toBe(expected);
}

describe('normalizeText: numbers', () => {
  it('reads cardinals, negatives and decimals', () => {
    expectNormalized([
      ['0', 'zero'],
      ['7', 'seven'],
      ['13', 'thirteen'],
      ['42', 'forty two'],
      ['100', 'one hundred'],
      ['101', 'one hundred one'],
      ['999', 'nine hundred ninety nine'],
      ['12345', 'twelve thousand three hundred forty five'],
      ['1,234,567', 'one million two hundred thirty four thousand five hundred sixty seven'],
      ['1000000', 'one million'],
      ['2000000000', 'two billion'],
      ['007', 'zero zero seven'],
      ['-5', 'minus five'],
      ['It was -12 degrees.', 'it was minus twelve degrees.'],
      ['3.14', 'three point one four'],
      ['0.5', 'zero point five'],
      ['.75', 'point seven five'],
      ['-2.5', 'minus two point five'],
      ['version 1.2.3', 'version one point two point three'],
      ['mp3', 'mp three'],
    ]);
  });

  it('reads ordinals', () => {
    expectNormalized([
      ['1st', 'first'],
      ['2nd', 'second'],
      ['3rd', 'third'],
      ['4th', 'fourth'],
      ['11th', 'eleventh'],
      ['12th', 'twelfth'],
      ['20th', 'twentieth'],
      ['21st', 'twenty first'],
      ['42nd', 'forty second'],
      ['99th', 'ninety ninth'],
      ['100th', 'one hundredth'],
      ['the 1,000th visitor', 'the one thousandth visitor'],
    ]);
  });

  it('reads years, decades and ranges', () => {
    expectNormalized([
      ['1984', 'nineteen eighty four'],
      ['In 1066 they landed.', 'in ten sixty six they landed.'],
      ['1900', 'nineteen hundred'],
      ['1905', 'nineteen oh five'],
      ['2000', 'two thousand'],
      ['2005', 'two thousand five'],
      ['2010', 'twenty ten'],
      ['2024', 'twenty twenty four'],
      ['the 1980s', 'the nineteen eighties'],
      ["the '90s", 'the nineties'],
      ['the 60s', 'the sixties'],
      ['1990-1995', 'nineteen ninety to nineteen ninety five'],
      ['pages 10-20', 'pages ten to twenty'],
    ]);
  });

  it('reads money', () => {
    expectNormalized([
      ['$5.20', 'five dollars twenty cents'],
      ['$1', 'one dollar'],
      ['$1.01', 'one dollar one cent'],
      ['$0.99', 'ninety nine cents'],
      ['$0', 'zero dollars'],
      ['$1,000', 'one thousand dollars'],
      ['$2.5 million', 'two point five million dollars'],
      ['$3bn', 'three billion dollars'],
      ['£5', 'five pounds'],
      ['£2.50', 'two pounds fifty pence'],
      ['€1.05', 'one euro five cents'],
      ['¥500', 'five hundred yen'],
      ['It costs $5.', 'it costs five dollars.'],
    ]);
  });

  it('reads percentages, times, fractions and units', () => {
    expectNormalized([
      ['50%', 'fifty percent'],
      ['2.5 %', 'two point five percent'],
      ['5:30', 'five thirty'],
      ['5:05', 'five oh five'],
      ['5:00', "five o'clock"],
      ['17:45', 'seventeen forty five'],
      ['17:00', 'seventeen hundred'],
      ['at 5:30 p.m. today', 'at five thirty p m today'],
      ['at 7:00 AM', 'at seven a m'],
      ['at 5pm', 'at five p m'],
      ['We met at 6 a.m. Then we left.', 'we met at six a m. then we left.'],
      ['1/2', 'one half'],
      ['3/4', 'three quarters'],
      ['2/3', 'two thirds'],
      ['5/8', 'five eighths'],
      ['24/7', 'twenty four slash seven'],
      ['5 km', 'five kilometers'],
      ['1 kg', 'one kilogram'],
      ['2.5kg', 'two point five kilograms'],
      ['100 km/h', 'one hundred kilometers per hour'],
      ['60 mph', 'sixty miles per hour'],
      ['3 ft', 'three feet'],
      ['500 ms', 'five hundred milliseconds'],
      ['16 GB', 'sixteen gigabytes'],
      ['25°C', 'twenty five degrees celsius'],
      ['1 m', 'one meter'],
      ['#1', 'number one'],
    ]);
  });
});

describe('normalizeText: abbreviations and symbols', () => {
  it('expands abbreviations', () => {
    expectNormalized([
      ['Mr. Smith', 'mister smith'],
      ['Mrs Jones', 'missus jones'],
      ['Ms. Lee', 'miss lee'],
      ['Dr. Who', 'doctor who'],
      ['St. Louis', 'saint louis'],
      ['He lives on Elm St. in town.', 'he lives on elm street in town.'],
      ['Prof. Plum', 'professor plum'],
      ['apples, pears, etc.', 'apples, pears, et cetera.'],
      ['apples, etc. and more', 'apples, et cetera and more'],
      ['cats vs. dogs', 'cats versus dogs'],
      ['fruit, e.g. apples', 'fruit, for example apples'],
      ['one, i.e. this', 'one, that is this'],
      ['No. 5', 'number five'],
      ['Jan. 21st', 'january twenty first'],
      ['Dec 25', 'december twenty five'],
      ['Sept. 11', 'september eleven'],
      ['the U.S.A. is big', 'the u s a is big'],
      ['I live in the U.S. Then I moved.', 'i live in the u s. then i moved.'],
      ['Sat. and Wed.', 'saturday and wednesday.'],
    ]);
  });

  it('keeps words that look like abbreviations', () => {
    expectNormalized([
      ['I said no.', 'i said no.'],
      ['The march of time', 'the march of time'],
      ['She sat down.', 'she sat down.'],
      ['It is 1st place', 'it is first place'],
    ]);
  });

  it('reads symbols', () => {
    expectNormalized([
      ['Tom & Jerry', 'tom and jerry'],
      ['2 + 2 = 4', 'two plus two equals four'],
      ['C++', 'c plus plus'],
      ['me@example.com', 'me at example dot com'],
      ['node.js', 'node dot js'],
      ['100 %', 'one hundred percent'],
    ]);
  });
});

describe('normalizeText: unicode and punctuation', () => {
  it('folds unicode to ASCII', () => {
    expectNormalized([
      ['Café naïve résumé', 'cafe naive resume'],
      ['Ærøskøbing Straße', 'aeroskobing strasse'],
      ['“Quoted” and ‘single’', 'quoted and single'],
      ['It’s fine', "it's fine"],
      ['wait… what', 'wait. what'],
      ['yes—no', 'yes, no'],
      ['pages 3–5', 'pages three to five'],
      ['ﬁne', 'fine'],
      ['½ cup', 'one half cup'],
      ['hello 😀 world 🎉', 'hello world'],
      ['Hello 世界', 'hello'],
      ['x² ™', 'x two'],
    ]);
  });

  it('maps and collapses punctuation', () => {
    expectNormalized([
      ['Hello, World!', 'hello, world!'],
      ['Really?!', 'really?'],
      ['Wow!!!', 'wow!'],
      ['Wait...', 'wait.'],
      ['Yes; no: maybe', 'yes, no, maybe'],
      ['one -- two - three', 'one, two, three'],
      ['well-known', 'well known'],
      ['(aside) [note] {x} "quote"', 'aside note x quote'],
      ['...leading dots', 'leading dots'],
      ['!?, Hello', 'hello'],
      ['hello , world .', 'hello, world.'],
      ['a,b', 'a, b'],
      ['spaces   \t and\nlines', 'spaces and lines'],
      ["don't 'quote' me", "don't quote me"],
      ['*bold* _under_ ~tilde~', 'bold under tilde'],
    ]);
  });

  it('only outputs characters of TEXT_ALPHABET', () => {
    const samples = [
      'Hello, World! It’s 5:30 p.m. on Jan. 21st, 1984 — $5.20 (50%) & more… ½ 😀 «ok» Ω',
      'The 1980s: e.g. 3.14, -7, #9, 25°C, 100km/h; user@mail.org [x] {y} | \\ ^ ` ~ < >',
    ];
    const alphabet = new Set(TEXT_ALPHABET);
    for (const s of samples) {
      const out = normalizeText(s);
      for (const ch of out) expect(alphabet.has(ch), `"${ch}" in "${out}"`).toBe(true);
      expect(out).not.toMatch(/ {2}|^ | $|^[,.?!]|[,.?!]{2}| [,.?!]/);
    }
  });

  it('exports its alphabet: a-z, space, apostrophe and , . ? !', () => {
    expect([...TEXT_ALPHABET].sort()).toEqual([..." '!,.?abcdefghijklmnopqrstuvwxyz"].sort());
  });
});

describe('normalizeText: errors', () => {
  function errorOf(input: string): TextError {
    try {
      normalizeText(input);
    } catch (error) {
      if (error instanceof TextError) return error;
      throw error;
    }
    throw new Error(`no error for "${input}"`);
  }

  it.each(['', '   ', '\n\t '])('empty input %j -> kind "empty"', (input) => {
    const error = errorOf(input);
    expect(error.kind).toBe('empty');
    expect(error.message).toMatch(/empty/);
  });

  it.each(['😀🎉', '!!!', '...', '* ~ ^', 'Привет мир', '日本語'])('nothing speakable in %j -> kind "unspeakable"', (input) => {
    const error = errorOf(input);
    expect(error.kind).toBe('unspeakable');
    expect(error.name).toBe('TextError');
    expect(error.message).toContain(input);
  });
});

describe('splitSentences', () => {
  const text = 'hello there. how are you today? i am fine, thanks! the end.';

  it('splits at sentence ends, keeping the marks', () => {
    expect(splitSentences(text, 100)).toEqual([
      'hello there.',
      'how are you today?',
      'i am fine, thanks!',
      'the end.',
    ]);
  });

  it('splits a long sentence at commas, then at spaces, and re-packs the pieces', () => {
    const sentence = 'one two three, four five six, seven eight nine ten eleven twelve thirteen.';
    const chunks = splitSentences(sentence, 30);
    expect(chunks).toEqual(['one two three, four five six,', 'seven eight nine ten eleven', 'twelve thirteen.']);
    expect(chunks.join(' ')).toBe(sentence);
  });

  it('keeps every chunk within maxChars and loses no text', () => {
    const long = normalizeText(
      'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of ' +
        'foolishness, it was the epoch of belief, it was the epoch of incredulity. Short one. ' +
        'And a last sentence without any commas that goes on and on for quite a while indeed!',
    );
    // 15 and up: longer than the longest word, so nothing is cut.
    for (const maxChars of [15, 25, 40, 80, 1000]) {
      const chunks = splitSentences(long, maxChars);
      for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(maxChars);
      expect(chunks.join(' ')).toBe(long);
    }
  });

  it('cuts a single word longer than maxChars', () => {
    expect(splitSentences('supercalifragilistic.', 8)).toEqual(['supercal', 'ifragili', 'stic.']);
  });

  it('handles text without end marks and empty text', () => {
    expect(splitSentences('no end mark here', 50)).toEqual(['no end mark here']);
    expect(splitSentences('', 50)).toEqual([]);
  });

  it('rejects a non-positive maxChars', () => {
    expect(() => splitSentences(text, 0)).toThrow(RangeError);
    expect(() => splitSentences(text, 2.5)).toThrow(RangeError);
  });
});
