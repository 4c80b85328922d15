import { describe, expect, it } from 'vitest';
import { readBackendPreference, readDebug, readEmbedMode, readPrecisionPreference, withBackendPreference } from './urlOptions';

describe('readBackendPreference', () => {
  it('reads ?backend=wasm and ?backend=webgpu', () => {
    expect(readBackendPreference('?backend=wasm')).toBe('wasm');
    expect(readBackendPreference('?x=1&backend=webgpu')).toBe('webgpu');
  });

  it('defaults to WebGPU-first for a missing or unknown value', () => {
    expect(readBackendPreference('')).toBe('webgpu');
    expect(readBackendPreference('?backend=cuda')).toBe('webgpu');
  });
});

describe('withBackendPreference', () => {
  it('sets the parameter and keeps the path (sub-path deployments) and other parameters', () => {
    expect(withBackendPreference('https://host/meld/?x=1&backend=webgpu#top', 'wasm')).toBe(
      'https://host/meld/?x=1&backend=wasm#top',
    );
  });
});

describe('other URL options', () => {
  it('reads precision, embed mode and debug, with safe defaults', () => {
    expect(readPrecisionPreference('?precision=fp16')).toBe('fp16');
    expect(readPrecisionPreference('?precision=int8')).toBe('auto');
    expect(readEmbedMode('?embed=tts')).toBe('tts');
    expect(readEmbedMode('?embed=stt')).toBe(null);
    expect(readDebug('?debug')).toBe(true);
    expect(readDebug('?x=1')).toBe(false);
  });
});
