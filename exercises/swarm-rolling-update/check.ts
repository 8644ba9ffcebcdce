// swarm-rolling-update: cl-rollout (4 replicas) was updated to a broken v2, two tasks at a time, and its failure
// action `rollback` brought it back to v1 by itself, keeping the update settings in the spec. The failure must be
// the README's: v2 tasks ran the learner's v2 image (on the engine, built in this attempt) and failed their health
// check; an update to an image that was never built fails too ("No such image"), and rolls back just the same.
import type { Check, CheckKit, Evidence, TaskFacts } from 'containerlings/kit';

const SERVICE = 'cl-rollout';
const V1 = 'containerlings/rollout:v1';
const V2 = 'containerlings/rollout:v2';
const DESIRED = 4;
const PARALLELISM = 2;
/** Update states that are still moving: the check waits for them to settle. */
const MOVING = new Set(['updating', 'rollback_started']);

const check: Check = async (kit) => {
  let service = await kit.service(SERVICE);
  if (!service) {
    return kit.diagnose(
      'not-started',
      `There is no Swarm service called ${SERVICE}.`,
      `Build both images, then: docker service create --name ${SERVICE} --replicas ${DESIRED} ... ${V1}`,
    );
  }
  // A rollout started with --detach may still be running: wait (bounded) until Swarm has finished or given up.
  for (let waited = 0; service && MOVING.has(service.updateState ?? '') && waited < 90; waited++) {
    await new Promise((r) => setTimeout(r, 1000));
    service = await kit.service(SERVICE);
  }
  if (!service)
    return kit.diagnose(
      'not-started',
      `${SERVICE} disappeared while the check waited for its update.`,
      `Create it again: docker service create --name ${SERVICE} ...`,
    );
  const update = service.updateConfig;
  const failedOnV2 = service.tasks.filter((t) => t.image === V2 && (t.state === 'failed' || t.state === 'rejected'));
  const evidence = {
    image: service.image,
    replicas: service.replicas,
    updateState: service.updateState ?? 'never updated',
    parallelism: update.parallelism,
    delaySeconds: update.delaySeconds,
    failureAction: update.failureAction,
    failedV2Tasks: failedOnV2.length,
  };
  if (service.mode !== 'replicated' || service.replicas !== DESIRED) {
    return kit.diagnose(
      'wrong-count',
      `${SERVICE} wants ${service.mode === 'global' ? 'one task per node (global mode)' : `${service.replicas} tasks`}, not ${DESIRED}.`,
      `Create it with --replicas ${DESIRED} (docker service rm ${SERVICE}, then create it again).`,
      evidence,
    );
  }
  const state = service.updateState;
  if (state === undefined) {
    return kit.diagnose(
      'never-updated',
      `${SERVICE} was never updated: it still runs the spec it was created with (${service.image}).`,
      `Roll out the new version: docker service update --image ${V2} ${SERVICE}`,
      evidence,
    );
  }
  if (state === 'paused') {
    return kit.diagnose(
      'update-paused',
      `The update of ${SERVICE} to v2 stopped half-way (state paused), with tasks on v2 that never get healthy: ` +
        `its failure action is ${update.failureAction}, so Swarm waits for you instead of rolling back.`,
      `Start over with the failure action set when you create the service: docker service rm ${SERVICE}, ` +
        `then docker service create ... --update-failure-action rollback ... ${V1}`,
      evidence,
    );
  }
  if (state !== 'rollback_completed') {
    return kit.diagnose(
      'not-rolled-back',
      `The last update of ${SERVICE} ended as "${state}", not rolled back: it now runs ${service.image}.`,
      `Create it on ${V1} with --update-failure-action rollback, then update it to ${V2} (whose health check fails).`,
      evidence,
    );
  }
  if (failedOnV2.length === 0) {
    return kit.diagnose(
      'rollback-without-failure',
      `${SERVICE} was rolled back, but no v2 task failed first: the rollback was not Swarm's answer to a failed update.`,
      `Let the update to ${V2} run until its tasks fail their health check; Swarm rolls back by itself.`,
      evidence,
    );
  }
  const notHealth = await judgeV2Failure(kit, failedOnV2, evidence);
  if (notHealth) return notHealth;
  if (update.failureAction !== 'rollback' || update.parallelism !== PARALLELISM || update.delaySeconds <= 0) {
    return kit.diagnose(
      'settings-not-kept',
      `${SERVICE} rolled back, but its spec now says parallelism ${update.parallelism}, ` +
        `delay ${update.delaySeconds} s, failure action ${update.failureAction}: ` +
        'a rollback restores the whole previous spec, so settings passed in the same command as the broken image ' +
        'are undone with it (and a rollback you start by hand is not Swarm acting on a failure).',
      'Set them on the service first (at create, or in an update of their own): ' +
        `--update-parallelism ${PARALLELISM} --update-delay 2s --update-failure-action rollback; ` +
        'then update the image alone.',
      evidence,
    );
  }
  if (service.image !== V1) {
    return kit.diagnose(
      'not-back-on-v1',
      `${SERVICE} rolled back to ${service.image}, not to ${V1}.`,
      `Create it on ${V1}, then update it to ${V2}.`,
      evidence,
    );
  }
  const settled = await kit.waitForTasks(SERVICE, DESIRED, 30);
  const running = (settled?.tasks ?? []).filter((t) => t.state === 'running' && t.desiredState === 'running');
  if (running.length !== DESIRED || running.some((t) => t.image !== V1)) {
    return kit.diagnose(
      'tasks-not-running',
      `After the rollback, ${running.length} of ${DESIRED} tasks run, ` +
        `on ${[...new Set(running.map((t) => t.image))].join(', ') || 'nothing'}.`,
      `docker service ps ${SERVICE} shows the tasks and their errors.`,
      { ...evidence, running: running.length },
    );
  }
  return kit.pass(
    `Swarm replaced ${PARALLELISM} tasks with v2, saw them fail (${failedOnV2[0]!.error || 'failed'}), ` +
      `and rolled ${SERVICE} back to v1 by itself: ${DESIRED} tasks run v1, and the update settings stayed.`,
    { ...evidence, running: running.length },
  );
};

export default check;

/**
 * The v2 tasks must have failed as the README says: their container ran the v2 image built in this attempt and the
 * engine killed it as unhealthy. A v2 that was never built (or an old one) fails or succeeds for other reasons.
 */
async function judgeV2Failure(kit: CheckKit, failed: readonly TaskFacts[], evidence: Evidence) {
  const v2 = await kit.image(V2);
  const build =
    `Build it from the v2/ folder (docker build -t ${V2} v2), then start over: docker service rm ${SERVICE}, ` +
    `create it on ${V1} and update it to ${V2}.`;
  if (!v2 || !kit.isNew(v2))
    return kit.diagnose(
      'v2-not-built',
      v2
        ? `${V2} was built before you started this exercise, so the v2 tasks did not run the v2 of this attempt.`
        : `There is no image ${V2} on the engine: the v2 tasks failed because Swarm could not find it ` +
            `(${failed[0]!.error || 'failed'}), not because v2 is unhealthy.`,
      build,
      evidence,
    );
  const unhealthy = failed.filter((t) => /unhealthy/i.test(t.error));
  const ran = await Promise.all(unhealthy.map((t) => (t.containerId ? kit.container(t.containerId) : undefined)));
  // A failed task's container may have been pruned (task history); one that is still there must hold this v2.
  const onV2 = unhealthy.filter((_, i) => !ran[i] || ran[i]!.imageId === v2.id);
  Object.assign(evidence, { unhealthyV2Tasks: onV2.length, v2ImageId: v2.id.slice(0, 19) });
  if (onV2.length === 0)
    return kit.diagnose(
      'v2-not-unhealthy',
      `The v2 tasks of ${SERVICE} failed, but not on their health check with the image ${V2} built here: ` +
        `${failed[0]!.error || 'failed'}.`,
      `${build} Its health check is what must fail (docker service ps --no-trunc ${SERVICE} shows each task's error).`,
      evidence,
    );
  return undefined;
}
