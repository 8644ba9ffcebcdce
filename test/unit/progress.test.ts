// Progress is written atomically: a process killed while saving never leaves a damaged file.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newProgress, progressPath, readProgress, writeProgress } from '../../src/progress/store.js';
import { ROOT, tempDir } from '../support/cli.js';

describe('progress store', () => {
  it('round-trips progress', async () => {
    const dir = tempDir();
    const p = newProgress();
    p.exercises['first-image'] = {
      startedAt: new Date().toISOString(),
      status: 'passed',
      hintsShown: 2,
      gaveUp: false,
      checks: 3,
    };
    await writeProgress(dir, p);
    expect(await readProgress(dir)).toEqual(p);
  });

  it('explains a damaged file instead of crashing', async () => {
    const dir = tempDir();
    await writeProgress(dir, newProgress());
    writeFileSync(progressPath(dir), '{"version": 1, "workspaceId": 7}');
    await expect(readProgress(dir)).rejects.toThrow(/damaged: workspaceId/);
    writeFileSync(progressPath(dir), '{not json');
    await expect(readProgress(dir)).rejects.toThrow(/is not valid JSON/);
  });

  it('survives SIGKILL in the middle of a stream of writes', async () => {
    const dir = tempDir();
    await writeProgress(dir, newProgress());
    // A child rewrites the file as fast as it can, with a large payload so each write takes a while.
    const script =
      `
      import { writeProgress, newProgress } from ${JSON.stringify(join(ROOT, 'src/progress/store.ts'))};
      const p = newProgress();
      for (let i = 0; i < 400; i++) p.exercises['e' + i] = ` +
      `{ startedAt: new Date().toISOString(), status: 'todo', hintsShown: 0, gaveUp: false, checks: i };
      process.stdout.write('ready\\n');
      for (let n = 0; ; n++) { p.exercises.e0.checks = n; await writeProgress(${JSON.stringify(dir)}, p); }
    `;
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 50 + round * 37));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const text = readFileSync(progressPath(dir), 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      await expect(readProgress(dir)).resolves.toMatchObject({ version: 1 });
    }
    // Temp files of killed writers may remain, but never in place of the real file.
    expect(readdirSync(join(dir, '.containerlings'))).toContain('progress.json');
  }, 60_000);
});
