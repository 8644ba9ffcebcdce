// Was an image made in this attempt of an exercise? The engine's record of the declared image names at the
// start (the baseline), and the rule that compares an image with it and with the start time.
//
// An image's `Created` alone cannot say: BuildKit gives an image whose build adds no layer its base image's
// time (moby/buildkit#6096), and any builder that reuses its cache for the last step keeps the old time.
import type { ImageFacts } from './api.js';
import { onEngine, type Engine } from '../../sandbox/engine/connection.js';

/** The image id each declared image name had when the attempt began; null when the name named no image. */
export type ImageBaseline = Readonly<Record<string, string | null>>;

/** Every image name on the engine, written as canonicalName writes it, and the image id it names. */
export type ImageSnapshot = ReadonlyMap<string, string>;

/** Image and container times come from the engine's clock at one-second precision or finer; allow for it. */
export const CLOCK_SLACK_MS = 2000;

/** "containerlings/hello", "containerlings/hello:latest" and Podman's "docker.io/containerlings/hello:latest" are one name. */
export function canonicalName(ref: string): string {
  const name = ref.replace(/^docker\.io\/(library\/)?/, '');
  return name.includes('@') || name.lastIndexOf(':') > name.lastIndexOf('/') ? name : `${name}:latest`;
}

/** One call to the engine: which image every name on it names right now. */
export async function imageSnapshot(engine: Engine): Promise<ImageSnapshot> {
  const images = await onEngine(engine, () => engine.docker.listImages());
  const names = new Map<string, string>();
  for (const image of images)
    for (const tag of image.RepoTags ?? []) if (!tag.includes('<none>')) names.set(canonicalName(tag), image.Id);
  return names;
}

/** The baseline of an exercise's declared image names, read from a snapshot. */
export function baselineFrom(snapshot: ImageSnapshot, names: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(names.map((name) => [name, snapshot.get(canonicalName(name)) ?? null]));
}

/** After a setup script ran: the names it changed take the image it left them, so the setup's images are not the learner's. */
export function rebase(
  baseline: ImageBaseline,
  before: ImageSnapshot,
  after: ImageSnapshot,
): Record<string, string | null> {
  const out: Record<string, string | null> = { ...baseline };
  for (const name of Object.keys(baseline)) {
    const was = before.get(canonicalName(name)) ?? null;
    const now = after.get(canonicalName(name)) ?? null;
    if (was !== now) out[name] = now;
  }
  return out;
}

/** Why an image counts as new since the start, or undefined when nothing shows it is. */
export type NewBecause = 'created' | 'tagged' | 'renamed';

/**
 * The rule (any one is enough): the image was created after the start (the legacy builder, or a build whose last step
 * ran); or the engine tagged it after the start (Docker stamps `Metadata.LastTagTime` on every build's tag and every
 * `docker tag`, BuildKit included; Podman leaves it empty); or one of the declared names it carries named another
 * image, or none, at the start. Without a baseline (a progress file from before baselines), only the two times count.
 */
export function newBecause(image: ImageFacts, startedAt: Date, baseline?: ImageBaseline): NewBecause | undefined {
  const since = (date?: Date) => date !== undefined && date.getTime() + CLOCK_SLACK_MS >= startedAt.getTime();
  if (since(image.created)) return 'created';
  if (since(image.lastTagged)) return 'tagged';
  if (!baseline) return undefined;
  const before = new Map(Object.entries(baseline).map(([name, id]) => [canonicalName(name), id]));
  const renamed = image.tags.some((tag) => {
    const name = canonicalName(tag);
    return before.has(name) && before.get(name) !== image.id;
  });
  return renamed ? 'renamed' : undefined;
}
