// The CLIs refuse what they cannot honour: exit code 1 and one line on stderr, no stack, no output file.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../models/wav';
import { tone } from '../../models/testSignals';

const dir = mkdtempSync(join(tmpdir(), 'meld-cli-'));
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const twoMinutes = file('two_min.wav', encodeWav(tone(180, 120, { harmonics: 4 }), 16000));
const silence = file('silence.wav', encodeWav(new Float32Array(32000), 16000));
const notWav = file('notes.wav', 'this is not audio');
const preset = 'public/voices/flite-slt-test-005.wav';

function run(cli: 'tts' | 'stt', args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `training/cli/${cli}.ts`, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr.trim().split('\n').filter(Boolean) };
}

describe('CLI refusals', () => {
  it.each([
    ['a 2-minute prompt with --voice-text', 'tts', ['--text', 'Hello there.', '--voice', twoMinutes, '--voice-text', 'hello', '--out', join(dir, 'a.wav')], /voice prompt is 120\.0 s long/],
    ['a 2-minute prompt without --voice-text', 'tts', ['--text', 'Hello there.', '--voice', twoMinutes, '--out', join(dir, 'b.wav')], /voice prompt is 120\.0 s long/],
    ['a transcript the prompt cannot hold', 'tts', ['--text', 'Hi.', '--voice', preset, '--voice-text', 'word '.repeat(100), '--out', join(dir, 'c.wav')], /transcript has 500 characters/],
    ['a seed that is not a number', 'tts', ['--text', 'Hi.', '--voice', preset, '--voice-text', 'hi', '--seed', 'abc', '--out', join(dir, 'd.wav')], /--seed must be a whole number/],
    ['a temperature out of range', 'tts', ['--text', 'Hi.', '--voice', preset, '--voice-text', 'hi', '--temperature', '0', '--out', join(dir, 'e.wav')], /--temperature must be a number between/],
    ['text with nothing to speak', 'tts', ['--text', '🙂 🙂', '--voice', preset, '--voice-text', 'hi', '--out', join(dir, 'f.wav')], /nothing to speak/],
    ['a file that is not audio', 'stt', [notWav], /not a WAV file/],
    ['a silent recording', 'stt', [silence], /silent/],
  ] as const)('%s', (_name, cli, args, message) => {
    const r = run(cli, [...args]);
    expect(r.status).toBe(1);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^error: /);
    expect(r.stderr[0]).toMatch(message);
    for (const out of ['a', 'b', 'c', 'd', 'e', 'f']) expect(existsSync(join(dir, `${out}.wav`))).toBe(false);
  });
});
