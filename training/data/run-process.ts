// Running the external synthesisers and sox: no shell (arguments are passed as they are), a time
// limit, and a readable error that includes the command's own complaint.

import { spawn } from 'node:child_process';

export interface RunOptions {
  input?: string | Buffer;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export class ProcessError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'ProcessError';
  }
}

/** Runs a command to completion and returns its stdout; rejects on a non-zero exit or the time limit. */
export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<Buffer> {
  const { input, timeoutMs = 60_000, env } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ` (is ${command} installed? see training/data/README.md)` : '';
      reject(new ProcessError(`${command}: ${error.message}${hint}`, ''));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (timedOut) reject(new ProcessError(`${command} timed out after ${timeoutMs} ms`, stderr));
      else if (code !== 0) reject(new ProcessError(`${command} exited with ${code ?? signal}: ${stderr.slice(0, 500)}`, stderr));
      else resolve(Buffer.concat(out));
    });
    // A command that exits without reading its input must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
