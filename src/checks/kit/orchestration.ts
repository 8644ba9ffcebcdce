// The kit's orchestration methods (services, Compose projects, ECS task definitions), bound to one check.
// Implementations are imported when a check first uses them, so checks that never do pay nothing.
import { parse as parseYaml } from 'yaml';
import { insideDir, readTextIfExists } from './files.js';
import type { KitContext } from './context.js';
import type { ContainerFacts, OrchestrationKit } from './api.js';
import { runThrowaway } from '../../sandbox/engine/containers.js';

type DependsOn = string[] | Record<string, { condition?: string } | null>;

async function composeDependsOn(ctx: KitContext, container: ContainerFacts, service: string) {
  const label = container.labels['com.docker.compose.depends_on'];
  if (label !== undefined) {
    const entry = label.split(',').find((e) => e.split(':')[0] === service);
    return entry ? (entry.split(':')[1] ?? 'service_started') : undefined;
  }
  const configured = container.labels['com.docker.compose.project.config_files']?.split(',')[0]?.split('/').pop();
  const text = await readTextIfExists(insideDir(ctx.dir, configured || 'docker-compose.yml'));
  const file = (text === undefined ? undefined : parseYaml(text)) as
    { services?: Record<string, { depends_on?: DependsOn } | null> } | undefined;
  const deps = file?.services?.[container.labels['com.docker.compose.service'] ?? '']?.depends_on;
  if (Array.isArray(deps)) return deps.includes(service) ? 'service_started' : undefined;
  if (deps && service in deps) return deps[service]?.condition ?? 'service_started';
  return undefined;
}

export function orchestrationKit(ctx: KitContext): OrchestrationKit {
  const services = () => import('../../sandbox/engine/service-facts.js');
  const compose = () => import('../../sandbox/engine/compose-facts.js');
  return {
    service: async (name) => (await services()).serviceFacts(ctx.engine, name),
    killTask: async (name) => (await services()).killTask(ctx.engine, name),
    waitForTasks: async (name, count, timeoutSeconds) =>
      (await services()).waitForTasks(ctx.engine, name, count, timeoutSeconds, ctx.signal),
    composeProject: async (name) => (await compose()).composeProjectFacts(ctx.engine, name),
    composeDependsOn: (container, service) => composeDependsOn(ctx, container, service),
    probeWithoutServer: async (container) => {
      const probe = container.healthcheck;
      if (!probe.length || probe[0] === 'NONE') return undefined;
      const argv = probe[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', probe.slice(1).join(' ')] : probe.slice(1);
      const options = { entrypoint: argv.slice(0, 1), cmd: argv.slice(1), timeout: 15 };
      return runThrowaway(ctx.engine, ctx.workspaceId, container.imageId, options, ctx.signal);
    },
    recreateContainer: async (name) => (await compose()).recreateContainer(ctx.engine, name),
    killContainer: async (name) => (await compose()).killContainer(ctx.engine, name),
    taskDefinition: async (file) => {
      const text = await readTextIfExists(insideDir(ctx.dir, file));
      if (text === undefined) return undefined;
      return (await import('../../sandbox/ecs/task-definition.js')).checkTaskDefinition(text);
    },
    runTaskDefinitionLocally: async (definition) => {
      const local = await import('../../sandbox/ecs/local-run.js');
      const { service } = local.localNames(String(definition.family));
      // A service the exercise does not declare would outlive every reset: the check must hold the family first.
      if (ctx.declaredServices && !ctx.declaredServices.includes(service))
        throw new Error(
          `the task definition's family would run as ${service}, which this exercise does not declare ` +
            `(it declares ${ctx.declaredServices.join(', ') || 'no service'})`,
        );
      return local.runTaskDefinitionLocally(ctx.engine, ctx.workspaceId, definition, ctx.signal);
    },
    kubectl: async (args) => {
      const ran = await (
        await import('../../sandbox/engine/kubernetes.js')
      ).runKubectl(['--request-timeout=10s', ...args], undefined, 20_000);
      if (ran.code === 'missing') throw new Error('kubectl is not installed, so the check cannot look at the cluster');
      if (ran.code === 'timeout')
        throw new Error(`kubectl ${args.join(' ')} did not finish within 20 s: is the cluster up?`);
      return { code: ran.code, stdout: ran.stdout, stderr: ran.stderr };
    },
  };
}
