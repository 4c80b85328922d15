// Worker thread entry of the corpus builder: runs clip tasks (synthesis, sox, features) one at a time.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { runClipTask, type ClipTask, type TaskResult } from './clip-pipeline';
import type { SynthContext } from './synthesize';
import { transferablesOf } from './worker-pool';

// Each worker gets its own directory: its espeak-ng variant files must not clash with the other's.
const ctx: SynthContext = { tmpDir: path.join((workerData as { tmpDir: string }).tmpDir, `worker-${threadId}`) };
fs.mkdirSync(ctx.tmpDir, { recursive: true });

parentPort?.on('message', ({ task }: { task: ClipTask }) => {
  runClipTask(task, ctx).then(
    (result: TaskResult) => {
      const buffers = result.outcomes.flatMap((o) => (o.ok ? [o.wav, o.mel] : []));
      parentPort?.postMessage({ result }, transferablesOf(buffers));
    },
    (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
