// A one-line progress bar with rate and ETA on stderr (a plain log line per update when not a TTY).

export class Progress {
  private readonly t0 = performance.now();
  private lastPrint = 0;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly start = 0,
  ) {}

  update(done: number, extra = ''): void {
    const now = performance.now();
    if (now - this.lastPrint < 1000 && done < this.total) return;
    this.lastPrint = now;
    const elapsed = (now - this.t0) / 1000;
    const rate = (done - this.start) / Math.max(elapsed, 1e-9);
    const eta = rate > 0 ? (this.total - done) / rate : Infinity;
    const frac = Math.min(1, done / this.total);
    const width = 24;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
    const line = `${this.label} [${bar}] ${done}/${this.total} ${(frac * 100).toFixed(1)}% eta ${formatDuration(eta)} ${extra}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
    else process.stderr.write(line + '\n');
  }

  done(): void {
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
}

export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec)) return '--';
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = Math.floor(sec % 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s).padStart(2, '0')}s`;
}
