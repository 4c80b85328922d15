// Before a long build: are the synthesisers and voices the plan needs installed? A missing voice
// would otherwise only show up as thousands of failed clips.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { systemEspeakData } from './espeak-data-dir';
import { ALL_BASE_VOICES, type SynthVoice } from './voices';

const FESTIVAL_VOICE_DIRS = ['/usr/share/festival/voices/english', '/usr/share/festival/voices/us'];
const MBROLA_DIRS = ['/usr/share/mbrola', '/usr/lib/x86_64-linux-gnu/mbrola', '/usr/lib/mbrola'];

function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let fliteVoices: string[] | undefined;

function isAvailable(voice: SynthVoice): boolean {
  if (voice.kind === 'festival') {
    return hasCommand('festival') && FESTIVAL_VOICE_DIRS.some((d) => fs.existsSync(`${d}/${voice.voice}`));
  }
  if (voice.kind === 'flite') {
    if (!hasCommand('flite')) return false;
    fliteVoices ??= execFileSync('flite', ['-lv'], { encoding: 'utf8' }).replace('Voices available:', '').trim().split(/\s+/);
    return fliteVoices.includes(voice.voice);
  }
  const mbrola = /^mb-([a-z]{2}\d)/.exec(voice.voice);
  if (mbrola) return hasCommand('mbrola') && MBROLA_DIRS.some((d) => fs.existsSync(`${d}/${mbrola[1]}/${mbrola[1]}`));
  return systemEspeakData() !== '';
}

/** Debian packages to install for the voices that are missing (empty when all are there). */
export function missingPackages(voices: readonly SynthVoice[]): string[] {
  const missing = new Set<string>();
  if (!hasCommand('sox')) missing.add('sox');
  if (!hasCommand('espeak-ng')) missing.add('espeak-ng');
  for (const voice of voices) {
    if (isAvailable(voice)) continue;
    const base = ALL_BASE_VOICES.find((v) => v.synth.kind === voice.kind && v.synth.voice === voice.voice);
    for (const p of base?.packages ?? ['espeak-ng']) missing.add(p);
  }
  return [...missing].sort();
}
