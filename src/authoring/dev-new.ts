// `dev new lesson|exercise`: scaffolds every file a lesson or an exercise needs, so the new content loads at once and
// `selftest` tells the author what is left to write.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import { FORMAT_VERSION, MANIFEST } from '../lessons/manifest.js';

const ID = /^[a-z0-9][a-z0-9-]*$/;

function requireId(id: string | undefined, what: string, example: string): string {
  if (!id) throw new UserError(`\`containerlings dev new ${what}\` needs an id.`, `For example: ${example}`, 'usage');
  if (!ID.test(id))
    throw new UserError(
      `"${id}" is not a valid id: use lowercase letters, digits and dashes, starting with a letter or digit.`,
      `For example: ${example}`,
      'usage',
    );
  return id;
}

/** Writes `files` (relative to root), refusing to overwrite anything; returns what it wrote, relative to root. */
async function writeAll(root: string, files: Record<string, string>): Promise<string[]> {
  for (const rel of Object.keys(files))
    if (existsSync(join(root, rel)))
      throw new UserError(`${join(root, rel)} exists already.`, 'Pick another id, or remove that file.', 'usage');
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), text);
  }
  return Object.keys(files);
}

const MANIFEST_TEXT = `# The course manifest: the course format these lessons and exercises are written for. containerlings refuses a
# course written for a format it does not read.
format_version: ${FORMAT_VERSION}
title: My course
`;

/** The next free `order` after every lesson's, so a new lesson comes last. */
async function nextOrder(root: string): Promise<number> {
  let max = 0;
  const ids = await readdir(join(root, 'lessons')).catch(() => [] as string[]);
  for (const id of ids) {
    const text = await readFile(join(root, 'lessons', id, 'lesson.md'), 'utf8').catch(() => '');
    const order = /^order:\s*(-?\d+)/m.exec(text);
    if (order) max = Math.max(max, Number(order[1]));
  }
  return max + 10;
}

export async function newLesson(root: string, id: string | undefined): Promise<string[]> {
  const lesson = requireId(id, 'lesson', 'containerlings dev new lesson my-first-lesson');
  if (existsSync(join(root, 'lessons', lesson)))
    throw new UserError(`There is a lesson "${lesson}" already (lessons/${lesson}/).`, 'Pick another id.', 'usage');
  const files: Record<string, string> = {};
  if (!existsSync(join(root, MANIFEST))) files[MANIFEST] = MANIFEST_TEXT;
  files[`lessons/${lesson}/lesson.md`] = `---
id: ${lesson}
title: "TODO: the lesson's title"
summary: "TODO: one or two sentences for the lesson list."
# Position in the course: lessons are listed by order, then id.
order: ${await nextOrder(root)}
objectives:
  - "TODO: something the learner can do after this lesson"
# The lesson's exercises, in order; each is exercises/<id>/. \`containerlings dev new exercise <id> --lesson ${lesson}\`
# adds one here.
exercises: []
# What the lesson needs from the machine: docker, registry, aws, swarm, kubernetes.
needs: [docker]
# Catalog images the exercises build on ({{image:base/busybox}} in the text; FROM containerlings/busybox).
images: [base/busybox]
---

## TODO: the first step's title

Each step starts with an H2 heading. Explain one idea, then let the learner try it. A block fenced with
\`sh run\` can be run from the tutorial (key \`r\`), in the workspace: keep it safe to run twice, name containers
\`cl-...\`, and publish ports on \`127.0.0.1\` only.

\`\`\`sh run
docker images {{image:base/busybox}}
\`\`\`
`;
  return writeAll(root, files);
}

export async function newExercise(root: string, id: string | undefined, lesson: string | undefined): Promise<string[]> {
  const exercise = requireId(id, 'exercise', 'containerlings dev new exercise my-exercise --lesson my-lesson');
  if (!lesson)
    throw new UserError(
      '`containerlings dev new exercise` needs the lesson that lists it: --lesson <id>.',
      `For example: containerlings dev new exercise ${exercise} --lesson my-lesson`,
      'usage',
    );
  const lessonFile = join(root, 'lessons', lesson, 'lesson.md');
  if (!existsSync(lessonFile))
    throw new UserError(
      `There is no lesson "${lesson}" (${relative(root, lessonFile)}) in ${root}.`,
      `Create it first: containerlings dev new lesson ${lesson}`,
      'usage',
    );
  if (existsSync(join(root, 'exercises', exercise)))
    throw new UserError(`There is an exercise "${exercise}" already (exercises/${exercise}/).`, 'Pick another id.');
  const lessonText = await listExercise(lessonFile, exercise);
  const written = await writeAll(root, exerciseFiles(exercise, lesson));
  await writeFile(lessonFile, lessonText);
  return [...written, `${relative(root, lessonFile)} (exercises: ${exercise})`];
}

/** The lesson's text with `id` appended to its frontmatter's `exercises:`, its comments and layout kept. */
async function listExercise(file: string, id: string): Promise<string> {
  const text = (await readFile(file, 'utf8')).replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  const doc = match ? parseDocument(match[1]) : undefined;
  if (!match || !doc || doc.errors.length > 0)
    throw new UserError(
      `Cannot add the exercise to ${file}: its frontmatter is not valid YAML.`,
      'Run `containerlings dev check` to see what is wrong with it, fix it, and try again.',
      'content',
    );
  const list = doc.get('exercises', true);
  if (isSeq(list)) list.add(doc.createNode(id));
  else doc.set('exercises', [id]);
  return `---\n${doc.toString({ flowCollectionPadding: false }).trimEnd()}\n---\n${text.slice(match[0].length)}`;
}

/** Every file of a new exercise: a small image exercise whose only missing piece is the check. */
function exerciseFiles(id: string, lesson: string): Record<string, string> {
  const image = `containerlings/${id}`;
  const greeting = `Hello from ${id}!`;
  const dockerfile = (cmd: string) =>
    `# The course's base image: a tiny Linux userland (BusyBox).\nFROM containerlings/busybox\n\n${cmd}\n`;
  return {
    [`exercises/${id}/exercise.yaml`]: `# The exercise's metadata. \`containerlings dev check\` validates it;
# \`containerlings selftest ${id}\` proves it on the engine.
id: ${id}
title: "TODO: a short title"
# The lesson that lists this exercise (in its lesson.md, under exercises:).
lesson: ${lesson}
# From a nudge to the full answer; \`containerlings hint\` shows the next one.
hints:
  - "TODO: a nudge: which instruction says what a container does when it starts?"
  - "TODO: the full answer: CMD [\\"echo\\", \\"${greeting}\\"], then docker build -t ${image} ."
# Everything the exercise (or the learner doing it) may create: reset and cleanup remove exactly these. Images are
# named containerlings/..., containers, networks and volumes cl-...
resources:
  images:
    - ${image}
# Seconds: how long the check may take, and how long one self-test attempt's commands.sh may run.
timeouts:
  check: 60
  attempt: 120
# Host ports the exercise publishes (always on 127.0.0.1): doctor checks they are free.
# ports: [8080]
# The mistakes the check names with kit.diagnose(id, ...), each with the hint that fits it (shown first).
diagnoses:
  not-built:
    hint: "There is no image ${image} yet. In the ${id} folder, build it: docker build -t ${image} ."
  wrong-output:
    hint: "The container prints something else. Copy the text exactly: CMD [\\"echo\\", \\"${greeting}\\"], and rebuild."
# Each wrong attempt (a folder under wrong/) and the diagnosis its check must give; the self-test proves it.
wrongAttempts:
  forgot-to-build: not-built
  wrong-output: wrong-output
`,
    [`exercises/${id}/README.md`]: `# TODO: the exercise's title

TODO: the task, in a few sentences. For example: build an image **\`${image}\`** whose container prints exactly
\`${greeting}\`.

Work in the folder **\`${id}/\`** of your workspace. It holds a \`Dockerfile\` with a \`TODO\` for you.

1. Edit \`Dockerfile\`.
2. Build it: \`docker build -t ${image} .\`
3. Try it: \`docker run --rm ${image}\`
4. Run the check.

**What the check looks for**: TODO: say exactly what the check asks of the engine (an image built after you
started, what a container of it prints...), so that the learner never has to guess.
`,
    [`exercises/${id}/check.ts`]: `// ${id}: TODO one line on what this check proves.
// A check judges the engine's state, never the commands typed.
import type { Check } from 'containerlings/kit';

const check: Check = async (kit) => {
  // TODO: ask the engine and return kit.pass, kit.fail or kit.diagnose (a mistake declared in exercise.yaml). E.g.:
  //   const image = await kit.image('${image}');
  //   if (!image || !kit.isNew(image))
  //     return kit.diagnose('not-built', 'There is no new image ${image}.', 'Build it: docker build -t ${image} .');
  //   const run = await kit.run('${image}');
  //   if (run.stdout !== '${greeting}\\n') return kit.diagnose('wrong-output', \`It printed "\${run.stdout.trim()}".\`);
  //   return kit.pass('It prints the greeting.');
  return kit.fail(
    'The check of ${id} is not written yet.',
    'Write exercises/${id}/check.ts, then prove it: containerlings selftest ${id}',
  );
};

export default check;
`,
    [`exercises/${id}/starter/Dockerfile`]: dockerfile(
      `# TODO: make a container started from this image print exactly:\n#   ${greeting}`,
    ),
    [`exercises/${id}/solution/Dockerfile`]: dockerfile(`CMD ["echo", "${greeting}"]`),
    [`exercises/${id}/solution/commands.sh`]:
      '# What a learner would type; the self-test runs it in a copy of starter/ with solution/ laid over it.\n' +
      `docker build -t ${image} .\n`,
    [`exercises/${id}/wrong/forgot-to-build/Dockerfile`]: dockerfile(`CMD ["echo", "${greeting}"]`),
    // An empty commands.sh: the learner did nothing (without one, the solution's commands.sh runs).
    [`exercises/${id}/wrong/forgot-to-build/commands.sh`]: '',
    [`exercises/${id}/wrong/wrong-output/Dockerfile`]: dockerfile(`CMD ["echo", "Hello!"]`),
  };
}
