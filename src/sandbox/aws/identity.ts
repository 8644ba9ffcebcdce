// Who real AWS mode acts as: the caller's account and ARN from STS (never the keys), loaded only when asked.
import { awsRegion } from '../services/sandbox-env.js';

/** The caller's account and ARN (never the keys), through STS. */
export async function callerIdentity(): Promise<{ account: string; arn: string; region: string }> {
  const [{ loadStsSdk }, { explainAwsError }] = await Promise.all([import('./sdk.js'), import('./ecr-client.js')]);
  const { STSClient, GetCallerIdentityCommand } = await loadStsSdk();
  try {
    const out = await new STSClient({ region: awsRegion(), maxAttempts: 2 }).send(new GetCallerIdentityCommand({}));
    return { account: out.Account ?? '?', arn: out.Arn ?? '?', region: awsRegion() };
  } catch (e) {
    throw explainAwsError(e, 'GetCallerIdentity') ?? e;
  }
}
