// One training run per output directory: a second one would interleave its checkpoints and logs.
// The lock file holds the owner's PID; a lock whose process is gone (a killed run) is taken over.

import * as fs from 'node:fs';
import * as path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock or throws naming the run that holds it; returns the release function. */
export function lockRunDir(dir: string): () => void {
  const file = path.join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && alive(owner)) throw new Error(`${dir} is in use by another training run (pid ${owner}); stop it first`);
      fs.rmSync(file, { force: true }); // stale: its run was killed
    }
  }
  throw new Error(`could not lock ${dir}`);
}
