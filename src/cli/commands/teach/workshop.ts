// `containerlings workshop init [file]`: write a workshop file an instructor edits and hands to the class.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../../errors.js';
import { loadCourse } from '../../../lessons/course.js';
import { WORKSHOP_FILE } from '../../../workshop/workshop.js';
import type { Invocation } from '../../args.js';
import { FINDING } from '../../../outcome-theme.js';
import { writeOutputFile } from '../../output-file.js';
import { EXIT, mark, printJson } from '../../output.js';

export function workshopText(title: string, lessons: readonly string[], registry?: string): string {
  return [
    '# A containerlings workshop. Students start with `containerlings --workshop <this file>`, or keep it in their',
    '# workspace as containerlings-workshop.yaml; the tutorial then shows only these lessons, in this order.',
    'version: 1',
    `title: ${JSON.stringify(title)}`,
    'lessons:',
    ...lessons.map((id) => `  - id: ${id}\n    # due: 2030-01-31T17:00:00Z   # optional deadline`),
    '# Where `containerlings submit` pushes the images that `containerlings verify` re-checks:',
    '# a registry (127.0.0.1:5000) or an ECR registry (123456789012.dkr.ecr.eu-west-1.amazonaws.com/class).',
    registry ? `registry: ${registry}` : '# registry: 127.0.0.1:5000',
    '# The image catalog for an offline room (default: the one containerlings ships), and the offline pack',
    '# made by `containerlings sandbox pack` (loaded with `containerlings sandbox load`). Paths are relative to this file.',
    '# catalog: sandbox/images/catalog.json',
    '# pack: containerlings-room.tar',
    '',
  ].join('\n');
}

export default async function workshop(inv: Invocation): Promise<number> {
  const [action, target] = inv.positionals;
  if (action !== 'init')
    throw new UserError(
      '`containerlings workshop` needs an action: init.',
      'For example: `containerlings workshop init --title "Containers, day 1"`.',
      'usage',
    );
  const file = resolve(target ?? WORKSHOP_FILE);
  if (existsSync(file) && !inv.yes)
    throw new UserError(
      `${file} exists already.`,
      'Edit it, pick another name, or pass --yes to overwrite it.',
      'usage',
    );
  const course = await loadCourse();
  const lessons = inv.lessons
    ? inv.lessons
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean)
    : course.lessons.map((l) => l.id);
  const unknown = lessons.filter((id) => !course.lessons.some((l) => l.id === id));
  if (unknown.length)
    throw new UserError(
      `Unknown lesson(s): ${unknown.join(', ')}.`,
      `Pick from: ${course.lessons.map((l) => l.id).join(', ')}.`,
      'usage',
    );
  await writeOutputFile(
    file,
    workshopText(inv.title ?? 'Containers workshop', lessons, inv.registry),
    '`containerlings workshop init workshop.yaml`',
  );
  // Read it back through the validator, so a bad --registry is reported now rather than in class.
  const { readWorkshop } = await import('../../../workshop/workshop.js');
  const written = await readWorkshop(file);
  if (inv.json) printJson({ file, title: written.title, lessons, registry: written.registry ?? null });
  else
    process.stdout.write(
      `${mark(FINDING.ok)} Wrote ${file}: ${lessons.length} lesson(s). Edit it, then run \`containerlings selftest --workshop ${file}\`.\n`,
    );
  return EXIT.pass;
}
