// The shape of src/, from its imports: every import goes to its own room or a room below it, and the few circles
// left stay inside one folder. The rooms and their order are in scripts/architecture.mjs (`npm run architecture`).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { measure } from '../../scripts/architecture.mjs';
import { ROOT } from '../support/cli.js';

interface Shape {
  files: number;
  upward: string[];
  circles: { files: string[]; rooms: string[] }[];
}

describe('the layout of src/', () => {
  const shape: Shape = measure(join(ROOT, 'src'));

  it('has no import that runs upward', () => {
    expect(shape.upward).toEqual([]);
  });

  it('has at most 3 circles, each inside one folder', () => {
    expect(shape.circles.length).toBeLessThanOrEqual(3);
    for (const circle of shape.circles) expect(circle.rooms).toHaveLength(1);
  });

  it('sees an upward import and a circle when there is one (so the tests above can fail)', () => {
    const src = join(mkdtempSync(join(tmpdir(), 'cl-arch-')), 'src');
    for (const dir of ['sandbox/engine', 'checks', 'cli']) mkdirSync(join(src, dir), { recursive: true });
    writeFileSync(join(src, 'sandbox/engine/a.ts'), "import { b } from '../../checks/b.js';\nexport const a = b;\n");
    writeFileSync(join(src, 'checks/b.ts'), "import type { a } from '../sandbox/engine/a.js';\nexport const b = 1;\n");
    writeFileSync(join(src, 'cli/c.ts'), "export const c = () => import('../checks/b.js');\n");
    const seen: Shape = measure(src);
    expect(seen.upward).toEqual(['sandbox/engine/a.ts → checks/b.ts']);
    expect(seen.circles).toEqual([
      { files: ['checks/b.ts', 'sandbox/engine/a.ts'], rooms: ['checks', 'sandbox/engine'] },
    ]);
  });
});
