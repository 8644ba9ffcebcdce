// The screen-reader layout of the real binary in a real terminal (tmux), with NO_COLOR: no alternate screen, no
// colour, no box drawing, each page printed once below the last (so the scrollback reads in order), keys in words.
// The learner's editor (--edit-cmd) is a script that records its arguments: the real TUI starts it, detached.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';

const session = `containerlings-sr-${process.pid}`;
const ws = join(tempDir(), 'ws');
const editorDir = tempDir();
const recorded = join(editorDir, 'argv.txt');
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
/** Everything the terminal printed, scrollback included, with its escape sequences (colours would show). */
const transcript = () => tmux('capture-pane', '-p', '-e', '-S', '-', '-t', session);

async function waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = transcript();
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the terminal never showed ${pattern}; it shows:\n${last}`);
}

async function press(key: string, expected: RegExp): Promise<string> {
  tmux('send-keys', '-t', session, key);
  return waitFor(expected);
}

beforeAll(async () => {
  await requireEngine();
  expect((await runCli(['init', ws])).code).toBe(0);
  const editor = join(editorDir, 'fake-editor.sh');
  writeFileSync(editor, `#!/bin/sh\nprintf '%s\\n' "$@" >> ${recorded}\n`);
  chmodSync(editor, 0o755);
  const script =
    `env NO_COLOR=1 TERM=xterm-256color ${process.execPath} ${CLI} --screen-reader --workspace ${ws} ` +
    `--edit-cmd '${editor} -n'; ` +
    `echo "EXIT=$?"; sleep 600`;
  tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', 'sh', '-c', script);
});

afterAll(() => {
  try {
    tmux('kill-session', '-t', session);
  } catch {
    /* already gone */
  }
});

describe('the screen-reader layout in a real terminal', () => {
  it('reads as plain lines: no alternate screen, no colour, no boxes, each page once', async () => {
    await waitFor(/Selected lesson 1 of \d+: Dockerfiles and images/);
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
    await press('Enter', /Step 1 of \d+/);
    const step2 = await press('n', /Step 2 of \d+/);
    expect(step2).toMatch(/Keys: n next, p prev, r run, /);
    await press('?', /On this screen/);
    // On to the first exercise: its Dockerfile opens in the editor, and o opens its folder.
    await press('Escape', /Keys: n next[^\n]*\s*$/);
    for (let step = 3; !/Work in: /.test(transcript()); step++) {
      expect(step).toBeLessThan(20);
      await press('n', new RegExp(`Step ${step} of|Work in: `));
    }
    await waitFor(/Opened .*first-image\/Dockerfile in fake-editor\.sh\./);
    await press('o', /Opened .*first-image in fake-editor\.sh\./);
    expect(readFileSync(recorded, 'utf8').trimEnd().split('\n')).toEqual([
      '-n',
      join(ws, 'first-image', 'Dockerfile'),
      '-n',
      join(ws, 'first-image'),
    ]);
    const text = await press('q', /\nEXIT=0/);
    // Step 1 is still there above step 2: a page is added below, never drawn over.
    expect(text.indexOf('Step 1 of')).toBeLessThan(text.indexOf('Step 2 of'));
    expect(text.split('Step 1 of').length - 1).toBe(1);
    expect(text).toContain('Show or hide this help');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/\u001b\[[0-9;]*m/);
    expect(text).not.toMatch(/[─│╭╮╰╯┌┐└┘]/);
    if (process.env.SR_TRANSCRIPT) writeFileSync(process.env.SR_TRANSCRIPT, text);
  });
});
