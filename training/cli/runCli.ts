// Runs a CLI body: a failure prints one clear line (no stack for expected errors) and exits non-zero.

import { AudioDecodeError } from '../../models/wav';
import { TextError } from '../../models/text';
import { MeldError } from '../../workers/meld/errors';
import { ModelIntegrityError } from '../../workers/meld/loadMeld';

/** A wrong command line or input: its message is the whole story, no stack needed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A numeric option, checked (parseArgs gives strings; Number('x') is NaN, which must not reach the model). */
export function numberOption(name: string, raw: string, o: { integer?: boolean; min?: number; max?: number } = {}): number {
  const x = Number(raw);
  const ok = raw.trim() !== '' && Number.isFinite(x) && (!o.integer || Number.isSafeInteger(x)) && (o.min === undefined || x >= o.min) && (o.max === undefined || x <= o.max);
  if (!ok) {
    const range = o.min !== undefined && o.max !== undefined ? ` between ${o.min} and ${o.max}` : '';
    throw new UsageError(`${name} must be ${o.integer ? 'a whole number' : 'a number'}${range}, got "${raw}"`);
  }
  return x;
}

export async function runCli(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const expected = e instanceof TextError || e instanceof MeldError || e instanceof AudioDecodeError || e instanceof ModelIntegrityError || e instanceof UsageError || (e instanceof Error && !e.stack?.includes('node_modules'));
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    if (!expected && e instanceof Error) console.error(e.stack);
    process.exit(1);
  }
}
