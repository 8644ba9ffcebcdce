// desired-count: cl-hello runs 3 replicas with an update policy (one task at a time, a delay between tasks, roll
// back on failure), the scheduler replaces a task whose container is killed, and the name resolves to the VIP.
import type { Check } from 'containerlings/kit';

const SERVICE = 'cl-hello';
const NETWORK = 'cl-swarm-net';
const DESIRED = 3;

const check: Check = async (kit) => {
  const first = await kit.service(SERVICE);
  if (!first) {
    const container = await kit.container(SERVICE);
    return container
      ? kit.diagnose(
          'plain-container',
          `${SERVICE} is a plain container, not a Swarm service: no scheduler watches over it.`,
          `Remove it (docker rm -f ${SERVICE}) and create a service: docker service create --name ${SERVICE} ...`,
        )
      : kit.diagnose(
          'not-started',
          `There is no Swarm service called ${SERVICE}.`,
          `Create it: docker service create --name ${SERVICE} --replicas ${DESIRED} --network ${NETWORK} ... containerlings/hello-svc`,
        );
  }
  const evidence = {
    replicas: first.replicas,
    running: first.running,
    networks: first.networks.join(' ') || 'none',
    image: first.image,
  };
  if (first.mode !== 'replicated' || first.replicas !== DESIRED) {
    return kit.diagnose(
      'wrong-count',
      `${SERVICE} wants ${first.mode === 'global' ? 'one task per node (global mode)' : `${first.replicas} tasks`}, not ${DESIRED}.`,
      `Scale it: docker service scale ${SERVICE}=${DESIRED}`,
      evidence,
    );
  }
  const settled = await kit.waitForTasks(SERVICE, DESIRED, 30);
  if (!settled || settled.running !== DESIRED) {
    const why = settled?.tasks.map((t) => t.error).find(Boolean);
    return kit.diagnose(
      'tasks-not-running',
      `${SERVICE} has ${settled?.running ?? 0} of ${DESIRED} tasks running${why ? `: ${why}` : ''}.`,
      `docker service ps --no-trunc ${SERVICE} shows what its tasks are doing.`,
      evidence,
    );
  }
  evidence.running = settled.running;
  if (!first.networks.includes(NETWORK)) {
    return kit.diagnose(
      'not-on-network',
      `${SERVICE} is not attached to ${NETWORK}.`,
      `docker service update --network-add ${NETWORK} ${SERVICE}`,
      evidence,
    );
  }
  const update = first.updateConfig;
  Object.assign(evidence, {
    parallelism: update.parallelism,
    failureAction: update.failureAction,
    delaySeconds: update.delaySeconds,
  });
  if (update.parallelism !== 1) {
    return kit.diagnose(
      'parallelism-not-one',
      `Rolling updates of ${SERVICE} replace ` +
        `${update.parallelism === 0 ? 'all tasks at once' : `${update.parallelism} tasks at a time`}, not one.`,
      `docker service update --update-parallelism 1 ${SERVICE}`,
      evidence,
    );
  }
  if (!(update.delaySeconds > 0)) {
    return kit.diagnose(
      'no-update-delay',
      `Rolling updates of ${SERVICE} move straight on to the next task: there is no delay between tasks.`,
      `docker service update --update-delay 2s ${SERVICE}`,
      evidence,
    );
  }
  if (update.failureAction !== 'rollback') {
    return kit.diagnose(
      'no-rollback',
      `When an update of ${SERVICE} fails, Swarm will ${update.failureAction} it, not roll it back.`,
      `docker service update --update-failure-action rollback ${SERVICE}`,
      evidence,
    );
  }

  const killed = await kit.killTask(SERVICE);
  if (!killed)
    return kit.diagnose(
      'tasks-not-running',
      `No task of ${SERVICE} was running to kill.`,
      `docker service ps ${SERVICE}`,
      evidence,
    );
  const after = await kit.waitForTasks(SERVICE, DESIRED, 30);
  const replacement = after?.tasks.find(
    (t) => t.state === 'running' && t.id !== killed && !first.tasks.some((o) => o.id === t.id),
  );
  if (!after || after.running !== DESIRED || !replacement) {
    return kit.diagnose(
      'not-replaced',
      "After one task's container was killed, " +
        `${SERVICE} did not get back to ${DESIRED} running tasks within 30 s (${after?.running ?? 0} running).`,
      `docker service ps ${SERVICE} shows the tasks and their errors.`,
      { ...evidence, killed },
    );
  }
  const vip = after.vips.find((v) => v.network === NETWORK)?.address ?? '';
  // From inside the replacement: the service name must resolve to the VIP, and tasks.<name> to every task.
  // Calls go to the tasks' own addresses, because VIP balancing needs the kernel's IPVS, which some VMs lack.
  const call = await kit.exec(replacement.containerId, ['sh', '-c', DISCOVER]);
  const lines = call.stdout.trim().split('\n');
  const vipsSeen = lines.filter((l) => l.startsWith('vip ')).map((l) => l.slice(4));
  const answers = lines.filter((l) => l.startsWith('task '));
  const proof = {
    ...evidence,
    killed: killed.slice(0, 12),
    replacement: replacement.id.slice(0, 12),
    vip,
    resolvedTo: vipsSeen.join(' '),
    answers: answers.length,
  };
  if (!vip || !vipsSeen.includes(vip)) {
    return kit.diagnose(
      'no-vip',
      `Inside the network, the name cl-hello resolved to ${vipsSeen.join(', ') || 'nothing'}, not to the service's VIP ${vip || '(none)'}.`,
      `Create the service with --network ${NETWORK} and the default endpoint mode (vip).`,
      proof,
    );
  }
  if (answers.length !== DESIRED || !answers.every((a) => / hello from /.test(a))) {
    return kit.diagnose(
      'not-hello-svc',
      `Not every task of cl-hello answered "hello from ..." on port 8080: ${answers.join('; ') || call.stderr.trim() || 'no answers'}.`,
      'Is the service running containerlings/hello-svc, built from the desired-count folder?',
      proof,
    );
  }
  return kit.pass(
    `The scheduler replaced the killed task (slot ${replacement.slot}) and ${SERVICE} is back to ${DESIRED}; ` +
      `its name resolves to the VIP ${vip}, and all ${DESIRED} tasks answer.`,
    proof,
  );
};

const DISCOVER = `
nslookup cl-hello 2>/dev/null | sed -n 's/^Address: /vip /p'
for try in 1 2 3 4 5 6 7 8 9 10; do
  out=""; ok=1
  for ip in $(nslookup tasks.cl-hello 2>/dev/null | sed -n 's/^Address: //p'); do
    a=$(wget -qO- http://$ip:8080/cgi-bin/hello 2>/dev/null) || ok=0
    out="$out
task $ip $a"
  done
  [ $ok = 1 ] && [ -n "$out" ] && break
  sleep 1
done
echo "$out"`;

export default check;
