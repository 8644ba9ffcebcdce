// ecr-push: cl-models exists with scan on push, and holds, tagged echo and pushed in this attempt, the image built
// from this folder's Dockerfile.
import type { Check, CheckKit, EcrImageFacts, ImageFacts } from 'containerlings/kit';

const PUSH_YOURS =
  'Build this folder (docker build -t containerlings/echo-service .), tag that image <repositoryUri>:echo and push it.';

const check: Check = async (kit) => {
  const repo = await kit.ecr.repository('cl-models');
  if (!repo)
    return kit.fail(
      'ECR has no repository cl-models.',
      'aws ecr create-repository --repository-name cl-models --image-scanning-configuration scanOnPush=true',
    );
  if (!repo.scanOnPush)
    return kit.fail(
      'cl-models exists, but scan on push is off.',
      'aws ecr put-image-scanning-configuration --repository-name cl-models --image-scanning-configuration scanOnPush=true',
    );
  const images = await kit.ecr.images('cl-models');
  const echo = images.find((i) => i.tags.includes('echo'));
  if (!echo) {
    const seen = images.length ? `It holds ${images.length} image(s), none tagged echo.` : 'It holds no image yet.';
    return kit.fail(
      `${seen} Was the push refused? "no basic auth credentials" or "401" means Docker is not logged in to ` +
        `${repo.uri.split('/')[0]}. (A push to the plain sandbox registry is not a push to ECR: push to ${repo.uri}.)`,
      `aws ecr get-login-password | docker login --username AWS --password-stdin ${repo.uri.split('/')[0]}, ` +
        `then docker push ${repo.uri}:echo`,
    );
  }
  if (!kit.since(echo.pushedAt))
    return kit.fail('The echo image was pushed before you started this exercise.', 'Push it again.');
  const built = await builtFromFolder(kit, echo);
  if (built !== true) return kit.fail(built, PUSH_YOURS, { uri: repo.uri, digest: echo.digest });
  return kit.pass(`${repo.uri}:echo is in ECR (${echo.digest.slice(0, 19)}..., ${echo.sizeBytes} bytes).`, {
    uri: repo.uri,
    digest: echo.digest,
    sizeBytes: echo.sizeBytes,
    mode: kit.ecr.mode(),
  });
};
export default check;

/**
 * Is the pushed image the one this folder builds? The manifest names its config, whose digest is the image's id on
 * the engine that pushed it; that image is compared with a fresh build of a copy of the folder on what the Dockerfile
 * decides (command, entrypoint, environment, user, workdir, ports, layer count). Not by id: builds at other times,
 * or by the other builder (legacy or BuildKit), give the same Dockerfile other ids. true, or why not.
 */
async function builtFromFolder(kit: CheckKit, echo: EcrImageFacts): Promise<true | string> {
  const pushed = echo.configDigest ? await kit.image(echo.configDigest) : undefined;
  if (!pushed)
    return (
      `The image tagged echo (${echo.digest.slice(0, 19)}...) is not on this Docker engine, ` +
      'so the check cannot tell whether it was built from this folder.'
    );
  return kit.buildCopy('.', {}, async (build) => {
    const fresh = build.ok && build.id ? await kit.image(build.id) : undefined;
    if (!fresh) return `This folder does not build: ${build.output.trim().split('\n').slice(-2).join(' ')}`;
    const differs = difference(pushed, fresh);
    return differs ? `The image tagged echo is not the one this folder's Dockerfile builds: its ${differs}.` : true;
  });
}

function difference(pushed: ImageFacts, fresh: ImageFacts): string | undefined {
  const show = (v: unknown) => JSON.stringify(v);
  const fields: [string, unknown, unknown][] = [
    ['command (CMD)', pushed.cmd, fresh.cmd],
    ['ENTRYPOINT', pushed.entrypoint, fresh.entrypoint],
    ['environment', pushed.env, fresh.env],
    ['USER', pushed.user, fresh.user],
    ['WORKDIR', pushed.workdir, fresh.workdir],
    ['exposed ports', pushed.exposedPorts, fresh.exposedPorts],
    ['number of layers', pushed.layers, fresh.layers],
  ];
  for (const [name, a, b] of fields) if (show(a) !== show(b)) return `${name} is ${show(a)}, not ${show(b)}`;
  return undefined;
}
