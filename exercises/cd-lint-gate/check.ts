import type { Check, PipelineRun } from 'containerlings/kit';

const check: Check = async (kit) => {
  const dockerfile = await kit.readFile('Dockerfile');
  if (dockerfile === undefined)
    return kit.fail('There is no Dockerfile in the exercise folder.', 'Reset the exercise (x) to get it back.');

  const good = await kit.pipeline(['sh', 'pipeline.sh']);
  if (good.exitCode !== 0) {
    const errors = ((await kit.lint())?.findings ?? []).filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      return kit.fail(
        `The lint gate works, and it stopped your own Dockerfile: line ${first.line}, ${first.rule}: ${first.message}`,
        first.fix,
        { commit: good.commit },
      );
    }
    return kit.fail(
      `sh pipeline.sh failed (exit ${good.exitCode}) with your files. Its last lines:\n${good.lastLines}`,
      'Run it yourself (sh pipeline.sh) and fix the first error it prints.',
      { commit: good.commit },
    );
  }
  const pushed = async (run: PipelineRun) =>
    (await kit.registry.tags('cl-gate')).find((t) => kit.namesCommit(t, run.commit));
  const tag = await pushed(good);
  if (!tag)
    return kit.fail(
      `The pipeline passed at commit ${good.commit.slice(0, 7)} but the registry has no cl-gate tag for it.`,
      'Keep the build, tag and push steps: docker push "$IMAGE:$TAG"',
      { commit: good.commit },
    );

  // The same files, with every USER line removed: the image would run as root, a lint error.
  const broken = dockerfile
    .split('\n')
    .filter((line) => !/^\s*USER\b/i.test(line))
    .join('\n');
  const bad = await kit.pipeline(['sh', 'pipeline.sh'], { replace: { Dockerfile: broken } });
  const evidence = { commit: good.commit, tag, brokenCommit: bad.commit };
  if (await pushed(bad)) {
    return kit.fail(
      'Given a Dockerfile with a lint error (no USER: it runs as root), your pipeline still published cl-gate for that commit.',
      'Lint before the build, and let a failure stop the script: no `|| true`, and `set -e` at the top.',
      evidence,
    );
  }
  if (bad.exitCode === 0)
    return kit.fail(
      'Given a Dockerfile with a lint error, your pipeline pushed nothing but still exited 0: a CI system would show it green.',
      "Let the lint step's exit code stop the script (set -e, and no `|| true`).",
      evidence,
    );
  if (bad.images.length > 0)
    return kit.fail(
      'Given a Dockerfile with a lint error, your pipeline built the image before it stopped. ' +
        'A build can take minutes; the lint takes a second.',
      'Move `containerlings lint Dockerfile` before `docker build`.',
      evidence,
    );
  if (!bad.output.includes('root-user')) {
    return kit.fail(
      `Given a Dockerfile with a lint error, your pipeline stopped (exit ${bad.exitCode}), ` +
        `but not with the linter's finding. Its last lines:\n${bad.lastLines}`,
      'Run `containerlings lint Dockerfile` as the gate, and let it print what it found.',
      evidence,
    );
  }
  return kit.pass(
    `The gate holds: your files were pushed as cl-gate:${tag}, ` +
      `and a Dockerfile with a lint error stopped the pipeline before the build (exit ${bad.exitCode}).`,
    evidence,
  );
};
export default check;
