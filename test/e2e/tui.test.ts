// The real binary in a real terminal (tmux): open the list, move through it, check an exercise, quit,
// and confirm the terminal is restored.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, tempDir } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';

const session = `containerlings-e2e-${process.pid}`;
const ws = join(tempDir(), 'ws');
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session);

async function waitForScreen(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = screen();
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the terminal never showed ${pattern}; it shows:\n${last}`);
}

/** Presses a key, then waits until the screen shows what the key should lead to. */
async function press(key: string, expected: RegExp): Promise<string> {
  tmux('send-keys', '-t', session, key);
  return waitForScreen(expected);
}

beforeAll(async () => {
  await requireEngine();
  expect((await runCli(['init', ws])).code).toBe(0);
  // CI=true on purpose: the TUI must draw in a terminal even where CI is set (ink would draw nothing).
  const script =
    `env CI=true TERM=xterm-256color SHELL=/bin/sh PS1='$ ' ${process.execPath} ${CLI} --workspace ${ws}; echo "EXIT=$?"; ` +
    `stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 600`;
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '45', 'sh', '-c', script);
});

afterAll(() => {
  try {
    tmux('kill-session', '-t', session);
  } catch {
    /* already gone */
  }
  execFileSync('docker', ['rmi', '-f', 'containerlings/hello'], { stdio: 'ignore' });
});

describe('the TUI in a real terminal', () => {
  it('opens on the lesson list with progress, in the alternate screen', async () => {
    const first = await waitForScreen(/Dockerfiles and images\s+0\/\d exercises passed/);
    expect(first).toMatch(/Your first image/);
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('1');
  });

  it('opens the lesson, moves through its steps, and reaches the first exercise', async () => {
    await press('Enter', /Step 1 of \d+/);
    await press('n', /Step 2 of \d+/);
    await press('p', /Step 1 of \d+/);
    let text = screen();
    const total = Number(/Step 1 of (\d+)/.exec(text)![1]);
    for (let step = 2; step <= total; step++) await press('n', new RegExp(`Step ${step} of ${total}`));
    text = await press('n', /Work in: .*first-image/);
    expect(text).toMatch(/containerlings\/hello/);
  });

  it('checks the exercise: fail first, pass after the learner builds the image', async () => {
    await press('c', /✘ FAIL/);
    const dir = join(ws, 'first-image');
    cpSync(join(ROOT, 'exercises', 'first-image', 'solution', 'Dockerfile'), join(dir, 'Dockerfile'));
    execFileSync('docker', ['build', '-q', '-t', 'containerlings/hello', '.'], { cwd: dir, stdio: 'ignore' });
    const passed = await press('c', /✓ PASS/);
    expect(passed).not.toMatch(/✘ FAIL/);
  });

  it('opens a sandbox shell in the exercise folder, and checks again when it exits', async () => {
    await press('t', /Sandbox shell in .*first-image/);
    tmux('send-keys', '-t', session, 'echo "inside $CONTAINERLINGS_EXERCISE at $(pwd)"', 'Enter');
    await waitForScreen(/inside first-image at .*\/first-image/);
    tmux('send-keys', '-t', session, 'exit', 'Enter');
    const back = await waitForScreen(/Work in: .*first-image[\s\S]*✓ PASS/);
    expect(back).toMatch(/Your first image/);
  });

  it('remembers the pass in the list, quits with q, and restores the terminal', async () => {
    await press('Escape', /Step \d+ of \d+/);
    await press('Escape', /Lessons/);
    await waitForScreen(/1\/\d exercises passed/);
    // Wait for the shell's stty line after the exit code: it prints a moment after EXIT=0.
    const after = await press('q', /EXIT=0\s*\n\s*-?icanon/);
    // Canonical mode and echo are back on: the TUI left raw mode.
    expect(after).toMatch(/EXIT=0\s*\n\s*icanon echo/);
    // The cursor is visible and the normal screen (not the TUI's alternate one) is back.
    expect(tmux('display-message', '-p', '-t', session, '#{cursor_flag} #{alternate_on}').trim()).toBe('1 0');
  });
});
