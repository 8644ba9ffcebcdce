// `containerlings sandbox up` (alias `prepare`): build or pull whatever base image is missing, then start the
// sandbox's services, one progress line per step; `--json` gives every step's status and time.
import { contentRoot } from '../../../lessons/course.js';
import { connect } from '../../../sandbox/engine/connection.js';
import { imageSteps, runSteps, type SandboxStep } from '../../../sandbox/images/steps.js';
import type { Invocation } from '../../args.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';

/** The local registry and ECR endpoint (src/sandbox/services/services.ts), as one step after the images. */
const servicesStep: SandboxStep = {
  name: 'registry + ECR endpoint',
  run: async (report) => {
    const services = await import('../../../sandbox/services/services.js');
    const s = await services.ensureServices(report);
    const { wrapperDir } = await import('../../../sandbox/services/aws-wrapper.js');
    const awsWrapper = await wrapperDir(s);
    return {
      status: 'running',
      detail: {
        registry: s.registry,
        registryKind: s.registryKind,
        ecrEndpoint: s.ecrEndpoint,
        ecrRegistry: s.ecrRegistry,
        awsWrapper,
      },
    };
  },
};

export default async function sandboxUp(
  inv: Invocation,
  action: 'up' | 'prepare',
  signal?: AbortSignal,
): Promise<number> {
  const engine = await connect();
  const names = inv.positionals.slice(1);
  const steps = [
    ...(await imageSteps(engine, contentRoot(), names)),
    ...(action === 'up' && names.length === 0 ? [servicesStep] : []),
  ];
  const say = (line: string) => !inv.json && process.stderr.write(paint('dim', `  ${line}`) + '\n');
  const results = await runSteps(
    steps,
    (i, step, done) => {
      if (inv.json) return;
      const n = `[${i + 1}/${steps.length}]`;
      if (!done) process.stderr.write(paint('dim', `${n} ${step.name}...`) + '\n');
      else {
        const extra = Object.entries(done.detail ?? {})
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        process.stdout.write(
          `${mark(FINDING.ok)} ${n} ${step.name}: ${done.status}${extra ? ` (${extra})` : ''} ${paint('dim', `${done.seconds}s`)}\n`,
        );
      }
    },
    say,
    signal,
  );
  if (inv.json)
    printJson({
      ok: true,
      steps: results,
      images: Object.fromEntries(results.filter((r) => r.name.startsWith('base/')).map((r) => [r.name, r.status])),
    });
  return EXIT.pass;
}
