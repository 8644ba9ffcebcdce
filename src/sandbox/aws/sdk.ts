// Loads the AWS SDK clients lazily. Bundled, a CommonJS package's named exports may sit on `default`
// (esbuild cannot see the SDK's re-exports statically), so both shapes are accepted.
export type EcrSdk = typeof import('@aws-sdk/client-ecr');
export type StsSdk = typeof import('@aws-sdk/client-sts');
export type EcsSdk = typeof import('@aws-sdk/client-ecs');
export type Ec2Sdk = typeof import('@aws-sdk/client-ec2');

function named<T>(mod: T & { default?: T }, probe: string): T {
  return (mod as Record<string, unknown>)[probe] ? mod : (mod.default ?? mod);
}

/** The SDK only honours the exact value "true"; Node 20 is supported by the 3.x line we pin. */
function quietNodeWarning() {
  const env = process.env;
  if (env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED !== 'false')
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

/** Quiets the warning first, then imports. */
async function load<T>(importer: () => Promise<T & { default?: T }>, probe: string): Promise<T> {
  quietNodeWarning();
  return named(await importer(), probe);
}

export const loadEcrSdk = (): Promise<EcrSdk> => load(() => import('@aws-sdk/client-ecr'), 'ECRClient');
export const loadStsSdk = (): Promise<StsSdk> => load(() => import('@aws-sdk/client-sts'), 'STSClient');
export const loadEcsSdk = (): Promise<EcsSdk> => load(() => import('@aws-sdk/client-ecs'), 'ECSClient');
export const loadEc2Sdk = (): Promise<Ec2Sdk> => load(() => import('@aws-sdk/client-ec2'), 'EC2Client');
