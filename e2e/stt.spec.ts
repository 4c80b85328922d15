import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openReady, readStore } from './appPage';
import { MIC_CLIP } from './micClips';

/** Speech to text from files, and a browser without any microphone. */

test.describe('without any microphone', () => {
  // Same browser as the rest (no fake device), with the permission granted: only the device is missing.
  test.use({ permissions: ['microphone'] });

  test('a missing device is explained', async ({ page }) => {
    await openReady(page);
    const devices = await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput').length);
    test.skip(devices > 0, 'this machine has a real microphone');
    await page.getByTestId('tab-stt').click();
    await page.getByTestId('record-start-stt').click();
    await expect(page.getByTestId('stt-error')).toHaveAttribute('data-code', 'no-device');
    await expect(page.getByTestId('stt-error')).toContainText('No microphone');
  });
});

test('a dropped audio file is transcribed; a file that is not audio is refused', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('tab-stt').click();
  // A real drop: a DataTransfer holding the clip as a File.
  const bytes = [...readFileSync(MIC_CLIP.source)];
  const dataTransfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'clip.wav', { type: 'audio/wav' }));
    return dt;
  }, bytes);
  await page.getByTestId('stt-dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('stt-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const request = await readStore<{ source: string; samples: number }>(page, '(s) => s.sttRequest');
  expect(request).toMatchObject({ source: 'file' });
  expect(Math.abs(request.samples - MIC_CLIP.seconds * 16000)).toBeLessThanOrEqual(2);

  await page.getByTestId('stt-file').setInputFiles({ name: 'picture.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) });
  await expect(page.getByTestId('stt-error')).toHaveAttribute('data-code', 'unsupported-file');
  await expect(page.getByTestId('stt-error')).toContainText('picture.png');
});
