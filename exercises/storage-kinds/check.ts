// storage-kinds: cl-kinds runs with the three kinds of storage (the named volume cl-kinds-data at /data, this
// exercise's site/ folder bind-mounted read-only at /site, a tmpfs at /scratch), and the volume holds writer.txt,
// written by another container that has since been removed: the volume outlived it, and the two shared it.
import type { Check } from 'containerlings/kit';

const NAME = 'cl-kinds';
const WRITER = 'cl-kinds-writer';
const VOLUME = 'cl-kinds-data';
const RUN = `docker run -dti --name ${NAME} -v ${VOLUME}:/data -v "$PWD/site:/site:ro" --tmpfs /scratch containerlings/busybox`;

const check: Check = async (kit) => {
  const volume = await kit.volume(VOLUME);
  if (!volume) return kit.fail(`There is no volume named ${VOLUME}.`, `Create it: docker volume create ${VOLUME}`);
  if (!kit.since(volume.created))
    return kit.fail(
      `The volume ${VOLUME} was created before you started this exercise.`,
      `Start from an empty one: docker rm -f ${NAME}; docker volume rm ${VOLUME}; then follow the steps again.`,
      { volumeCreated: volume.created.toISOString() },
    );
  const container = await kit.container(NAME);
  if (!container)
    return kit.fail(`There is no container named ${NAME}.`, `Start it from the storage-kinds folder: ${RUN}`);
  const evidence = {
    container: container.id.slice(0, 12),
    mounts: container.mounts.map((m) => `${m.type}:${m.name ?? m.source}->${m.destination}`).join(', ') || 'none',
  };
  if (!container.running || !kit.since(container.created))
    return kit.fail(
      container.running
        ? `${NAME} was created before you started this exercise.`
        : `${NAME} is not running (${container.status}): its sh ended (did you forget -ti?).`,
      `docker rm -f ${NAME}, then: ${RUN}`,
      evidence,
    );

  const data = container.mounts.find((m) => m.destination === '/data');
  if (data?.type !== 'volume' || data.name !== VOLUME) {
    const anonymous = data?.type === 'volume' && /^[0-9a-f]{64}$/.test(data.name ?? '');
    const what = data?.type === 'volume' ? `the volume ${data.name}` : `a ${data?.type} mount of ${data?.source}`;
    return kit.diagnose(
      'data-not-named-volume',
      data
        ? `/data in ${NAME} is ${what}, not ${VOLUME}${anonymous ? ': an anonymous volume, new and empty.' : '.'}`
        : `${NAME} has nothing mounted at /data: what it writes there dies with the container.`,
      `Mount the named volume: docker rm -f ${NAME}, then ${RUN}`,
      evidence,
    );
  }

  const site = container.mounts.find((m) => m.destination === '/site');
  if (site?.type !== 'bind' || !(await kit.isExerciseFile(site.source, 'site')))
    return kit.fail(
      site
        ? `/site in ${NAME} is ${site.type === 'bind' ? site.source : `a ${site.type}`}, not this exercise's site folder (${kit.dir}/site).`
        : `${NAME} has nothing mounted at /site.`,
      `Bind-mount the folder itself, from the storage-kinds folder: -v "$PWD/site:/site:ro".`,
      evidence,
    );
  const hostPage = await kit.readFile('site/index.html');
  const seenPage = await kit.exec(NAME, ['cat', '/site/index.html']);
  if (hostPage !== undefined && seenPage.stdout !== hostPage)
    // The right path, other contents: the engine runs on another machine (or a VM) that has its own folder there.
    return {
      outcome: 'error',
      message:
        `${NAME} mounts ${site.source}, the right folder, but sees other files in it: ` +
        'your Docker engine runs on another machine (or a VM) and cannot see this folder.',
      tryNext: 'Do this exercise with a local engine (unset DOCKER_HOST, or docker context use default).',
      evidence,
    };
  if (site.rw)
    return kit.diagnose(
      'site-writable',
      `/site is your site folder, but writable: anything in ${NAME} can change or delete your files.`,
      `Mount it read-only: -v "$PWD/site:/site:ro" (docker rm -f ${NAME} and run it again).`,
      evidence,
    );

  // --tmpfs never shows in the engine's mount list (only --mount type=tmpfs does): ask the container's kernel.
  const mounts = (await kit.exec(NAME, ['cat', '/proc/mounts'])).stdout.split('\n').map((l) => l.split(' '));
  const scratch = mounts.filter((f) => f[1] === '/scratch').pop();
  if (scratch?.[2] !== 'tmpfs')
    return kit.diagnose(
      'scratch-not-tmpfs',
      scratch
        ? `/scratch in ${NAME} is a ${scratch[2]} filesystem on disk: what is written there outlives the container.`
        : `${NAME} has nothing mounted at /scratch: it is part of the container's own layer, on disk.`,
      `Make it a tmpfs, in memory only: --tmpfs /scratch (docker rm -f ${NAME} and run it again).`,
      evidence,
    );

  const writer = await kit.container(WRITER);
  if (writer)
    return kit.diagnose(
      'writer-kept',
      `${WRITER} still exists (${writer.status}), so nothing shows yet that ${VOLUME} outlives it.`,
      `Remove it: docker rm -f ${WRITER}. Its writer.txt stays in the volume.`,
      evidence,
    );
  const written = await kit.exec(NAME, ['cat', '/data/writer.txt']);
  if (written.exitCode !== 0 || !written.stdout.trim())
    return kit.fail(
      `${VOLUME} has no writer.txt (or it is empty): ${NAME} sees nothing at /data/writer.txt.`,
      `Let a first container write it, then remove that container: docker run --name ${WRITER} -v ${VOLUME}:/data ` +
        `containerlings/busybox sh -c 'hostname > /data/writer.txt'; docker rm ${WRITER}`,
      evidence,
    );
  const hostname = (await kit.exec(NAME, ['hostname'])).stdout.trim();
  const by = written.stdout.trim().split('\n')[0];
  if (by === hostname)
    return kit.diagnose(
      'written-by-reader',
      `writer.txt holds ${hostname}, the hostname of ${NAME} itself: no other container wrote it.`,
      `Write it from a first container, then remove that one: docker run --name ${WRITER} -v ${VOLUME}:/data ` +
        `containerlings/busybox sh -c 'hostname > /data/writer.txt'; docker rm ${WRITER}`,
      { ...evidence, hostname },
    );
  return kit.pass(
    `${NAME} has the named volume ${VOLUME} at /data, your site folder read-only at /site and a tmpfs at /scratch; ` +
      `the volume still holds writer.txt from ${by}, a container that is gone.`,
    { ...evidence, writtenBy: by, hostname },
  );
};

export default check;
