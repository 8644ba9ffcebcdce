// Build step: validates the shipped course and writes dist/course.json (see src/lessons/snapshot.ts).
import { contentRoot } from '../src/lessons/course.js';
import { loadCourseFromFiles } from '../src/lessons/course-loader.js';
import { writeSnapshot } from '../src/lessons/snapshot.js';
import { describeError } from '../src/errors.js';

try {
  writeSnapshot(await loadCourseFromFiles(contentRoot({})));
} catch (e) {
  // Invalid content is reported when the program runs; the build itself goes on without a snapshot.
  process.stderr.write(`build: no course snapshot: ${describeError(e)}\n`);
}
