// Making a student's bundle: check everything, push the images verify can re-check, collect the exercise files.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Exercise } from '../lessons/course.js';
import type { Tutor } from '../tutor/tutor.js';
import type { Workshop } from '../workshop/workshop.js';
import { sealBundle, studentSlug, type Bundle, type BundleFile, type PushedImage, BUNDLE_FORMAT } from './bundle.js';
import { pushImage, pushReference } from './push.js';
import { gradeAll, type ResultsDocument } from './results.js';

const MAX_FILE = 64 * 1024;
const MAX_TOTAL = 1024 * 1024;

/** The text files of each exercise folder (what the student wrote), within size limits. */
export async function collectFiles(tutor: Tutor, exercises: readonly Exercise[]): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  let total = 0;
  for (const exercise of exercises) {
    const dir = tutor.dir(exercise.id);
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      if ((await stat(path)).size > MAX_FILE || total > MAX_TOTAL) continue;
      const data = await readFile(path);
      if (data.includes(0)) continue; // binary: not something a student wrote
      total += data.length;
      files.push({ path: `${exercise.id}/${relative(dir, path)}`, content: data.toString('utf8') });
    }
  }
  return files;
}

/** Pushes, for each passed exercise that verify can judge, the image the check judged. */
export async function pushForVerify(
  doc: ResultsDocument,
  exercises: readonly Exercise[],
  registry: string,
  student: string,
  say: (line: string) => void,
): Promise<PushedImage[]> {
  const pushed: PushedImage[] = [];
  for (const result of doc.results) {
    const exercise = exercises.find((e) => e.id === result.exercise);
    const image = exercise?.meta.verify?.image;
    const seen = result.images.find((i) => i.ref === image);
    if (!image || !seen || result.outcome !== 'pass') continue;
    const reference = pushReference(registry, studentSlug(student), image, result.exercise);
    say(`Pushing ${image} to ${reference}...`);
    pushed.push({
      exercise: result.exercise,
      image,
      imageId: seen.id,
      reference,
      digest: await pushImage(image, reference),
    });
  }
  return pushed;
}

export async function makeBundle(
  tutor: Tutor,
  student: string,
  workshop: Workshop | undefined,
  say: (line: string) => void,
  signal?: AbortSignal,
): Promise<Bundle> {
  const exercises = tutor.course.exercises;
  const results = await gradeAll(tutor, exercises, {
    workshop: workshop?.title,
    signal,
    onResult: (r) => say(`${r.exercise}: ${r.outcome}`),
  });
  const pushed = workshop?.registry ? await pushForVerify(results, exercises, workshop.registry, student, say) : [];
  return sealBundle({
    format: BUNDLE_FORMAT,
    version: 1,
    student,
    createdAt: new Date().toISOString(),
    ...(workshop
      ? { workshop: { title: workshop.title, ...(workshop.registry ? { registry: workshop.registry } : {}) } }
      : {}),
    results,
    pushed,
    files: await collectFiles(tutor, exercises),
  });
}
