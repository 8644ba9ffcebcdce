// static-scratch: containerlings/hello-static is FROM scratch, tiny, has no shell anywhere (read from its files, so
// a /bin/sh the kernel could not even run counts), and its binary runs there.
import type { Check } from 'containerlings/kit';

const IMAGE = 'containerlings/hello-static';
const MAX_BYTES = 2_000_000;

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image)
    return kit.diagnose('not-built', `There is no image ${IMAGE} yet.`, `Build it: docker build -t ${IMAGE} .`);
  const evidence = { bytes: image.sizeBytes, layers: image.layers };
  if (!kit.isNew(image))
    return kit.diagnose(
      'built-before-start',
      `${IMAGE} was built before you started this exercise.`,
      `Rebuild it: docker build -t ${IMAGE} .`,
      evidence,
    );
  const dockerfile = await kit.dockerfile();
  const from = dockerfile?.finalStage.find((i) => i.keyword === 'FROM')?.args[0]?.toLowerCase();
  if (from !== 'scratch') {
    return kit.diagnose(
      'not-from-scratch',
      `The final stage of your Dockerfile starts FROM ${from ?? 'nothing'}, not FROM scratch.`,
      'Compile in a first stage (AS build), then start the last stage FROM scratch and COPY --from=build the binary.',
      evidence,
    );
  }
  let run;
  try {
    run = await kit.run(IMAGE, { timeout: 10 });
  } catch (e) {
    const why = String((e as Error)?.message ?? e);
    return kit.diagnose(
      /no such file/i.test(why) ? 'dynamically-linked' : 'does-not-start',
      /no such file/i.test(why)
        ? `${IMAGE} does not start: "no such file or directory". If the binary is there, ` +
            'the missing file is the dynamic loader it asks for: scratch has none.'
        : `${IMAGE} does not start: ${why.slice(0, 200)}`,
      'Link the program statically (gcc -static ...), and use the exec form ENTRYPOINT ["/hello"].',
      evidence,
    );
  }
  const out = run.stdout.trim();
  if (run.exitCode !== 0 && /no such file/i.test(run.stderr)) {
    return kit.diagnose(
      'dynamically-linked',
      `${IMAGE} does not start: "${run.stderr.trim().slice(0, 120)}". The binary is there; ` +
        'the missing file is the dynamic loader it asks for, and scratch has none.',
      'Link the program statically: gcc -static ...',
      { ...evidence, exitCode: run.exitCode },
    );
  }
  if (run.exitCode !== 0 || !out.startsWith('hello from scratch')) {
    return kit.diagnose(
      'wrong-output',
      `Running ${IMAGE} gave exit code ${run.exitCode} and "${(out || run.stderr.trim()).slice(0, 160)}".`,
      'Its ENTRYPOINT (or CMD) must run the hello binary.',
      { ...evidence, exitCode: run.exitCode },
    );
  }
  if (image.sizeBytes > MAX_BYTES) {
    return kit.diagnose(
      'too-big',
      `${IMAGE} is ${(image.sizeBytes / 1e6).toFixed(1)} MB; a static hello FROM scratch is well under 2 MB.`,
      'Copy only the binary into the final stage.',
      evidence,
    );
  }
  // No shell: read from the image's files (never run), so a sh the kernel cannot even start still counts.
  const { shells } = await kit.audit(IMAGE);
  if (shells.length > 0) {
    return kit.diagnose(
      'has-shell',
      `${IMAGE} has a shell (${shells.slice(0, 3).join(', ')}): an image FROM scratch should hold only your binary.`,
      'Copy only the hello binary into the final stage: COPY --from=build /hello /hello',
      { ...evidence, shells: shells.slice(0, 3).join(', ') },
    );
  }
  return kit.pass(`${IMAGE} is ${(image.sizeBytes / 1e3).toFixed(0)} kB, one static binary FROM scratch: "${out}".`, {
    ...evidence,
    output: out,
  });
};

export default check;
