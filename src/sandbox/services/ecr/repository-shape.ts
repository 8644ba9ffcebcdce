// A repository as ECR describes it (ARN, URI and settings), and the settings a request may give it: tag mutability
// and encryption.
import type { EndpointContext } from './endpoint.js';
import { invalid, LOCAL_ACCOUNT } from './errors.js';
import type { RepositoryRecord } from './state.js';

const arn = (ctx: EndpointContext, name: string) => `arn:aws:ecr:${ctx.region}:${LOCAL_ACCOUNT}:repository/${name}`;

export function repositoryShape(ctx: EndpointContext, r: RepositoryRecord) {
  return {
    repositoryArn: arn(ctx, r.name),
    registryId: LOCAL_ACCOUNT,
    repositoryName: r.name,
    repositoryUri: `${ctx.registryHost}/${r.name}`,
    createdAt: r.createdAt,
    imageTagMutability: r.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: r.encryption ?? { encryptionType: 'AES256' },
  };
}

/** CreateRepository's encryptionConfiguration: AES256 (the default), or KMS / KMS_DSSE with an optional key. */
export function encryption(ctx: EndpointContext, value: unknown): RepositoryRecord['encryption'] {
  if (value === undefined) return undefined;
  const given = value as { encryptionType?: unknown; kmsKey?: unknown };
  const type = given?.encryptionType;
  if (type !== 'AES256' && type !== 'KMS' && type !== 'KMS_DSSE')
    throw invalid(
      'encryptionConfiguration.encryptionType',
      'Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]',
    );
  if (type === 'AES256') {
    if (given.kmsKey !== undefined) throw invalid('encryptionConfiguration.kmsKey', 'kmsKey is only allowed with KMS');
    return { encryptionType: type };
  }
  // Without a key, ECR uses the account's AWS managed key for ECR.
  const kmsKey =
    typeof given.kmsKey === 'string' && given.kmsKey
      ? given.kmsKey
      : `arn:aws:kms:${ctx.region}:${LOCAL_ACCOUNT}:alias/aws/ecr`;
  return { encryptionType: type, kmsKey };
}

export function mutability(value: unknown): 'MUTABLE' | 'IMMUTABLE' {
  if (value === undefined || value === 'MUTABLE' || value === 'IMMUTABLE')
    return (value ?? 'MUTABLE') as 'MUTABLE' | 'IMMUTABLE';
  throw invalid('imageTagMutability', 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]');
}
