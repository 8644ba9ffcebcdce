// The ECR client checks and cleanup use: the real @aws-sdk/client-ecr, pointed at the local endpoint in local
// mode, or at AWS (default credential chain) in real mode. Imported lazily: the SDK loads only when used.
import { UserError } from '../../errors.js';
import { awsMode, awsRegion, type AwsMode } from '../services/sandbox-env.js';
import { LOCAL_CREDENTIALS } from '../services/aws-wrapper.js';

export type EcrClient = import('@aws-sdk/client-ecr').ECRClient;

export async function ecrClient(mode: AwsMode = awsMode(), env = process.env): Promise<EcrClient> {
  const { ECRClient } = await (await import('./sdk.js')).loadEcrSdk();
  if (mode === 'real') return new ECRClient({ region: awsRegion(env), maxAttempts: 2 });
  const { ensureServices } = await import('../services/services.js');
  const services = await ensureServices();
  return new ECRClient({
    region: awsRegion(env),
    endpoint: services.ecrEndpoint,
    credentials: {
      accessKeyId: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
    maxAttempts: 1,
  });
}

/** The IAM action a request needed, from AWS's AccessDenied message ("...not authorized to perform: ecr:X on..."). */
export function missingPermission(message: string): string | undefined {
  return /perform:\s*([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
}

/** A service's words for errors: its name, its IAM prefix, and which permissions the lessons need. */
export interface AwsService {
  readonly name: string;
  readonly prefix: string;
  /** "the ECR lessons need ecr:..., ..." */
  readonly needs: string;
}

export const ECR_SERVICE: AwsService = {
  name: 'ECR',
  prefix: 'ecr',
  needs:
    'the ECR lessons need ' +
    [
      'GetAuthorizationToken',
      'CreateRepository',
      'DescribeRepositories',
      'DescribeImages',
      'ListImages',
      'BatchCheckLayerAvailability',
      'InitiateLayerUpload',
      'UploadLayerPart',
      'CompleteLayerUpload',
      'PutImage',
      'BatchGetImage',
      'PutLifecyclePolicy',
      'GetLifecyclePolicy',
      'DeleteRepository',
      'TagResource',
      'ListTagsForResource',
    ]
      .map((a) => `ecr:${a}`)
      .join(', '),
};

/**
 * Turns what AWS (or the SDK) threw into an error the learner can act on, naming the missing IAM permission.
 * Returns undefined for the service's own answers a check should judge (RepositoryNotFoundException, ...).
 * Messages are built from the error's name and AWS's message only: never from the request or credentials.
 */
export function explainAwsError(
  e: unknown,
  operation: string,
  service: AwsService = ECR_SERVICE,
): UserError | undefined {
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name ?? '';
  const message = err.message ?? String(e);
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || /not authorized to perform/.test(message)) {
    const permission = missingPermission(message) ?? `${service.prefix}:${operation}`;
    // ECS checks iam:PassRole when it is handed the task definition's roles.
    const scope =
      permission === 'iam:PassRole' ? " on the roles in the task definition's executionRoleArn and taskRoleArn" : '';
    return new UserError(
      `AWS refused ${operation}: your identity lacks the IAM permission ${permission}${scope}.`,
      `Ask your AWS administrator to allow ${permission}${scope} (${service.needs}).`,
      'aws',
    );
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new UserError(
      'No AWS credentials were found (environment, ~/.aws/credentials, SSO or an instance role).',
      'Run `aws configure` (or `aws sso login`), or use the local endpoint: drop `--aws real`.',
      'aws',
    );
  }
  if (
    name === 'UnrecognizedClientException' ||
    name === 'InvalidSignatureException' ||
    name === 'ExpiredTokenException' ||
    name === 'AuthFailure'
  ) {
    return new UserError(
      `AWS did not accept your credentials (${name}).`,
      'Refresh them (`aws sso login`, or new access keys), and check the region: AWS_REGION is ' + awsRegion() + '.',
      'aws',
    );
  }
  if (/getaddrinfo|ENOTFOUND|Invalid region|region/i.test(message) && !err.$metadata?.httpStatusCode) {
    return new UserError(
      `Cannot reach ${service.name} in region "${awsRegion()}": ${message}`,
      `Set AWS_REGION to a region that exists (for example eu-west-1), the one your ${service.name} resources are in.`,
      'aws',
    );
  }
  if (/ECONNREFUSED/.test(message) || err.code === 'ECONNREFUSED') {
    return new UserError(
      'The local ECR endpoint is not running.',
      'Start it with `containerlings sandbox up`.',
      'registry',
    );
  }
  return undefined;
}

/** Calls `work`, turning environment problems into UserErrors (the check's `error` outcome). */
export async function callAws<T>(
  operation: string,
  work: () => Promise<T>,
  service: AwsService = ECR_SERVICE,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw explainAwsError(e, operation, service) ?? e;
  }
}

export const callEcr = <T>(operation: string, work: () => Promise<T>): Promise<T> =>
  callAws(operation, work, ECR_SERVICE);
