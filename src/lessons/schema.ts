// The content model: what a lesson's frontmatter and an exercise's metadata must contain.
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase id made of letters, digits and dashes');

export const Need = z.enum(['docker', 'registry', 'aws', 'swarm', 'kubernetes']);
export type Need = z.infer<typeof Need>;
/**
 * What one exercise needs beyond its lesson: `host-files`, the engine sees this machine's files (bind mounts);
 * `container-dns`, containers on a user-defined network find each other by name; `port-requests`, the engine keeps
 * the host port a container asked for (none: the engine picks) apart from the port it got.
 */
export const ExerciseNeed = z.enum(['host-files', 'container-dns', 'port-requests']);
export type ExerciseNeed = z.infer<typeof ExerciseNeed>;

export const LessonFrontmatter = z.strictObject({
  id,
  title: z.string().min(1),
  summary: z.string().min(1).optional(),
  /** Position in the course; lessons with equal order sort by id. */
  order: z.number().int().default(100),
  objectives: z.array(z.string().min(1)).min(1),
  exercises: z.array(id).default([]),
  needs: z.array(Need).default(['docker']),
  /** Logical images from the catalog that the lesson's exercises use, e.g. base/busybox. */
  images: z.array(z.string().regex(/^base\/[a-z0-9-]+$/, 'a catalog name such as base/busybox')).default([]),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatter>;

/** A language code, as in lesson.de.md: two or three lowercase letters. */
const langCode = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as de or es');

/**
 * The frontmatter of a translated lesson (lesson.<lang>.md): only the words. The id, order, exercises, needs and
 * images always come from lesson.md, so a translation cannot change what the lesson does.
 */
export const LessonTranslationFrontmatter = z.strictObject({
  title: z.string().min(1).optional(),
  summary: z.string().min(1).optional(),
  objectives: z.array(z.string().min(1)).min(1).optional(),
});
export type LessonTranslationFrontmatter = z.infer<typeof LessonTranslationFrontmatter>;

/** An exercise's words in one language; what is left out is shown in English. */
const ExerciseTranslation = z.strictObject({
  title: z.string().min(1).optional(),
  /** All of the hints, in the same order as the English ones (a learner reveals them one by one). */
  hints: z.array(z.string().min(1)).min(1).optional(),
  /** The hints of the declared diagnoses, by diagnosis id. */
  diagnoses: z.record(z.string(), z.strictObject({ hint: z.string().min(1) })).optional(),
});

/** One component of a Docker name: lowercase letters and digits, joined by `.`, `_`, `__` or dashes (never `..`). */
const NAME_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const dockerName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_./-]*(:[A-Za-z0-9_.-]+)?$/, 'a Docker name such as containerlings/hello or cl-web')
  .refine(
    (name) =>
      name
        .replace(/:[A-Za-z0-9_.-]+$/, '')
        .split('/')
        .every((part) => NAME_COMPONENT.test(part)),
    'a Docker name such as containerlings/hello: each part between slashes is letters and digits joined by . _ or -',
  );

/** Resources the exercise (or the learner doing it) may create; reset and cleanup remove exactly these. */
export const Resources = z.strictObject({
  images: z.array(dockerName).default([]),
  containers: z.array(dockerName).default([]),
  networks: z.array(dockerName).default([]),
  volumes: z.array(dockerName).default([]),
  repositories: z.array(dockerName).default([]),
  /** Swarm services, removed by name (their task containers are waited for). */
  services: z.array(dockerName).default([]),
  /** Compose projects: every container, network and volume labelled com.docker.compose.project=<name>. */
  composeProjects: z.array(dockerName).default([]),
  /** The exercise may put the engine in swarm mode: reset keeps it; `sandbox clean` leaves it if containerlings made it. */
  swarm: z.boolean().default(false),
  /**
   * Label keys the exercise has the learner add to the local swarm node (`zone` for zone=a). Reset removes them
   * only from a node containerlings initialised; a swarm the learner had keeps its labels.
   */
  nodeLabels: z
    .array(
      z
        .string()
        .regex(
          /^(?!io\.containerlings)[a-z0-9][a-z0-9_.-]*$/,
          'a node label key such as zone, not io.containerlings...',
        ),
    )
    .default([]),
});
export type Resources = z.infer<typeof Resources>;

const ExerciseFields = z.strictObject({
  id,
  title: z.string().min(1),
  lesson: id,
  hints: z.array(z.string().min(1)).min(1, 'at least one hint'),
  resources: Resources.default({
    images: [],
    containers: [],
    networks: [],
    volumes: [],
    repositories: [],
    services: [],
    composeProjects: [],
    swarm: false,
    nodeLabels: [],
  }),
  timeouts: z
    .strictObject({
      /** Seconds a check may take before it is reported as an error. */
      check: z.number().positive().max(600).default(60),
      /** Seconds the commands of a self-test attempt may take. */
      attempt: z.number().positive().max(1800).default(180),
    })
    .default({ check: 60, attempt: 180 }),
  needs: z.array(ExerciseNeed).default([]),
  /**
   * Host ports (on 127.0.0.1) the exercise publishes: doctor --workshop checks they are free, and the parallel
   * self-test never runs two exercises that share one.
   */
  ports: z.array(z.number().int().min(1).max(65535)).default([]),
  /**
   * The image this exercise's check can be judged from alone (no running container, no workspace file decides a
   * pass): `containerlings submit` pushes it to the class registry and `containerlings verify` re-checks it there.
   */
  verify: z.strictObject({ image: dockerName }).optional(),
  /**
   * The named mistakes the check can diagnose (kit.diagnose): id → the hint that fits that mistake, shown first when
   * the learner asks for a hint after the check diagnosed it.
   */
  diagnoses: z.record(id, z.strictObject({ hint: z.string().min(1) })).default({}),
  /** Each wrong attempt (a folder under wrong/) → the diagnosis its check must give, proven by the self-test. */
  wrongAttempts: z.record(z.string().min(1), id).default({}),
  /**
   * Mutants of the solution (ids as `selftest --mutants` names them) that are equivalent to it, with the reason: the
   * mutant test does not count them as survivors. The loader refuses an id that no generator makes.
   */
  equivalentMutants: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** The title and hints in other languages, by language code: `{ de: { title, hints: [...] } }`. */
  translations: z.record(langCode, ExerciseTranslation).default({}),
});

/** An exercise's metadata: a translation's hints match the English ones, one for one. */
export const ExerciseMeta = ExerciseFields.superRefine((meta, ctx) => {
  for (const [lang, t] of Object.entries(meta.translations)) {
    if (t.hints && t.hints.length !== meta.hints.length)
      ctx.addIssue({
        code: 'custom',
        path: ['translations', lang, 'hints'],
        message: `expected ${meta.hints.length} hints, one for each English hint and in the same order (found ${t.hints.length})`,
      });
    for (const id of Object.keys(t.diagnoses ?? {}))
      if (!Object.hasOwn(meta.diagnoses, id))
        ctx.addIssue({
          code: 'custom',
          path: ['translations', lang, 'diagnoses', id],
          message: 'expected a diagnosis declared under diagnoses',
        });
  }
});
export type ExerciseMeta = z.infer<typeof ExerciseMeta>;

/** course.yaml at the content root: the course format it is written for (manifest.ts), and its name. */
export const CourseManifest = z.strictObject({
  format_version: z.number().int().positive(),
  title: z.string().min(1).optional(),
  summary: z.string().min(1).optional(),
});
export type CourseManifest = z.infer<typeof CourseManifest>;
