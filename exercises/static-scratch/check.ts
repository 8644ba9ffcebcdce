// static-scratch: containerlings/hello-static is FROM scratch, tiny, shell-less, and its binary runs there.
import type { Check } from 'containerlings/kit';

const IMAGE = 'containerlings/hello-static';
const MAX_BYTES = 2_000_000;

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image) return kit.fail(`There is no image ${IMAGE} yet.`, `Build it: docker build -t ${IMAGE} .`);
  const evidence = { bytes: image.sizeBytes, layers: image.layers };
  if (!kit.isNew(image))
    return kit.fail(
      `${IMAGE} was built before you started this exercise.`,
      `Rebuild it: docker build -t ${IMAGE} .`,
      evidence,
    );
  const dockerfile = await kit.dockerfile();
  const from = dockerfile?.finalStage.find((i) => i.keyword === 'FROM')?.args[0]?.toLowerCase();
  if (from !== 'scratch') {
    return kit.fail(
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
    return kit.fail(
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
    return kit.fail(
      `${IMAGE} does not start: "${run.stderr.trim().slice(0, 120)}". The binary is there; ` +
        'the missing file is the dynamic loader it asks for, and scratch has none.',
      'Link the program statically: gcc -static ...',
      { ...evidence, exitCode: run.exitCode },
    );
  }
  if (run.exitCode !== 0 || !out.startsWith('hello from scratch')) {
    return kit.fail(
      `Running ${IMAGE} gave exit code ${run.exitCode} and "${(out || run.stderr.trim()).slice(0, 160)}".`,
      'Its ENTRYPOINT (or CMD) must run the hello binary.',
      { ...evidence, exitCode: run.exitCode },
    );
  }
  if (image.sizeBytes > MAX_BYTES) {
    return kit.fail(
      `${IMAGE} is ${(image.sizeBytes / 1e6).toFixed(1)} MB; a static hello FROM scratch is well under 2 MB.`,
      'Copy only the binary into the final stage.',
      evidence,
    );
  }
  return kit.pass(`${IMAGE} is ${(image.sizeBytes / 1e3).toFixed(0)} kB, one static binary FROM scratch: "${out}".`, {
    ...evidence,
    output: out,
  });
};

export default check;
