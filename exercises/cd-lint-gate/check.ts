// cd-lint-gate: sh pipeline.sh publishes cl-gate:<commit> for the learner's files, and with a Dockerfile that has a
// lint error (two different ones, so that only a real linter stops both) it stops before any build, printing the finding.
import type { Check, PipelineRun } from 'containerlings/kit';

/** A lint error the check puts into a copy of the learner's Dockerfile, and what a linter calls it. */
interface Broken {
  what: string;
  dockerfile: string;
  finding: RegExp;
  names: string;
}

const check: Check = async (kit) => {
  const dockerfile = await kit.readFile('Dockerfile');
  if (dockerfile === undefined)
    return kit.diagnose(
      'no-dockerfile',
      'There is no Dockerfile in the exercise folder.',
      'Reset the exercise (x) to get it back.',
    );

  const good = await kit.pipeline(['sh', 'pipeline.sh']);
  if (good.exitCode !== 0) {
    const errors = ((await kit.lint())?.findings ?? []).filter((f) => f.severity === 'error');
    const first = errors[0];
    if (first && good.output.includes(first.rule)) {
      return kit.diagnose(
        'dockerfile-not-fixed',
        `The lint gate works, and it stopped your own Dockerfile: line ${first.line}, ${first.rule}: ${first.message}`,
        first.fix,
        { commit: good.commit },
      );
    }
    return kit.diagnose(
      'pipeline-fails',
      `sh pipeline.sh failed (exit ${good.exitCode}) with your files. Its last lines:\n${good.lastLines}` +
        (first ? `\n(Your Dockerfile also has a lint error: line ${first.line}, ${first.rule}.)` : ''),
      'Run it yourself (sh pipeline.sh) and fix the first error it prints.',
      { commit: good.commit },
    );
  }
  const pushed = async (run: PipelineRun) =>
    (await kit.registry.tags('cl-gate')).find((t) => kit.namesCommit(t, run.commit));
  const tag = await pushed(good);
  if (!tag)
    return kit.diagnose(
      'not-pushed',
      `The pipeline passed at commit ${good.commit.slice(0, 7)} but the registry has no cl-gate tag for it.`,
      'Keep the build, tag and push steps: docker push "$IMAGE:$TAG"',
      { commit: good.commit },
    );

  const lines = dockerfile.split('\n');
  const lastFrom = lines.reduce((at, line, i) => (/^\s*FROM\b/i.test(line) ? i : at), 0);
  const broken: Broken[] = [
    {
      what: 'no USER: it runs as root',
      dockerfile: lines.filter((line) => !/^\s*USER\b/i.test(line)).join('\n'),
      finding: /root-user|DL3002/,
      names: 'root-user',
    },
    {
      // Another error than the one the learner fixed: a gate that only looks for a USER line lets this through.
      what: 'a RUN with sudo',
      dockerfile: [...lines.slice(0, lastFrom + 1), 'RUN sudo echo ready', ...lines.slice(lastFrom + 1)].join('\n'),
      finding: /no-sudo|DL3004/,
      names: 'no-sudo',
    },
  ];
  for (const error of broken) {
    const bad = await kit.pipeline(['sh', 'pipeline.sh'], { replace: { Dockerfile: error.dockerfile } });
    const evidence = { commit: good.commit, tag, brokenCommit: bad.commit, lintError: error.names };
    if (await pushed(bad)) {
      return kit.diagnose(
        'error-published',
        `Given a Dockerfile with a lint error (${error.what}), your pipeline still published cl-gate for that commit.`,
        'Lint before the build, and let a failure stop the script: no `|| true`, and `set -e` at the top.',
        evidence,
      );
    }
    if (bad.exitCode === 0)
      return kit.diagnose(
        'gate-exits-zero',
        `Given a Dockerfile with a lint error (${error.what}), your pipeline pushed nothing but still exited 0: ` +
          'a CI system would show it green.',
        "Let the lint step's exit code stop the script (set -e, and no `|| true`).",
        evidence,
      );
    if (bad.images.length > 0)
      return kit.diagnose(
        'lint-after-build',
        `Given a Dockerfile with a lint error (${error.what}), your pipeline built the image before it stopped. ` +
          'A build can take minutes; the lint takes a second.',
        'Move `containerlings lint Dockerfile` before `docker build`.',
        evidence,
      );
    if (!error.finding.test(bad.output)) {
      return kit.diagnose(
        'gate-not-the-linter',
        `Given a Dockerfile with a lint error (${error.what}), your pipeline stopped (exit ${bad.exitCode}), ` +
          `but not with the linter's finding (${error.names}). Its last lines:\n${bad.lastLines}`,
        'Run `containerlings lint Dockerfile` as the gate, and let it print what it found.',
        evidence,
      );
    }
  }
  return kit.pass(
    `The gate holds: your files were pushed as cl-gate:${tag}, and Dockerfiles with lint errors ` +
      `(${broken.map((b) => b.names).join(', ')}) stopped the pipeline before the build.`,
    { commit: good.commit, tag },
  );
};
export default check;
