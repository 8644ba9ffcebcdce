// run-flags: a running container cl-notes with -e NOTES_OWNER, the notes folder bind-mounted at /notes,
// read-write, and notes/hostname.txt written from inside the container through that mount.
import type { Check } from 'containerlings/kit';

const NAME = 'cl-notes';
const TARGET = '/notes';

const check: Check = async (kit) => {
  const container = await kit.container(NAME);
  if (!container) {
    return kit.diagnose(
      'not-started',
      `There is no container named ${NAME}.`,
      'Start one with docker run from the run-flags folder; the README lists what it needs (--name, -d, -ti, -e, -v).',
    );
  }
  const evidence = {
    container: container.id.slice(0, 12),
    image: container.image,
    status: container.status,
    mounts: container.mounts.map((m) => `${m.type}:${m.source}->${m.destination}`).join(', ') || 'none',
  };
  if (!container.running) {
    return kit.diagnose(
      'not-running',
      `${NAME} is not running (${container.status}, exit code ${container.exitCode}): its main process, sh, ended.`,
      `sh exits at once when its input is closed; keep it waiting with -ti. Remove it (docker rm -f ${NAME}) and run it again.`,
      { ...evidence, exitCode: container.exitCode },
    );
  }
  if (!kit.since(container.created)) {
    return kit.diagnose(
      'created-before-start',
      `${NAME} was created before you started this exercise.`,
      `Remove it (docker rm -f ${NAME}) and run it again.`,
      evidence,
    );
  }
  if (!container.env.NOTES_OWNER) {
    return kit.diagnose(
      'no-owner',
      `${NAME} has no environment variable NOTES_OWNER (or it is empty).`,
      `Environment variables are set when a container is created: remove it and run it again with -e NOTES_OWNER=yourname.`,
      evidence,
    );
  }

  const mount = container.mounts.find((m) => m.destination.replace(/\/+$/, '') === TARGET);
  if (!mount) {
    const elsewhere = container.mounts.map((m) => m.destination).join(', ');
    return kit.diagnose(
      'not-mounted-at-notes',
      elsewhere
        ? `${NAME} has nothing mounted at ${TARGET}; it has mounts at ${elsewhere}.`
        : `${NAME} has no mounts: the container cannot see your notes folder.`,
      `The part after the colon is the path inside the container: -v "$PWD/notes:${TARGET}". Remove ${NAME} and run it again.`,
      evidence,
    );
  }
  if (mount.type !== 'bind') {
    return kit.diagnose(
      'named-volume',
      `${TARGET} in ${NAME} is a ${mount.type} (${mount.source}), not your notes folder: ` +
        'a name without a slash before the colon makes a named volume.',
      `Give the folder's full path: -v "$PWD/notes:${TARGET}".`,
      evidence,
    );
  }
  // The exercise's own folder, by where it is: a copy elsewhere has the same files, but what the container writes
  // into it never reaches notes/.
  const notes = `${kit.dir}/notes`;
  if (!(await kit.isExerciseFile(mount.source, 'notes'))) {
    return kit.diagnose(
      'not-the-notes-folder',
      `${TARGET} in ${NAME} is ${mount.source}, which is not this exercise's notes folder (${notes}), ` +
        'even if it holds the same files.',
      `Mount the folder itself: run docker run from the run-flags folder, with -v "$PWD/notes:${TARGET}".`,
      { ...evidence, expected: notes },
    );
  }
  const hostTodo = await kit.readFile('notes/todo.txt');
  const seen = await kit.exec(NAME, ['cat', `${TARGET}/todo.txt`]);
  if (seen.exitCode !== 0 || hostTodo === undefined || seen.stdout !== hostTodo) {
    if (hostTodo !== undefined) {
      // The right folder by name, other contents: the engine runs elsewhere (DOCKER_HOST, a VM) and mounted a folder
      // of that name on its own machine. Not the learner's mistake: an error, not a fail.
      return {
        outcome: 'error',
        message:
          `${NAME} mounts ${mount.source}, the right folder, but sees other files in it: ` +
          'your Docker engine runs on another machine (or a VM) and cannot see this folder.',
        tryNext:
          'Do this exercise with a local engine (unset DOCKER_HOST, or docker context use default), ' +
          'or in a workspace on the machine the engine runs on.',
        evidence: { ...evidence, expected: `${kit.dir}/notes` },
      };
    }
    return kit.diagnose(
      'todo-missing',
      `${NAME} cannot read notes/todo.txt through ${TARGET}: the folder's todo.txt is gone.`,
      'Put notes/todo.txt back (containerlings reset run-flags restores the starter files), then check again.',
      { ...evidence, expected: notes },
    );
  }

  // Step 2 has the container write into the folder: a read-only mount (:ro) cannot take its hostname.txt.
  const options = mountOptions((await kit.exec(NAME, ['cat', '/proc/mounts'])).stdout, TARGET);
  if (options.includes('ro')) {
    return kit.diagnose(
      'mount-read-only',
      `${NAME} mounts the notes folder at ${TARGET} read-only (${options.join(',')}): ` +
        'the container cannot write into it, so hostname.txt did not come from inside it.',
      `Mount it read-write (no :ro): docker rm -f ${NAME}, then docker run -dti --name ${NAME} -e NOTES_OWNER=yourname ` +
        `-v "$PWD/notes:${TARGET}" containerlings/busybox, and write the file from inside.`,
      { ...evidence, mountOptions: options.join(',') },
    );
  }

  const hostname = (await kit.exec(NAME, ['hostname'])).stdout.trim();
  const written = await kit.readFile('notes/hostname.txt');
  if (written === undefined) {
    return kit.diagnose(
      'no-hostname-file',
      'There is no notes/hostname.txt in your run-flags folder.',
      `Write it from inside the container: docker exec ${NAME} sh -c 'hostname > ${TARGET}/hostname.txt'`,
      { ...evidence, hostname },
    );
  }
  if (written.trim() !== hostname) {
    return kit.diagnose(
      'wrong-hostname',
      `notes/hostname.txt says "${clip(written.trim())}", but ${NAME}'s hostname is ${hostname}. ` +
        'Was it written on the host, or by an earlier container of that name?',
      `Run the command inside the container: docker exec ${NAME} sh -c 'hostname > ${TARGET}/hostname.txt'`,
      { ...evidence, hostname, written: clip(written.trim()) },
    );
  }
  return kit.pass(
    `${NAME} is running with NOTES_OWNER=${container.env.NOTES_OWNER}, sees your notes folder at ${TARGET}, ` +
      `and wrote its hostname ${hostname} into it.`,
    { ...evidence, hostname, owner: container.env.NOTES_OWNER },
  );
};

/** The mount options of the mount at `target` in a /proc/mounts text (the last one wins); [] when none. */
function mountOptions(procMounts: string, target: string): string[] {
  const line = procMounts
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f[1] === target)
    .pop();
  return line?.[3]?.split(',') ?? [];
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export default check;
