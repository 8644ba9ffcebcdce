// sandbox/process.ts with real processes: capture, exit codes, timeouts and cancels that stop a whole process
// group (grandchildren too), a missing program as a UserError with its install hint, and streaming.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { MissingProgram, run, stream } from '../../src/sandbox/process.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('run', () => {
  it('captures stdout, stderr and both in order, with the exit code', async () => {
    const ran = await run(['sh', '-c', 'echo out; echo err >&2; sleep 0.05; echo again; exit 3']);
    expect(ran).toMatchObject({ code: 3, signal: null, timedOut: false, cancelled: false });
    expect(ran.stdout).toBe('out\nagain\n');
    expect(ran.stderr).toBe('err\n');
    expect(ran.output.split('\n').filter(Boolean).sort()).toEqual(['again', 'err', 'out']);
    expect(ran.output.endsWith('again\n')).toBe(true);
  });

  it('passes cwd, env and stdin input', async () => {
    const ran = await run(['sh', '-c', 'pwd; echo "$GREETING"; cat'], {
      cwd: '/tmp',
      env: { ...process.env, GREETING: 'hello' },
      input: 'from stdin',
    });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe('/tmp\nhello\nfrom stdin');
  });

  it('a timeout stops the whole group, grandchildren included', async () => {
    const started = Date.now();
    // The shell prints its background child's pid, then waits on a second sleep.
    const ran = await run(['sh', '-c', 'sleep 30 & echo $!; sleep 30'], { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ran.timedOut).toBe(true);
    expect(ran.code).toBeNull();
    expect(ran.signal).toBe('SIGTERM');
    const grandchild = Number(ran.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    await until(() => !alive(grandchild));
  });

  it('a grandchild that ignores SIGTERM is killed after the grace period', async () => {
    const ran = await run(['sh', '-c', `sh -c 'trap "" TERM; sleep 30' & echo $!; sleep 30`], {
      timeoutMs: 300,
      graceMs: 300,
    });
    expect(ran.timedOut).toBe(true);
    const grandchild = Number(ran.stdout.trim());
    await until(() => !alive(grandchild));
  });

  it('an abort stops the group and says cancelled', async () => {
    const controller = new AbortController();
    let pid = 0;
    const running = stream(
      ['sh', '-c', 'sleep 30 & echo $!; sleep 30'],
      (chunk) => {
        pid = Number(chunk.trim());
        controller.abort();
      },
      { signal: controller.signal },
    );
    const ran = await running;
    expect(ran).toMatchObject({ cancelled: true, timedOut: false, code: null });
    expect(pid).toBeGreaterThan(0);
    await until(() => !alive(pid));
  });

  it('an aborted signal starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const ran = await run(['sh', '-c', 'echo never'], { signal: controller.signal });
    expect(ran).toMatchObject({ cancelled: true, output: '' });
  });

  it('a missing program is a UserError that names it and says how to install it', async () => {
    const error = await run(['containerlings-no-such-program', '--version'], {
      install: 'Install it: `sudo apt-get install no-such-program`.',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toBeInstanceOf(MissingProgram);
    expect((error as UserError).message).toMatch(/containerlings-no-such-program is not installed/);
    expect((error as UserError).next).toBe('Install it: `sudo apt-get install no-such-program`.');
    expect((error as UserError).kind).toBe('engine');
  });
});

describe('stream', () => {
  it('passes output on as it arrives, before the program ends', async () => {
    const chunks: { chunk: string; from: string; at: number }[] = [];
    let ended = 0;
    const ran = await stream(['sh', '-c', 'echo first; sleep 0.5; echo second >&2'], (chunk, from) =>
      chunks.push({ chunk, from, at: Date.now() }),
    ).then((r) => ((ended = Date.now()), r));
    expect(ran.code).toBe(0);
    expect(chunks[0]).toMatchObject({ chunk: 'first\n', from: 'stdout' });
    expect(chunks.at(-1)).toMatchObject({ chunk: 'second\n', from: 'stderr' });
    expect(ended - chunks[0]!.at).toBeGreaterThanOrEqual(400);
  });
});
