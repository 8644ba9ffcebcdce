// The kit's registry and ECR members, as checks see them (types only).

export interface RegistryManifest {
  /** sha256:... as `docker push` printed it. */
  readonly digest: string;
  /** Config plus compressed layers. */
  readonly sizeBytes: number;
  readonly layers: number;
  readonly mediaType: string;
  /** The image config's digest: equal to the local image's id (`docker image inspect -f {{.Id}}`). */
  readonly configDigest?: string;
}

export interface RegistryKit {
  /** host:port of the sandbox registry (starts it when it is not running). */
  address(): Promise<string>;
  /** The repository's tags, read from the registry's API; [] when it has none. */
  tags(repository: string): Promise<string[]>;
  /** A manifest by tag or by digest; undefined when the registry has none. */
  manifest(repository: string, reference: string): Promise<RegistryManifest | undefined>;
}

export interface EcrRepositoryFacts {
  readonly name: string;
  readonly uri: string;
  readonly tagMutability: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAt: Date;
}

export interface EcrImageFacts {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly sizeBytes: number;
  readonly pushedAt: Date;
}

/** ECR through @aws-sdk/client-ecr: the local endpoint, or real ECR with `--aws real`. Same calls either way. */
export interface EcrKit {
  mode(): 'local' | 'real';
  /** undefined when there is no such repository. */
  repository(name: string): Promise<EcrRepositoryFacts | undefined>;
  /** DescribeImages; [] when the repository is missing or empty. */
  images(repository: string): Promise<EcrImageFacts[]>;
  /** The lifecycle policy's JSON text; undefined when none is set. */
  lifecyclePolicy(repository: string): Promise<string | undefined>;
}

export interface RegistryKitMembers {
  readonly registry: RegistryKit;
  readonly ecr: EcrKit;
}
