// A live progress view for long self-tests, in plain terminal output (no ink: commands other than the TUI
// never load it). On a terminal one status line is redrawn; elsewhere (CI logs) lines are printed as they come.
import type { AttemptReport } from '../authoring/selftest.js';
import { outcomeLabel, paint } from './output.js';

const clock = (ms: number) => `${Math.floor(ms / 60000)}m${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}s`;

export class SelftestProgress {
  readonly #began = Date.now();
  readonly #running = new Set<string>();
  readonly #tty = Boolean(process.stderr.isTTY);
  #done = 0;
  #timer?: NodeJS.Timeout;

  constructor(
    readonly total: number,
    readonly jobs: number,
  ) {
    if (this.#tty) this.#timer = setInterval(() => this.#draw(), 1000);
    this.#timer?.unref();
  }

  start(exercise: string): void {
    this.#running.add(exercise);
    if (!this.#tty)
      process.stderr.write(
        paint('dim', `[${this.#done}/${this.total}] ${clock(Date.now() - this.#began)} start ${exercise}\n`),
      );
    this.#draw();
  }

  finish(exercise: string): void {
    this.#running.delete(exercise);
    this.#draw();
  }

  attempt(a: AttemptReport): void {
    this.#done++;
    this.#clear();
    const verdict = a.ok ? paint('green', 'ok  ') : paint('red', 'BAD ');
    process.stdout.write(
      `${verdict} ${a.exercise.padEnd(20)} ${a.attempt.padEnd(26)} ` +
        `expected ${a.expected}, got ${outcomeLabel(a.outcome)} ${paint('dim', `${a.seconds}s`)}\n`,
    );
    if (!a.ok) process.stdout.write(paint('dim', `     ${a.message}\n${a.commandOutput ?? ''}`));
    this.#draw();
  }

  stop(): number {
    clearInterval(this.#timer);
    this.#clear();
    return Date.now() - this.#began;
  }

  #clear(): void {
    if (this.#tty) process.stderr.write('\r\u001b[K');
  }

  #draw(): void {
    if (!this.#tty) return;
    const now = [...this.#running].join(', ') || '...';
    const line = `[${this.#done}/${this.total}] ${clock(Date.now() - this.#began)}  ${this.jobs} at a time  running: ${now}`;
    process.stderr.write(`\r\u001b[K${paint('blue', line.slice(0, (process.stderr.columns || 100) - 1))}`);
  }
}

/** The closing table: one row per exercise, its attempts, how many gave the expected verdict, and its time. */
export function summaryTable(attempts: readonly AttemptReport[]): string {
  const ids = [...new Set(attempts.map((a) => a.exercise))];
  const width = Math.max(8, ...ids.map((id) => id.length));
  const rows = ids.map((id) => {
    const mine = attempts.filter((a) => a.exercise === id);
    const bad = mine.filter((a) => !a.ok).length;
    const seconds = mine.reduce((t, a) => t + a.seconds, 0).toFixed(1);
    return (
      `${id.padEnd(width)}  ${String(mine.length).padStart(8)}  ${String(mine.length - bad).padStart(4)}  ` +
      `${(bad ? paint('red', String(bad)) : '0').padStart(3)}  ${seconds.padStart(7)}s`
    );
  });
  return [`${'exercise'.padEnd(width)}  attempts    ok  bad  seconds`, ...rows].join('\n') + '\n';
}
