// first-image: `docker run --rm containerlings/hello` must print exactly the greeting: that line, one line break.
import type { Check, CheckKit, ImageFacts } from 'containerlings/kit';

const IMAGE = 'containerlings/hello';
const BASE = 'containerlings/busybox';
const GREETING = 'Hello from my first image!';

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image) {
    return kit.diagnose(
      'not-built',
      `There is no image called ${IMAGE} yet.`,
      `Build it from the first-image folder: docker build -t ${IMAGE} .`,
    );
  }
  const evidence = { image: shortId(image.id), created: image.created.toISOString(), cmd: image.cmd.join(' ') };
  const base = await kit.image(BASE);
  if (base && addsNothing(image, base)) {
    return kit.diagnose(
      'adds-nothing',
      `${IMAGE} is the base image ${BASE} under a new name: your Dockerfile adds nothing after FROM.`,
      'Add an instruction that makes the container print the greeting, then rebuild.',
      evidence,
    );
  }
  if (!kit.isNew(image)) {
    return kit.diagnose(
      'built-before-start',
      `${IMAGE} was built before you started this exercise, so it is not your work yet.`,
      `Rebuild it: docker build -t ${IMAGE} . (if Docker reuses an old build from its cache, add --no-cache)`,
      evidence,
    );
  }

  const run = await kit.run(IMAGE, { timeout: 10 });
  // "Exactly" means the greeting and one line break, as echo prints it: no spaces around it, no other lines.
  const exact = run.stdout === `${GREETING}\n`;
  const out = run.stdout.replace(/\s+$/, '');
  const runEvidence = { ...evidence, exitCode: run.exitCode, stdout: clip(run.stdout), stderr: clip(run.stderr) };

  if (run.timedOut) {
    return kit.diagnose(
      'never-exits',
      `A container from ${IMAGE} did not finish within 10 seconds; it runs \`${command(image)}\`.`,
      'Set a CMD that prints the greeting and exits.',
      runEvidence,
    );
  }
  if (run.cannotStart) {
    const program = /exec: "([^"]+)"|executable file `([^`]+)`/.exec(run.cannotStart)?.slice(1).find(Boolean);
    const what = program ? `\`${program}\`` : 'the program your CMD names';
    return kit.diagnose(
      'command-not-in-image',
      `A container from ${IMAGE} cannot start: ${what} is not in the image (the engine says: ${clip(run.cannotStart)}). ` +
        'An image has only the programs its base (FROM) and your steps put in it.',
      `Build FROM ${BASE}, which has echo, and keep CMD ["echo", "${GREETING}"]; then rebuild.`,
      { ...runEvidence, cannotStart: clip(run.cannotStart) },
    );
  }
  if (exact && run.exitCode === 0) {
    return kit.pass(`docker run --rm ${IMAGE} prints "${GREETING}".`, runEvidence);
  }
  if (out === '' && run.stderr.includes(GREETING)) {
    return kit.diagnose(
      'greeting-on-stderr',
      'The container wrote the greeting to its error output (stderr), not to its standard output: ' +
        'your terminal shows both, but a program reading the output (docker run ... | cat > file) gets nothing.',
      'Print it the plain way, without >&2: CMD ["echo", "' + GREETING + '"], then rebuild.',
      runEvidence,
    );
  }
  if (out === '') {
    const built = await printsAtBuildTime(kit);
    return built
      ? kit.diagnose(
          'prints-at-build-time',
          'The container printed nothing: your Dockerfile echoes the greeting in a RUN step, ' +
            'which runs once while the image is built, not when a container starts.',
          'Use CMD to say what a container runs when it starts, e.g. CMD ["echo", "..."], then rebuild.',
          runEvidence,
        )
      : kit.diagnose(
          'prints-nothing',
          `The container printed nothing on its standard output; it runs \`${command(image)}\`.`,
          'Use CMD to say what a container runs when it starts, e.g. CMD ["echo", "..."], then rebuild.',
          runEvidence,
        );
  }
  if (run.exitCode !== 0) {
    return kit.diagnose(
      'exits-with-error',
      `The container exited with code ${run.exitCode}.`,
      `Run it yourself to see the error: docker run --rm ${IMAGE}`,
      runEvidence,
    );
  }
  if (run.stdout.trim() === GREETING) {
    return kit.diagnose(
      'not-exact',
      `The container printed the greeting, but not exactly: ${JSON.stringify(clip(run.stdout))} ` +
        `instead of ${JSON.stringify(`${GREETING}\n`)} (the line and one line break, nothing more).`,
      'Remove the extra spaces or empty lines (or add the missing line break): CMD ["echo", "' +
        GREETING +
        '"], then rebuild.',
      runEvidence,
    );
  }
  return kit.diagnose(
    'wrong-text',
    `The container printed "${clip(out)}", but it should print exactly "${GREETING}".`,
    'Fix the text in your CMD (capitals and punctuation count), then rebuild.',
    runEvidence,
  );
};

/** Does the Dockerfile have a RUN that echoes something? Only used to explain an empty output. */
async function printsAtBuildTime(kit: CheckKit): Promise<boolean> {
  const text = (await kit.readFile('Dockerfile')) ?? '';
  return /^\s*RUN\b[^\n]*\b(echo|printf)\b/im.test(text);
}

/**
 * The legacy builder gives a Dockerfile with only FROM the base image's own id; BuildKit writes a new config (another
 * id) that keeps the base's Created, layers and settings. (A legacy build whose RUN changed no file keeps the layers
 * too, but gets a new Created: that one did add a step.)
 */
function addsNothing(image: ImageFacts, base: ImageFacts): boolean {
  if (image.id === base.id) return true;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return (
    image.created.getTime() === base.created.getTime() &&
    image.layers === base.layers &&
    image.user === base.user &&
    image.workdir === base.workdir &&
    same(image.cmd, base.cmd) &&
    same(image.entrypoint, base.entrypoint) &&
    same(image.env, base.env) &&
    same(image.labels, base.labels)
  );
}

/** What a container of the image runs: ENTRYPOINT and CMD together, as the engine joins them. */
function command(image: ImageFacts): string {
  return [...image.entrypoint, ...image.cmd].join(' ') || '(nothing)';
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export default check;
