// Runs other programs (docker, kubectl, git, sh, tar, scanners) for containerlings: to completion with the output
// captured, or streamed as it arrives. Each runs in its own process group, so a timeout or a cancel stops the
// program and everything it started (a `docker build` inside a shell script), and a missing program is a UserError
// that says how to install it. Long-lived servers and the interactive shell start their own processes.
import { spawn } from 'node:child_process';
import { UserError } from '../errors.js';

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Written to the program's stdin, which is then closed. Without it, stdin is /dev/null. */
  readonly input?: string;
  /** Stop the program (and its group) after this long; the result says `timedOut`. */
  readonly timeoutMs?: number;
  /** Aborting stops the program (and its group); the result says `cancelled`. */
  readonly signal?: AbortSignal;
  /** The next step when the program is missing, e.g. "Install hadolint: `sudo apt-get install hadolint`." */
  readonly install?: string;
  /** What to say when the program is missing, when the default ("git is not installed.") is not enough. */
  readonly missing?: string;
  /** Who must act on a missing program (default: the machine's setup, 'engine'). */
  readonly kind?: UserError['kind'];
  /** How long a stopped group gets between SIGTERM and SIGKILL (default 3 s). */
  readonly graceMs?: number;
}

export interface RunResult {
  /** The exit code; null when a signal ended the program. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved in the order they arrived. */
  readonly output: string;
}

/** The program does not exist on this machine (ENOENT). */
export class MissingProgram extends UserError {
  constructor(
    readonly program: string,
    options: Pick<RunOptions, 'install' | 'missing' | 'kind'> = {},
  ) {
    super(
      options.missing ?? `${program} is not installed (it is not on PATH).`,
      options.install ?? `Install ${program}, then try again.`,
      options.kind ?? 'engine',
    );
    this.name = 'MissingProgram';
  }
}

/** Runs argv to completion and captures its output. Rejects only for a missing program. */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return stream(argv, () => {}, options);
}

// Groups still running, stopped when this process exits (e.g. a second Ctrl-C), since a detached group does
// not get the terminal's signals.
const running = new Set<number>();
let exitHook = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is gone */
  }
}

/** Runs argv, passing each chunk of output to `onOutput` as it arrives; resolves like `run` when it ends. */
export function stream(
  argv: readonly string[],
  onOutput: (chunk: string, from: 'stdout' | 'stderr') => void,
  options: RunOptions = {},
): Promise<RunResult> {
  const [program, ...args] = argv;
  const { signal, timeoutMs, graceMs = 3000 } = options;
  if (signal?.aborted)
    return Promise.resolve({
      code: null,
      signal: null,
      timedOut: false,
      cancelled: true,
      stdout: '',
      stderr: '',
      output: '',
    });
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => running.forEach((pid) => killGroup(pid, 'SIGKILL')));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(program!, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    let timedOut = false;
    let cancelled = false;
    let hardKill: NodeJS.Timeout | undefined;
    const stop = () => {
      if (child.pid === undefined || hardKill) return;
      killGroup(child.pid, 'SIGTERM');
      // Grandchildren may ignore SIGTERM or outlive sh; the group goes for good after the grace period.
      hardKill = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs);
    };
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stop();
          }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid !== undefined) running.add(child.pid);
    const take = (from: 'stdout' | 'stderr') => (chunk: string) => {
      if (from === 'stdout') stdout += chunk;
      else stderr += chunk;
      output += chunk;
      onOutput(chunk, from);
    };
    child.stdout!.setEncoding('utf8').on('data', take('stdout'));
    child.stderr!.setEncoding('utf8').on('data', take('stderr'));
    if (child.stdin) {
      child.stdin.on('error', () => {}); // the program may exit without reading its input
      child.stdin.end(options.input);
    }
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (child.pid !== undefined) running.delete(child.pid);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      settle();
      clearTimeout(hardKill);
      reject(e.code === 'ENOENT' ? new MissingProgram(program!, options) : e);
    });
    child.on('close', (code, sig) => {
      settle();
      // Kill what is left of the group after a stop (children that closed their output and kept running).
      if (hardKill) killGroup(child.pid!, 'SIGKILL');
      clearTimeout(hardKill);
      resolve({ code, signal: sig, timedOut, cancelled, stdout, stderr, output });
    });
  });
}
