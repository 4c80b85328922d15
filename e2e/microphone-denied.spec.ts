import { expect, test } from '@playwright/test';
import { openReady } from './appPage';
import { BASE_ARGS, executablePath } from './browsers';

/** A microphone the user refuses: the page says so, and recording can be tried again. */

// A device exists but no permission is granted and no fake prompt accepts: getUserMedia is denied.
test.use({ launchOptions: { executablePath, args: [...BASE_ARGS, '--use-fake-device-for-media-stream'] } });

test('denied permission is explained', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('tab-stt').click();
  await page.getByTestId('record-start-stt').click();
  await expect(page.getByTestId('stt-error')).toHaveAttribute('data-code', 'permission-denied');
  await expect(page.getByTestId('stt-error')).toContainText('denied');
  await expect(page.getByTestId('record-start-stt')).toBeEnabled();
});
