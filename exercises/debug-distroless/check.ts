// debug-distroless: answer.txt holds the token that cl-secretive's PID 1 keeps in its environment right now, and
// cl-secretive is still the container the exercise started. The check reads the token the way the README asks the
// learner to: from a debug container in cl-secretive's PID namespace (the service has no way to print it).
import type { Check, CheckKit } from 'containerlings/kit';

const NAME = 'cl-secretive';
const PLACEHOLDER = 'ask-the-process';
/** Where setup.sh wrote the id of the container it started. */
const STARTED = '.started-container';
const DEBUG_IMAGE = 'containerlings/busybox:latest';
const RESET = 'Reset the exercise to start the service again: containerlings reset debug-distroless';

/** DEBUG_TOKEN from the environment PID 1 of the container has now, read from a debug container; undefined if none. */
async function tokenOf(kit: CheckKit, containerId: string): Promise<string | undefined> {
  const debug = await kit.run(DEBUG_IMAGE, {
    pidMode: `container:${containerId}`,
    capAdd: ['SYS_PTRACE'],
    entrypoint: ['cat'],
    cmd: ['/proc/1/environ'],
    timeout: 15,
  });
  const entry = debug.stdout.split('\0').find((e) => e.startsWith('DEBUG_TOKEN='));
  return entry?.slice('DEBUG_TOKEN='.length);
}

const check: Check = async (kit) => {
  const container = await kit.container(NAME);
  if (!container)
    return kit.diagnose('service-gone', `There is no container ${NAME}: the service you should debug is gone.`, RESET);
  if (!container.running) {
    return kit.diagnose(
      'service-stopped',
      `${NAME} is not running (${container.status}).`,
      'Reset the exercise to start it again (containerlings reset debug-distroless), then debug it while it runs.',
    );
  }
  // Only the container the exercise started holds the token to find: one started by hand holds a token of its maker's.
  const started = ((await kit.readFile(STARTED)) ?? '').trim();
  if (started === '')
    return kit.diagnose(
      'no-record',
      `The exercise has no record of the ${NAME} it started (${STARTED} is missing).`,
      RESET,
    );
  if (container.id !== started) {
    return kit.diagnose(
      'service-replaced',
      `${NAME} is not the container the exercise started: it was replaced ` +
        `(created ${container.created.toISOString()}). A new container holds a token of its own, ` +
        'not the one you were asked to find.',
      'Reset the exercise (containerlings reset debug-distroless), then debug the service it starts without replacing it.',
      { container: container.id.slice(0, 12), started: started.slice(0, 12) },
    );
  }
  const token = await tokenOf(kit, container.id);
  if (!token || !/^[0-9a-f]{16}$/.test(token)) {
    return kit.diagnose(
      'service-changed',
      `${NAME}'s process holds no session token (DEBUG_TOKEN is "${(token ?? '').slice(0, 40)}"): ` +
        'it is not the service as the exercise started it.',
      RESET,
      { container: container.id.slice(0, 12) },
    );
  }
  const answer = ((await kit.readFile('answer.txt')) ?? '').trim();
  const evidence = { container: container.id.slice(0, 12), answer: answer.slice(0, 40) };
  if (answer === '' || answer.startsWith('TODO')) {
    return kit.diagnose(
      'no-answer',
      'answer.txt holds no token yet.',
      'Look at the process from a debug container: docker run --rm -ti --pid container:cl-secretive containerlings/busybox sh',
      evidence,
    );
  }
  if (answer === PLACEHOLDER) {
    return kit.diagnose(
      'read-created-env',
      `"${PLACEHOLDER}" is the placeholder from the image's ENV: ` +
        'what docker inspect shows is the environment the container was created with, ' +
        'not the one its process has now.',
      "Read the process's own environment from inside its PID namespace: " +
        '/proc/1/environ in a debug container (--pid container:cl-secretive).',
      evidence,
    );
  }
  if (answer !== token) {
    const looksLikeOne = /^[0-9a-f]{16}$/.test(answer);
    return kit.diagnose(
      looksLikeOne ? 'wrong-token' : 'answer-not-a-token',
      looksLikeOne
        ? 'That token is not the one the service holds now. Was the container restarted after you read it? Each start makes a new token.'
        : 'answer.txt should hold just the token: 16 hex characters, nothing else.',
      'Read /proc/1/environ again from a debug container, and write only the value of DEBUG_TOKEN to answer.txt.',
      evidence,
    );
  }
  return kit.pass(
    `Found it: ${NAME}'s process holds the token you wrote down, seen from inside its PID namespace.`,
    evidence,
  );
};

export default check;
