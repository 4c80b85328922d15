// The voice inventory: every base voice the synthetic corpus can use, with its voice FAMILY (the
// underlying recorded speaker, or "espeak" for the formant synthesiser). Several engines share a
// recorded speaker: flite's slt and festival's HTS slt are both CMU ARCTIC "slt"; espeak-ng's mb-us2
// and festival's us2_mbrola both play the MBROLA us2 diphones; flite's kal16 and festival's
// kal_diphone are both Kevin Lenzo's diphones. A family is held out WHOLE: no engine of it is trained on.
//
// Never used (reserved for evaluation outside the project): RHVoice and SVOX pico voices.

export type SynthEngine = 'espeak-ng' | 'mbrola' | 'festival' | 'flite';

/** How to make a base voice speak. */
export type SynthVoice =
  /** espeak-ng -v <voice>; MBROLA voices are espeak-ng "mb-*" voices; a random voice variant comes
   *  with its variant file, installed in a private espeak-ng data directory for the synthesis. */
  | { kind: 'espeak'; voice: string; variant?: { name: string; text: string } }
  | { kind: 'flite'; voice: string }
  /** festival, selecting the voice with the Scheme call (voice_<name>). */
  | { kind: 'festival'; voice: string };

export interface BaseVoice {
  /** Speaker id of the clean voice, e.g. "flite-rms"; augmented speakers append a suffix. */
  id: string;
  family: string;
  engine: SynthEngine;
  synth: SynthVoice;
  gender: 'female' | 'male';
  /** Debian packages that provide it (beyond the engine itself). */
  packages: readonly string[];
}

/** Families never trained on: the zero-shot test voices (see training/data/README.md for why these). */
export const HELD_OUT_FAMILIES: readonly string[] = ['cmu-slt', 'cmu-awb', 'mbrola-us2'];

const mbrola = (code: string, gender: BaseVoice['gender'], voice = `mb-${code}`): BaseVoice => ({
  id: `mbrola-${code}`,
  family: `mbrola-${code}`,
  engine: 'mbrola',
  synth: { kind: 'espeak', voice },
  gender,
  packages: ['mbrola', `mbrola-${code}`],
});

const festival = (id: string, family: string, voice: string, gender: BaseVoice['gender'], packages: string[]): BaseVoice => ({
  id: `festival-${id}`,
  family,
  engine: 'festival',
  synth: { kind: 'festival', voice },
  gender,
  packages: ['festival', ...packages],
});

const flite = (id: string, family: string, voice: string, gender: BaseVoice['gender']): BaseVoice => ({
  id: `flite-${id}`,
  family,
  engine: 'flite',
  synth: { kind: 'flite', voice },
  gender,
  packages: ['flite'],
});

/** Natural-sounding (recorded speech) voices with a native English front end. */
export const ENGLISH_VOICES: readonly BaseVoice[] = [
  mbrola('us1', 'female'),
  mbrola('us2', 'male'),
  mbrola('us3', 'male'),
  mbrola('en1', 'male'),
  festival('us1', 'mbrola-us1', 'us1_mbrola', 'female', ['festvox-us1']),
  festival('us2', 'mbrola-us2', 'us2_mbrola', 'male', ['festvox-us2']),
  festival('us3', 'mbrola-us3', 'us3_mbrola', 'male', ['festvox-us3']),
  festival('en1', 'mbrola-en1', 'en1_mbrola', 'male', ['festvox-en1']),
  festival('kal', 'cmu-kal', 'kal_diphone', 'male', ['festvox-kallpc16k']),
  festival('ked', 'cmu-ked', 'ked_diphone', 'male', ['festvox-kdlpc16k']),
  festival('rab', 'cstr-rab', 'rab_diphone', 'male', ['festvox-rablpc16k']),
  festival('slt', 'cmu-slt', 'cmu_us_slt_arctic_hts', 'female', ['festvox-us-slt-hts']),
  flite('kal', 'cmu-kal', 'kal16', 'male'),
  flite('rms', 'cmu-rms', 'rms', 'male'),
  flite('slt', 'cmu-slt', 'slt', 'female'),
  flite('awb', 'cmu-awb', 'awb', 'male'),
];

/** MBROLA diphones of other languages reading English through espeak-ng's "-en" mappings: accented
 *  and less intelligible, but more recorded timbres (de3, fr4 and gr2 were left out as too garbled). */
export const ACCENTED_MBROLA_VOICES: readonly BaseVoice[] = (
  [
    ['af1', 'male'],
    ['de1', 'female'],
    ['de2', 'male'],
    ['de4', 'male'],
    ['de5', 'female'],
    ['de6', 'male'],
    ['fr1', 'male'],
    ['hu1', 'male'],
    ['nl2', 'male'],
    ['pl1', 'female'],
    ['ro1', 'male'],
    ['sw1', 'male'],
    ['sw2', 'female'],
  ] as const
).map(([code, gender]) => mbrola(code, gender, `mb-${code}-en`));

export const ALL_BASE_VOICES: readonly BaseVoice[] = [...ENGLISH_VOICES, ...ACCENTED_MBROLA_VOICES];

export function baseVoice(id: string): BaseVoice {
  const voice = ALL_BASE_VOICES.find((v) => v.id === id);
  if (!voice) throw new Error(`unknown base voice "${id}" (known: ${ALL_BASE_VOICES.map((v) => v.id).join(', ')})`);
  return voice;
}

export function isHeldOut(family: string): boolean {
  return HELD_OUT_FAMILIES.includes(family);
}

/** The family of every espeak-ng formant-synthesis speaker (voice variants are speakers of it). */
export const ESPEAK_FAMILY = 'espeak';
