// What both forms of `selftest` do around their attempts: claim the engine (one self-test per engine,
// selftest-claim.ts) and make the base images of the lessons whose exercises run, then release the claim.
import { claimEngine } from '../authoring/selftest-claim.js';
import type { Course, Exercise } from '../lessons/course.js';
import type { Engine } from '../sandbox/engine/connection.js';
import { ensureImages, lessonImages } from '../sandbox/images/catalog.js';
import { paint } from './output.js';

export async function onClaimedEngine<T>(
  engine: Engine,
  course: Pick<Course, 'lessons' | 'root'>,
  exercises: readonly Exercise[],
  quiet: boolean,
  work: () => Promise<T>,
): Promise<T> {
  const release = await claimEngine(engine);
  try {
    // Not every lesson's images: a Debian image takes a minute.
    const lessons = course.lessons.filter((l) => exercises.some((e) => e.meta.lesson === l.id));
    await ensureImages(
      engine,
      course.root,
      lessonImages(lessons),
      (line) => !quiet && process.stderr.write(paint('dim', line) + '\n'),
    );
    return await work();
  } finally {
    await release();
  }
}
