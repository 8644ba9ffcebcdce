// ecs-run-local: the learner's task definition, run as a Swarm service, serves the greeter on 127.0.0.1 with
// the GREETING its environment sets.
import type { Check } from 'containerlings/kit';

interface Container {
  name?: string;
  essential?: boolean;
  portMappings?: { containerPort?: number }[];
  environment?: { name?: string; value?: string }[];
}

const IMAGE = 'containerlings/greeter';
const FAMILY = 'greeter';

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image)
    return kit.diagnose(
      'no-image',
      `There is no image ${IMAGE}: a task definition only names an image, it does not build it.`,
      `Build it: docker build -t ${IMAGE} .`,
    );
  if (!kit.isNew(image))
    return kit.diagnose(
      'image-not-rebuilt',
      `${IMAGE} was built before you started this exercise.`,
      `Build it again: docker build -t ${IMAGE} .`,
    );
  const result = await kit.taskDefinition('taskdef.json');
  if (!result)
    return kit.diagnose(
      'no-task-definition',
      'There is no taskdef.json in the exercise folder.',
      'Write it in ecs-run-local/taskdef.json.',
    );
  if (!result.ok)
    return kit.diagnose(
      'invalid-task-definition',
      `taskdef.json is not a valid task definition:\n${result.errors.map((e) => `  ${e}`).join('\n')}`,
      'Fix each field named above.',
    );
  const family = String(result.definition.family);
  if (family !== FAMILY)
    return kit.diagnose(
      'wrong-family',
      `taskdef.json's family is "${family}", not "${FAMILY}": the README's task definition is the family ${FAMILY}, ` +
        `which runs here as the service cl-${FAMILY}.`,
      `Set "family": "${FAMILY}" in taskdef.json.`,
      { family },
    );
  const containers = (result.definition as { containerDefinitions: Container[] }).containerDefinitions;
  const main = containers.find((c) => c.essential !== false) ?? containers[0]!;
  const greeting = main.environment?.find((e) => e.name === 'GREETING')?.value;
  if (!greeting)
    return kit.diagnose(
      'no-greeting',
      `The ${main.name} container's environment does not set GREETING.`,
      'Add "environment": [{ "name": "GREETING", "value": "..." }].',
    );
  const ports = main.portMappings?.map((p) => p.containerPort).filter(Boolean) ?? [];
  if (ports.length === 0)
    return kit.diagnose(
      'no-port-mapping',
      `The ${main.name} container has no portMappings, so nothing can reach it.`,
      'Add "portMappings": [{ "containerPort": ..., "protocol": "tcp" }] with the port the greeter listens on.',
    );

  const run = await kit.runTaskDefinitionLocally(result.definition);
  if (run.problem)
    return kit.diagnose(
      /^No task/.test(run.problem) ? 'task-does-not-run' : 'no-swarm',
      run.problem,
      `docker service ps --no-trunc ${run.service} shows what its task is doing.`,
    );
  const url = `${run.urls[0]}/cgi-bin/greet`;
  const answer = await kit.http(url);
  const evidence = {
    service: run.service,
    url,
    containerPort: ports[0]!,
    status: answer.status,
    body: answer.body.trim().slice(0, 80),
  };
  if (answer.status === 0) {
    return kit.diagnose(
      'wrong-container-port',
      `The task runs, but nothing answers on its containerPort ${ports[0]} (${answer.body.trim()}).`,
      'Which port does the greeter listen on? Look at the CMD in the Dockerfile, and use that as containerPort.',
      evidence,
    );
  }
  if (answer.status !== 200 || answer.body.trim() !== greeting) {
    return kit.diagnose(
      'wrong-answer',
      `${url} answered ${answer.status} "${answer.body.trim().slice(0, 80)}", not your GREETING "${greeting}".`,
      'Is the environment set on the container that serves the page?',
      evidence,
    );
  }
  return kit.pass(`Your task definition runs as ${run.service} and ${url} answers "${greeting}".`, evidence);
};

export default check;
