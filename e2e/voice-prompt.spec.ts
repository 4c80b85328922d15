import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openReady, readStore } from './appPage';
import { longSpeechWav } from './micClips';

/**
 * Issue 19, problems 1 and 2: the voice shown is the voice used (a late transcription never
 * overwrites a newer choice), and long voice prompts are trimmed up front, saying so, with every
 * failure naming its real cause.
 */

const PRESETS = JSON.parse(readFileSync(new URL('../dist/voices/presets.json', import.meta.url), 'utf8')).presets as { id: string; label: string; transcript: string }[];

interface VoiceSnapshot {
  source: string;
  label: string | null;
  samples: number;
}
const voice = (page: Page) => readStore<VoiceSnapshot>(page, '(s) => ({ source: s.voiceSource, label: s.prompt?.label ?? null, samples: s.prompt?.audio.length ?? 0 })');

test('a voice chosen while an upload is being transcribed stays chosen, and Generate uses it', async ({ page }) => {
  test.setTimeout(240_000);
  await openReady(page);
  const preset = PRESETS[0];
  await expect(page.getByTestId('voice-duration')).toContainText(preset.label);
  const presetSamples = (await voice(page)).samples;

  await page.getByTestId('tts-text').fill('Hi there.');
  await page.getByTestId('voice-source-upload').check();
  await page.getByTestId('voice-file').setInputFiles(longSpeechWav(60, 'sixty_s.wav'));
  await expect(page.getByTestId('voice-picker')).toHaveAttribute('data-status', 'transcribing', { timeout: 30_000 });
  // The user changes their mind while the upload is still being transcribed.
  await page.getByTestId('voice-source-preset').check();
  await expect(page.getByTestId('voice-picker')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('voice-duration')).toContainText(preset.label);

  // Generate until the engine takes the request (it may still be finishing the abandoned
  // transcription); the run must use the preset, and the page must still show it afterwards.
  const deadline = Date.now() + 150_000;
  let phase = '';
  while (Date.now() < deadline) {
    await page.getByTestId('tts-generate').click();
    await expect(page.getByTestId('tts-status')).not.toHaveAttribute('data-phase', /idle|running/, { timeout: 120_000 });
    phase = await readStore<string>(page, '(s) => s.tts.phase === "failed" ? "failed:" + s.tts.error.kind : s.tts.phase');
    if (phase !== 'failed:busy') break;
    await page.waitForTimeout(1000);
  }
  expect(phase).toBe('done');
  expect(await voice(page)).toEqual({ source: 'preset', label: preset.label, samples: presetSamples });
  const used = await readStore<{ label: string; samples: number } | null>(page, '(s) => s.ttsRequest && { label: s.ttsRequest.promptLabel, samples: s.ttsRequest.promptSamples }');
  expect(used).toEqual({ label: preset.label, samples: presetSamples });
  await expect(page.getByTestId('voice-duration')).toContainText(preset.label);
});

test('a long voice prompt is trimmed up front, saying so, and a long transcript is blamed, not the text', async ({ page }) => {
  test.setTimeout(180_000);
  await openReady(page);
  await page.getByTestId('voice-source-upload').check();
  const started = Date.now();
  await page.getByTestId('voice-file').setInputFiles(longSpeechWav(120, 'two_min.wav'));
  await expect(page.getByTestId('voice-notice')).toContainText('two_min.wav');
  await expect(page.getByTestId('voice-notice')).toContainText('120.0 s');
  // Only the trimmed part is transcribed: seconds, not the minute a 2-minute file takes.
  await expect(page.getByTestId('voice-picker')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  expect(Date.now() - started).toBeLessThan(45_000);
  const v = await voice(page);
  expect(v.samples / 16000).toBeGreaterThanOrEqual(3);
  expect(v.samples / 16000).toBeLessThanOrEqual(10);
  await expect(page.getByTestId('voice-duration')).toContainText('two_min.wav');

  // A transcript far longer than any 10 s of speech: the failure names the voice prompt.
  await page.getByTestId('voice-transcript').fill('and then she said that it was a very long story indeed '.repeat(12));
  await page.getByTestId('tts-text').fill('Hello there, this is a short sentence.');
  await page.getByTestId('tts-generate').click();
  await expect(page.getByTestId('tts-error')).toHaveAttribute('data-code', /^prompt:/, { timeout: 60_000 });
  await expect(page.getByTestId('tts-error')).toContainText('voice prompt');
  await expect(page.getByTestId('tts-error')).not.toContainText('text is too long');
});
