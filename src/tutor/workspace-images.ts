// The engine's images when a workspace is made, so that each exercise's baseline leaves out what was there before;
// an engine that does not answer in time leaves the baselines out, and the exercises start anyway.
import { baselineFrom, imageSnapshot, type ImageSnapshot } from '../checks/kit/image-baseline.js';
import type { Exercise } from '../lessons/course.js';
import { connect } from '../sandbox/engine/connection.js';

/** Each exercise's image baseline as of now, or undefined when the engine is not reachable. */
export const imagesNow = async () => {
  const snapshot = await snapshotIfReachable();
  return snapshot && ((exercise: Exercise) => baselineFrom(snapshot, exercise.meta.resources.images));
};

/** The engine's image names now, or undefined when it does not answer within 3 s: the exercise's clock starts anyway. */
async function snapshotIfReachable(): Promise<ImageSnapshot | undefined> {
  try {
    const snapshot = imageSnapshot(await connect()).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 3000)));
    return await Promise.race([snapshot, late]).finally(() => clearTimeout(timer));
  } catch {
    return undefined;
  }
}
