// The kit's registry and ECR members. Everything is imported on first use, so the AWS SDK never loads for
// checks (or commands) that do not touch ECR.
import type { EcrImageFacts, EcrRepositoryFacts, RegistriesKit } from './api.js';

const notFound = (e: unknown, ...names: string[]) => names.includes((e as { name?: string }).name ?? '');

export function registriesKit(): RegistriesKit {
  const api = async () => {
    const services = await import('../../sandbox/services/services.js');
    await services.ensureServices();
    return services.registryApi();
  };
  const ecr = async () => ({
    client: await (await import('../../sandbox/aws/ecr-client.js')).ecrClient(),
    sdk: await (await import('../../sandbox/aws/sdk.js')).loadEcrSdk(),
    call: (await import('../../sandbox/aws/ecr-client.js')).callEcr,
  });
  return {
    registry: {
      address: async () => (await (await import('../../sandbox/services/services.js')).ensureServices()).registry,
      tags: async (repository) => (await api()).tags(repository),
      manifest: async (repository, reference) => (await api()).manifest(repository, reference),
    },
    ecr: {
      mode: () => (process.env.CONTAINERLINGS_AWS === 'real' ? 'real' : 'local'),
      async repository(name): Promise<EcrRepositoryFacts | undefined> {
        const { client, sdk, call } = await ecr();
        try {
          const out = await call('DescribeRepositories', () =>
            client.send(new sdk.DescribeRepositoriesCommand({ repositoryNames: [name] })),
          );
          const r = out.repositories?.[0];
          if (!r) return undefined;
          const tags = await call('ListTagsForResource', () =>
            client.send(new sdk.ListTagsForResourceCommand({ resourceArn: r.repositoryArn! })),
          );
          return {
            name: r.repositoryName!,
            uri: r.repositoryUri!,
            tagMutability: (r.imageTagMutability as 'MUTABLE' | 'IMMUTABLE') ?? 'MUTABLE',
            scanOnPush: Boolean(r.imageScanningConfiguration?.scanOnPush),
            tags: Object.fromEntries((tags.tags ?? []).map((t) => [t.Key!, t.Value ?? ''])),
            createdAt: r.createdAt ?? new Date(0),
          };
        } catch (e) {
          if (notFound(e, 'RepositoryNotFoundException')) return undefined;
          throw e;
        }
      },
      async repositoryNames(): Promise<string[]> {
        const { client, sdk, call } = await ecr();
        const names: string[] = [];
        let nextToken: string | undefined;
        do {
          const out = await call('DescribeRepositories', () =>
            client.send(new sdk.DescribeRepositoriesCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) })),
          );
          names.push(...(out.repositories ?? []).map((r) => r.repositoryName!));
          nextToken = out.nextToken;
        } while (nextToken && names.length < 1000);
        return names;
      },
      async images(repository): Promise<EcrImageFacts[]> {
        const { client, sdk, call } = await ecr();
        try {
          const out = await call('DescribeImages', () =>
            client.send(new sdk.DescribeImagesCommand({ repositoryName: repository })),
          );
          const details = out.imageDetails ?? [];
          // Each manifest names its config, whose digest is the id the pushed image has on the engine.
          const got = details.length
            ? await call('BatchGetImage', () =>
                client.send(
                  new sdk.BatchGetImageCommand({
                    repositoryName: repository,
                    imageIds: details.map((i) => ({ imageDigest: i.imageDigest! })),
                  }),
                ),
              )
            : { images: [] };
          const configs = new Map(
            (got.images ?? []).map((i) => [i.imageId?.imageDigest, configDigestOf(i.imageManifest)]),
          );
          return details.map((i) => ({
            digest: i.imageDigest!,
            tags: i.imageTags ?? [],
            sizeBytes: i.imageSizeInBytes ?? 0,
            pushedAt: i.imagePushedAt ?? new Date(0),
            ...(configs.get(i.imageDigest) ? { configDigest: configs.get(i.imageDigest) } : {}),
          }));
        } catch (e) {
          if (notFound(e, 'RepositoryNotFoundException')) return [];
          throw e;
        }
      },
      async lifecyclePolicy(repository) {
        const { client, sdk, call } = await ecr();
        try {
          return (
            await call('GetLifecyclePolicy', () =>
              client.send(new sdk.GetLifecyclePolicyCommand({ repositoryName: repository })),
            )
          ).lifecyclePolicyText;
        } catch (e) {
          if (notFound(e, 'RepositoryNotFoundException', 'LifecyclePolicyNotFoundException')) return undefined;
          throw e;
        }
      },
      async wouldExpire(policyText, images, now) {
        const { validateLifecyclePolicy, expiredImages } = await import('../../sandbox/services/ecr/lifecycle.js');
        return expiredImages(validateLifecyclePolicy(policyText), images, now);
      },
    },
  };
}

function configDigestOf(manifest: string | undefined): string | undefined {
  try {
    return (JSON.parse(manifest ?? '') as { config?: { digest?: string } }).config?.digest;
  } catch {
    return undefined;
  }
}
