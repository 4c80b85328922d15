import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './index';

const prompt = (label: string) => ({ audio: new Float32Array(16000), text: 'hi', label });
const initial = useAppStore.getState();

beforeEach(() => useAppStore.setState(initial, true));

describe('voice choices', () => {
  it('a late result of an older choice never replaces a newer one', () => {
    const s = useAppStore.getState();
    s.setVoiceSource('upload');
    const upload = s.newVoiceChoice();
    s.promptLoading(upload, 'transcribing');
    s.setVoiceSource('preset');
    const preset = useAppStore.getState().newVoiceChoice();
    useAppStore.getState().setPrompt(preset, prompt('CMU SLT'));
    // The upload's transcription finishes late.
    useAppStore.getState().setPrompt(upload, prompt('two_min.wav'));
    useAppStore.getState().promptFailed(upload, { kind: 'engine', message: 'late' });
    const after = useAppStore.getState();
    expect(after.voiceSource).toBe('preset');
    expect(after.prompt?.label).toBe('CMU SLT');
    expect(after.promptStatus.phase).toBe('ready');
  });

  it('switching the source alone makes earlier results stale', () => {
    const s = useAppStore.getState();
    s.setVoiceSource('upload');
    const upload = s.newVoiceChoice();
    s.setVoiceSource('recording');
    useAppStore.getState().setPrompt(upload, prompt('file.wav'));
    expect(useAppStore.getState().prompt).toBeNull();
  });
});

describe('error messages go with their cause', () => {
  it('a text error goes when the text changes; a voice error does not', () => {
    useAppStore.getState().ttsFailed({ kind: 'empty-text', message: 'Type some text to speak first.' });
    useAppStore.getState().setText('now there is text');
    expect(useAppStore.getState().tts.phase).toBe('idle');
    useAppStore.getState().ttsFailed({ kind: 'no-voice', message: 'Choose a voice first.' });
    useAppStore.getState().setText('more text');
    expect(useAppStore.getState().tts.phase).toBe('failed');
  });

  it('a voice error goes with a new voice or an edited transcript', () => {
    const s = useAppStore.getState();
    s.ttsFailed({ kind: 'prompt', reason: 'transcript-too-long', message: 'too long' });
    s.setPrompt(s.newVoiceChoice(), prompt('x'));
    expect(useAppStore.getState().tts.phase).toBe('idle');
    useAppStore.getState().ttsFailed({ kind: 'prompt', reason: 'transcript-too-long', message: 'too long' });
    useAppStore.getState().setPromptText('shorter');
    expect(useAppStore.getState().tts.phase).toBe('idle');
  });

  it('"busy" goes when the engine is free, in either panel', () => {
    useAppStore.getState().ttsFailed({ kind: 'busy' });
    useAppStore.getState().sttFailed({ kind: 'busy' });
    useAppStore.getState().ttsCauseGone('engine-free');
    useAppStore.getState().sttEngineFree();
    expect(useAppStore.getState().tts.phase).toBe('idle');
    expect(useAppStore.getState().stt.phase).toBe('idle');
  });

  it('text over the limit is kept as typed, never cut', () => {
    const long = 'a'.repeat(useAppStore.getState().textLimit + 5);
    useAppStore.getState().setText(long);
    expect(useAppStore.getState().text).toBe(long);
  });
});
