// ECR's error shape on the wire: HTTP 400 with {"__type": "<Exception>", "message": "..."}.

export class EcrError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The account id and region the local endpoint reports; the same fake account as other AWS emulators. */
export const LOCAL_ACCOUNT = '000000000000';

export const notFound = (name: string) =>
  new EcrError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${LOCAL_ACCOUNT}'`,
  );

export const invalid = (field: string, constraint: string) =>
  new EcrError(
    'InvalidParameterException',
    `Invalid parameter at '${field}' failed to satisfy constraint: '${constraint}'`,
  );

/** ECR's words when an IMMUTABLE repository refuses to move a tag, for docker push and PutImage alike. */
export const immutableTag = (tag: string, repository: string) =>
  `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`;
