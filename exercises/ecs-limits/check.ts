// ecs-limits: task-level cpu "256" and memory "512" (a Fargate size) become the Swarm service's limits and the
// cgroup limits of the task's container.
import type { Check } from 'containerlings/kit';

const IMAGE = 'containerlings/greeter';
const FAMILY = 'greeter-small';
const MiB = 1024 * 1024;
const WANT = { units: 256, nanoCpus: 250_000_000, memoryMiB: 512 };

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image) return kit.diagnose('no-image', `There is no image ${IMAGE}.`, `Build it: docker build -t ${IMAGE} .`);
  const result = await kit.taskDefinition('taskdef.json');
  if (!result)
    return kit.diagnose(
      'no-task-definition',
      'There is no taskdef.json in the exercise folder.',
      'Write it in ecs-limits/taskdef.json.',
    );
  if (!result.ok)
    return kit.diagnose(
      /required for Fargate, at task level/.test(result.errors.join('\n'))
        ? 'no-task-size'
        : /Fargate offers/.test(result.errors.join('\n'))
          ? 'not-a-fargate-size'
          : 'invalid-task-definition',
      `taskdef.json is not a valid task definition:\n${result.errors.map((e) => `  ${e}`).join('\n')}`,
      'Fix each field named above.',
    );
  const def = result.definition as { family?: string; cpu?: string; memory?: string };
  if (def.family !== FAMILY)
    return kit.diagnose(
      'wrong-family',
      `taskdef.json's family is "${def.family}", not "${FAMILY}": the README sizes the family ${FAMILY}, ` +
        `which runs here as the service cl-${FAMILY}.`,
      `Set "family": "${FAMILY}" in taskdef.json.`,
      { family: String(def.family) },
    );
  const evidence = { cpu: def.cpu ?? 'none', memory: def.memory ?? 'none' };

  const run = await kit.runTaskDefinitionLocally(result.definition);
  if (run.problem)
    return kit.diagnose(
      /^No task/.test(run.problem) ? 'task-does-not-run' : 'no-swarm',
      run.problem,
      `docker service ps --no-trunc ${run.service} shows what its task is doing.`,
      evidence,
    );
  const service = await kit.service(run.service);
  const task = service?.tasks.find((t) => t.state === 'running' && t.desiredState === 'running');
  if (!service || !task)
    return kit.diagnose(
      'task-does-not-run',
      `${run.service} has no running task to measure.`,
      `docker service ps ${run.service}`,
      evidence,
    );
  const limits = service.limits;
  Object.assign(evidence, { service: run.service, nanoCpus: limits.nanoCpus, memoryBytes: limits.memoryBytes });
  if (limits.nanoCpus !== WANT.nanoCpus) {
    return kit.diagnose(
      'wrong-cpu',
      `${run.service} may use ${limits.nanoCpus / 1e9} CPU, not a quarter (task cpu ${def.cpu}).`,
      `A quarter of a vCPU is ${WANT.units} CPU units: "cpu": "${WANT.units}" at task level.`,
      evidence,
    );
  }
  if (limits.memoryBytes !== WANT.memoryMiB * MiB) {
    return kit.diagnose(
      'wrong-memory',
      `${run.service} may use ${limits.memoryBytes / MiB} MiB, not ${WANT.memoryMiB} (task memory ${def.memory}).`,
      `"memory": "${WANT.memoryMiB}" at task level (MiB).`,
      evidence,
    );
  }
  // The service spec is a wish; the kernel enforces what the task's cgroup says.
  const cgroup = await kit.cgroup(task.containerId);
  Object.assign(evidence, { cgroupMemoryBytes: cgroup?.memoryBytes ?? 0, cgroupCpus: cgroup?.cpus ?? 0 });
  if (cgroup?.memoryBytes !== WANT.memoryMiB * MiB || cgroup.cpus !== 0.25) {
    return kit.fail(
      "Inside the task's container the cgroup allows " +
        `${cgroup?.memoryBytes ? `${cgroup.memoryBytes / MiB} MiB` : 'unlimited memory'} and ` +
        `${cgroup?.cpus ?? 'unlimited'} CPU.`,
      'Reset the exercise and check again; the service spec and the container disagree.',
      evidence,
    );
  }
  const answer = await kit.http(`${run.urls[0]}/cgi-bin/greet`);
  if (answer.status !== 200)
    return kit.diagnose(
      'no-answer',
      `The sized task does not answer on ${run.urls[0]} (${answer.status || answer.body.trim()}).`,
      'Keep the port mapping for 8080.',
      evidence,
    );
  return kit.pass(
    `cpu "${def.cpu}" and memory "${def.memory}" became the limits of ${run.service}: 0.25 CPU and 512 MiB, ` +
      "enforced by the task's cgroup, and it answers.",
    evidence,
  );
};

export default check;
