// A reader that stops early (`containerlings list | head -1`) closes the pipe: the built binary ends quietly
// with exit 0, like other Unix tools, instead of dying on EPIPE with a stack trace.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, STACK_FRAME } from '../support/cli.js';

const env = { ...process.env, NO_COLOR: '1' };

/**
 * Runs the binary with the read end of `closed` shut before it starts writing: `| head -1` without the race
 * (head may read everything before it exits). Collects the other stream.
 */
function runWithClosed(closed: 'stdout' | 'stderr', args: string[]): Promise<{ code: number | null; other: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', fail);
    child[closed].destroy();
    let other = '';
    child[closed === 'stdout' ? 'stderr' : 'stdout'].on('data', (d: Buffer) => (other += d.toString()));
    child.on('close', (code) => done({ code, other }));
  });
}

describe('a closed pipe', () => {
  it.each(['list', 'list --json', '--help'])('ends `%s` quietly with exit 0 when stdout closes', async (args) => {
    const { code, other } = await runWithClosed('stdout', args.split(' '));
    expect(other).not.toMatch(STACK_FRAME);
    expect(other).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it('ends quietly with exit 0 when stderr closes before an error is written', async () => {
    const { code, other } = await runWithClosed('stderr', ['no-such-command']);
    expect(other).toBe('');
    expect(code).toBe(0);
  });
});
