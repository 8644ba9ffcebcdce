// swarm-placement: cl-placed is constrained to nodes labelled zone=a, spreads over zones, and all its tasks run
// (which proves a node carries the label: a constraint nobody meets leaves tasks Pending).
import type { Check } from 'containerlings/kit';

const SERVICE = 'cl-placed';
const DESIRED = 3;
const CONSTRAINT = 'node.labels.zone==a';
const SPREAD = 'node.labels.zone';

/** `node.labels.zone == a` and `node.labels.zone==a` are the same constraint. */
const normal = (constraint: string) => constraint.replace(/\s+/g, '');

const check: Check = async (kit) => {
  const first = await kit.service(SERVICE);
  if (!first) {
    return kit.diagnose(
      'not-started',
      `There is no Swarm service called ${SERVICE}.`,
      'Build containerlings/placed, then: ' +
        `docker service create --name ${SERVICE} --replicas ${DESIRED} --constraint ... --placement-pref ... ` +
        'containerlings/placed',
    );
  }
  const constraints = first.placement.constraints.map(normal);
  const evidence = {
    replicas: first.replicas,
    constraints: constraints.join(' ') || 'none',
    spreadOver: first.placement.spreadOver.join(' ') || 'none',
    image: first.image,
  };
  if (first.mode !== 'replicated' || first.replicas !== DESIRED) {
    return kit.diagnose(
      'wrong-count',
      `${SERVICE} wants ${first.mode === 'global' ? 'one task per node (global mode)' : `${first.replicas} tasks`}, not ${DESIRED}.`,
      `docker service scale ${SERVICE}=${DESIRED}`,
      evidence,
    );
  }
  // Running tasks first: a placement no node meets is the mistake this exercise is about, and its reason is on the tasks.
  const settled = await kit.waitForTasks(SERVICE, DESIRED, 15);
  const running = settled?.running ?? 0;
  if (running !== DESIRED) {
    const waiting = (settled?.tasks ?? []).filter((t) => t.desiredState === 'running' && t.state !== 'running');
    const pending = waiting.filter((t) => t.state === 'pending');
    const why = waiting.map((t) => t.error).find(Boolean) ?? 'no error reported';
    const proof = { ...evidence, running, pending: pending.length };
    if (pending.length > 0) {
      return kit.diagnose(
        'no-node-fits',
        `${running} of ${DESIRED} tasks of ${SERVICE} run; ${pending.length} wait in Pending: ${why}. ` +
          `The scheduler finds no node that meets ${constraints.join(' and ') || 'the placement'}.`,
        "Compare the constraint with your node's labels: " +
          "docker node inspect --format '{{json .Spec.Labels}}' \"$(docker info --format '{{.Swarm.NodeID}}')\". " +
          'Label the node (docker node update --label-add zone=a ...) or fix the constraint.',
        proof,
      );
    }
    return kit.diagnose(
      'tasks-not-running',
      `${running} of ${DESIRED} tasks of ${SERVICE} run (${waiting.map((t) => t.state).join(', ') || 'no tasks'}): ${why}.`,
      `docker service ps --no-trunc ${SERVICE} shows what its tasks are doing.`,
      proof,
    );
  }
  if (!constraints.includes(CONSTRAINT)) {
    return kit.diagnose(
      'no-constraint',
      `${SERVICE}'s tasks run, but it is not constrained to zone a (constraints: ${evidence.constraints}): they may go to any node.`,
      `docker service update --constraint-add ${CONSTRAINT} ${SERVICE}`,
      { ...evidence, running },
    );
  }
  if (!first.placement.spreadOver.includes(SPREAD)) {
    return kit.diagnose(
      'no-spread',
      `${SERVICE} runs in zone a, but has no spread preference over ${SPREAD} (spreads over: ` +
        `${evidence.spreadOver}): with more zones, its tasks could all land in one.`,
      `docker service update --placement-pref-add spread=${SPREAD} ${SERVICE}`,
      { ...evidence, running },
    );
  }
  const nodes = new Set(settled!.tasks.filter((t) => t.state === 'running').map((t) => t.nodeId.slice(0, 12)));
  return kit.pass(
    `All ${DESIRED} tasks of ${SERVICE} run on ${nodes.size === 1 ? 'the one node' : `${nodes.size} nodes`} ` +
      `labelled zone=a, spread over ${SPREAD}.`,
    { ...evidence, running, nodes: [...nodes].join(' ') },
  );
};

export default check;
