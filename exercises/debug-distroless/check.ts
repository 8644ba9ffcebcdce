// debug-distroless: answer.txt holds the token that cl-secretive's PID 1 keeps in its environment right now.
import type { Check } from 'containerlings/kit';

const NAME = 'cl-secretive';
const PLACEHOLDER = 'ask-the-process';
/** Where setup.sh wrote the id of the container it started. */
const STARTED = '.started-container';

const check: Check = async (kit) => {
  const container = await kit.container(NAME);
  if (!container) {
    return kit.fail(
      `There is no container ${NAME}: the service you should debug is gone.`,
      'Reset the exercise to start it again: containerlings reset debug-distroless',
    );
  }
  if (!container.running) {
    return kit.fail(
      `${NAME} is not running (${container.status}).`,
      'Reset the exercise to start it again (containerlings reset debug-distroless), then debug it while it runs.',
    );
  }
  // Only the container the exercise started holds the token to find: one started by hand holds a token of its maker's.
  const started = ((await kit.readFile(STARTED)) ?? '').trim();
  if (started === '') {
    return kit.fail(
      `The exercise has no record of the ${NAME} it started (${STARTED} is missing).`,
      'Reset the exercise to start the service again: containerlings reset debug-distroless',
    );
  }
  if (container.id !== started) {
    return kit.fail(
      `${NAME} is not the container the exercise started: it was replaced ` +
        `(created ${container.created.toISOString()}). A new container holds a token of its own, ` +
        'not the one you were asked to find.',
      'Reset the exercise (containerlings reset debug-distroless), then debug the service it starts without replacing it.',
      { container: container.id.slice(0, 12), started: started.slice(0, 12) },
    );
  }
  // Asked from inside: the service's own binary reads PID 1's environment (the image has no shell or cat).
  const asked = await kit.exec(NAME, ['/secretive', '--reveal']);
  const token = asked.stdout.trim();
  if (asked.exitCode !== 0 || !/^[0-9a-f]{16}$/.test(token)) {
    return kit.fail(
      `${NAME} does not look like the exercise's service any more (it gave no token).`,
      'Reset the exercise: containerlings reset debug-distroless',
      { exitCode: asked.exitCode },
    );
  }
  const answer = ((await kit.readFile('answer.txt')) ?? '').trim();
  const evidence = { container: container.id.slice(0, 12), answer: answer.slice(0, 40) };
  if (answer === '' || answer.startsWith('TODO')) {
    return kit.fail(
      'answer.txt holds no token yet.',
      'Look at the process from a debug container: docker run --rm -ti --pid container:cl-secretive containerlings/busybox sh',
      evidence,
    );
  }
  if (answer === PLACEHOLDER) {
    return kit.fail(
      `"${PLACEHOLDER}" is the placeholder from the image's ENV: ` +
        'what docker inspect shows is the environment the container was created with, ' +
        'not the one its process has now.',
      "Read the process's own environment from inside its PID namespace: " +
        '/proc/1/environ in a debug container (--pid container:cl-secretive).',
      evidence,
    );
  }
  if (answer !== token) {
    return kit.fail(
      /^[0-9a-f]{16}$/.test(answer)
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
