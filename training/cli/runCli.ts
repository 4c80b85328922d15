// Runs a CLI body: a failure prints one clear line (no stack for expected errors) and exits non-zero.

import { AudioDecodeError } from '../../models/wav';
import { TextError } from '../../models/text';
import { MeldError } from '../../workers/meld/errors';
import { ModelIntegrityError } from '../../workers/meld/loadMeld';

export async function runCli(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const expected = e instanceof TextError || e instanceof MeldError || e instanceof AudioDecodeError || e instanceof ModelIntegrityError || (e instanceof Error && !e.stack?.includes('node_modules'));
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    if (!expected && e instanceof Error) console.error(e.stack);
    process.exit(1);
  }
}
