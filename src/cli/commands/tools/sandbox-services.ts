// `containerlings sandbox up|down|status` for the registry and the ECR endpoint (and the hidden
// `sandbox serve-ecr`, the endpoint's own process).
import { UserError } from '../../../errors.js';
import type { Invocation } from '../../args.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, mark, marked, paint, printJson } from '../../output.js';

export type ServicesAction = 'up' | 'down' | 'status' | 'serve-ecr';
export const SERVICES_ACTIONS: readonly string[] = ['up', 'down', 'status', 'serve-ecr'];

export default async function servicesCommand(inv: Invocation, action: ServicesAction): Promise<number> {
  const services = await import('../../../sandbox/services/services.js');
  if (action === 'serve-ecr') return (await import('../../../sandbox/services/ecr/serve.js')).serveForever();
  if (action === 'down') {
    const stopped = await services.stopServices();
    if (inv.json) printJson({ stopped });
    else
      process.stdout.write(
        stopped.length
          ? `stopped ${stopped.join(' and ')} (their data stays; \`containerlings sandbox up\` brings them back)\n`
          : 'Nothing was running.\n',
      );
    return EXIT.pass;
  }
  if (action === 'up') {
    const s = await services.ensureServices((line) => !inv.json && process.stderr.write(paint('dim', line) + '\n'));
    const { wrapperDir } = await import('../../../sandbox/services/aws-wrapper.js');
    const bin = await wrapperDir(s);
    if (inv.json)
      printJson({
        registry: s.registry,
        ecrEndpoint: s.ecrEndpoint,
        ecrRegistry: s.ecrRegistry,
        registryKind: s.registryKind,
        awsWrapper: bin,
      });
    else {
      process.stdout.write(
        `${mark(FINDING.ok)} registry      ${s.registry} (${s.registryKind}; data in ${s.files.registryData})\n`,
      );
      process.stdout.write(
        `${mark(FINDING.ok)} ECR endpoint  ${s.ecrEndpoint} (images at ${s.ecrRegistry}/<repository>)\n`,
      );
      process.stdout.write(
        `  The tutorial's shell puts an \`aws\` wrapper first on PATH (${bin}), so \`aws ecr ...\` reaches it.\n`,
      );
    }
    return EXIT.pass;
  }
  if (action === 'status') {
    const s = await services.describeServices();
    if (!s.started) {
      if (inv.json) printJson({ registry: { up: false }, ecrEndpoint: { up: false }, started: false });
      else
        process.stdout.write(
          `${marked(FINDING.warn, 'down')} the sandbox services were never started here (${s.files.dir}).\n` +
            '  Start them with `containerlings sandbox up` (a check that needs them starts them too).\n',
        );
      return EXIT.fail;
    }
    const { waitForHttp } = await import('../../../sandbox/services/registry/registry-process.js');
    const registryUp = await waitForHttp(`http://${s.registry.replace('localhost', '127.0.0.1')}/v2/`, 300);
    const endpointUp = await waitForHttp(
      `${s.ecrEndpoint.replace('localhost', '127.0.0.1')}/`,
      300,
      (code) => code === 404,
    );
    if (inv.json)
      printJson({
        registry: { address: s.registry, up: registryUp },
        ecrEndpoint: { address: s.ecrEndpoint, up: endpointUp },
      });
    else {
      process.stdout.write(
        `${registryUp ? marked(FINDING.ok, 'up  ') : marked(FINDING.warn, 'down')} registry      ${s.registry}\n`,
      );
      process.stdout.write(
        `${endpointUp ? marked(FINDING.ok, 'up  ') : marked(FINDING.warn, 'down')} ECR endpoint  ${s.ecrEndpoint}\n`,
      );
    }
    return registryUp && endpointUp ? EXIT.pass : EXIT.fail;
  }
  throw new UserError(`Unknown sandbox action "${String(action)}".`, 'Use up, down or status.', 'usage');
}
