// ecr-push: cl-models exists with scan on push, and holds, tagged echo and pushed in this attempt, the image built
// from this folder's Dockerfile.
import type { Check, CheckKit, EcrImageFacts, ImageFacts } from 'containerlings/kit';

type Diagnosed = { readonly id: string; readonly message: string };

const IMAGE = 'containerlings/echo-service';
const PUSH_YOURS =
  'Build this folder (docker build -t containerlings/echo-service .), tag that image <repositoryUri>:echo and push it.';

const check: Check = async (kit) => {
  const repo = await kit.ecr.repository('cl-models');
  if (!repo)
    return kit.diagnose(
      'no-repository',
      'ECR has no repository cl-models.',
      'aws ecr create-repository --repository-name cl-models --image-scanning-configuration scanOnPush=true',
    );
  if (!repo.scanOnPush)
    return kit.diagnose(
      'scan-off',
      'cl-models exists, but scan on push is off.',
      'aws ecr put-image-scanning-configuration --repository-name cl-models --image-scanning-configuration scanOnPush=true',
    );
  const registry = repo.uri.split('/')[0]!;
  const images = await kit.ecr.images('cl-models');
  const echo = images.find((i) => i.tags.includes('echo'));
  if (!echo) {
    const elsewhere = await pushedElsewhere(kit, registry);
    if (elsewhere)
      return kit.diagnose(
        'pushed-elsewhere',
        `cl-models holds no image tagged echo: your image was pushed to ${elsewhere}, not to ${repo.uri}. ` +
          'The name you push decides where the image goes.',
        `Tag it with cl-models' own URI and push that name: docker tag ${IMAGE} ${repo.uri}:echo && docker push ${repo.uri}:echo`,
        { pushedTo: elsewhere },
      );
    if (images.length)
      return kit.diagnose(
        'no-echo-tag',
        `cl-models holds ${images.length} image(s), none tagged echo (tags: ${images.flatMap((i) => i.tags).join(', ') || 'none'}).`,
        `Tag the image ${repo.uri}:echo and push that name.`,
      );
    return kit.diagnose(
      'nothing-pushed',
      `cl-models holds no image: nothing was pushed to ${repo.uri}. If docker push said "no basic auth ` +
        `credentials", "401" or "denied", Docker is not logged in to ${registry}.`,
      `aws ecr get-login-password | docker login --username AWS --password-stdin ${registry}, ` +
        `then docker tag ${IMAGE} ${repo.uri}:echo && docker push ${repo.uri}:echo`,
    );
  }
  if (!kit.since(echo.pushedAt))
    return kit.diagnose(
      'pushed-before-start',
      'The echo image was pushed before you started this exercise.',
      'Push it again.',
    );
  const built = await builtFromFolder(kit, echo);
  if (built !== true) return kit.diagnose(built.id, built.message, PUSH_YOURS, { uri: repo.uri, digest: echo.digest });
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
async function builtFromFolder(kit: CheckKit, echo: EcrImageFacts): Promise<true | Diagnosed> {
  const pushed = echo.configDigest ? await kit.image(echo.configDigest) : undefined;
  if (!pushed)
    return {
      id: 'pushed-image-gone',
      message:
        `The image tagged echo (${echo.digest.slice(0, 19)}...) is not on this Docker engine, ` +
        'so the check cannot tell whether it was built from this folder.',
    };
  return kit.buildCopy('.', {}, async (build) => {
    const fresh = build.ok && build.id ? await kit.image(build.id) : undefined;
    if (!fresh)
      return {
        id: 'does-not-build',
        message: `This folder does not build: ${build.output.trim().split('\n').slice(-2).join(' ')}`,
      };
    const differs = difference(pushed, fresh);
    return differs
      ? {
          id: 'not-from-folder',
          message: `The image tagged echo is not the one this folder's Dockerfile builds: its ${differs}.`,
        }
      : true;
  });
}

/**
 * Where the image of this folder went when it is not in cl-models: another repository of the same ECR registry, or
 * the plain sandbox registry. Read from the local image's RepoDigests (the engine notes each push there, until the
 * pushed tag is removed), from ECR's other repositories (an image pushed during this attempt whose config is the
 * local image) and from the plain registry's cl-models. undefined when none shows a push.
 */
async function pushedElsewhere(kit: CheckKit, ecrRegistry: string): Promise<string | undefined> {
  const local = await kit.image(IMAGE);
  const repos = (local?.repoDigests ?? []).map((d) => d.slice(0, d.indexOf('@')));
  const otherEcr = repos.find((r) => r.startsWith(`${ecrRegistry}/`) && r !== `${ecrRegistry}/cl-models`);
  if (otherEcr) return `another ECR repository, ${otherEcr}`;
  if (local) {
    const others = (await kit.ecr.repositoryNames()).filter((n) => n !== 'cl-models').slice(0, 50);
    for (const name of others) {
      const images = await kit.ecr.images(name);
      if (images.some((i) => i.configDigest === local.id && kit.since(i.pushedAt)))
        return `another ECR repository, ${ecrRegistry}/${name}`;
    }
  }
  const plain = await kit.registry.address();
  if ((await kit.registry.tags('cl-models')).length > 0 || repos.some((r) => r.startsWith(`${plain}/`)))
    return `the plain sandbox registry (${plain}), which is not ECR`;
  return undefined;
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
