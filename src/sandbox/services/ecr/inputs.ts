// The JSON types of each operation's request members, as ECR's service model (2015-09-21) gives them, so a value
// of the wrong type is refused as ECR refuses it (400 SerializationException, naming the member) instead of
// failing inside an operation. Members not listed here are newer than the operations' use of them, and ignored.
import { EcrError, invalid } from './errors.js';

export type InputType =
  'string' | 'integer' | 'boolean' | readonly [InputType] | { readonly [member: string]: InputType };

const registryId = 'string';
const ImageIds = [{ imageDigest: 'string', imageTag: 'string' }] as const;
const repository = { registryId, repositoryName: 'string' } as const;
const paging = { nextToken: 'string', maxResults: 'integer' } as const;

export const INPUTS: Readonly<Record<string, { readonly [member: string]: InputType }>> = {
  CreateRepository: {
    ...repository,
    tags: [{ Key: 'string', Value: 'string' }],
    imageTagMutability: 'string',
    imageScanningConfiguration: { scanOnPush: 'boolean' },
    encryptionConfiguration: { encryptionType: 'string', kmsKey: 'string' },
  },
  DescribeRepositories: { registryId, repositoryNames: ['string'], ...paging },
  DeleteRepository: { ...repository, force: 'boolean' },
  ListImages: { ...repository, ...paging, filter: { tagStatus: 'string' } },
  DescribeImages: { ...repository, imageIds: ImageIds, ...paging, filter: { tagStatus: 'string' } },
  BatchDeleteImage: { ...repository, imageIds: ImageIds },
  BatchGetImage: { ...repository, imageIds: ImageIds, acceptedMediaTypes: ['string'] },
  PutImage: {
    ...repository,
    imageManifest: 'string',
    imageManifestMediaType: 'string',
    imageTag: 'string',
    imageDigest: 'string',
  },
  GetAuthorizationToken: { registryIds: ['string'] },
  PutImageTagMutability: { ...repository, imageTagMutability: 'string' },
  PutImageScanningConfiguration: { ...repository, imageScanningConfiguration: { scanOnPush: 'boolean' } },
  PutLifecyclePolicy: { ...repository, lifecyclePolicyText: 'string' },
  GetLifecyclePolicy: repository,
  ListTagsForResource: { resourceArn: 'string' },
};

const jsonType = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

function wrongType(type: InputType, value: unknown, path: string): string | undefined {
  if (value === null || value === undefined) return undefined; // JSON null is an absent member
  if (typeof type === 'string') {
    const ok =
      type === 'integer'
        ? Number.isInteger(value)
        : type === 'boolean'
          ? typeof value === 'boolean'
          : typeof value === 'string';
    return ok
      ? undefined
      : `${path}: expected ${type === 'integer' ? 'a whole number' : `a ${type}`}, got ${jsonType(value)}`;
  }
  if (Array.isArray(type)) {
    if (!Array.isArray(value)) return `${path}: expected a list, got ${jsonType(value)}`;
    for (const [i, item] of value.entries()) {
      const problem = wrongType(type[0] as InputType, item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return `${path}: expected an object, got ${jsonType(value)}`;
  for (const [member, inner] of Object.entries(type as Record<string, InputType>)) {
    const problem = wrongType(inner, (value as Record<string, unknown>)[member], path ? `${path}.${member}` : member);
    if (problem) return problem;
  }
  return undefined;
}

/** Refuses a request whose members have the wrong JSON type, and a registryId that is not a 12-digit account id. */
export function checkInput(operation: string, input: Record<string, unknown>): void {
  const shape = INPUTS[operation];
  if (!shape) return;
  const problem = wrongType(shape, input, '');
  if (problem) throw new EcrError('SerializationException', `${problem} (the member's type in ECR's API)`);
  const id = input['registryId'];
  if (typeof id === 'string' && !/^[0-9]{12}$/.test(id))
    throw invalid('registryId', 'Member must satisfy regular expression pattern: [0-9]{12}');
}
