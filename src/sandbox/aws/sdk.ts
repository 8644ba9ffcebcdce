// Loads the AWS SDK clients lazily. Bundled, a CommonJS package's named exports may sit on `default`
// (esbuild cannot see the SDK's re-exports statically), so both shapes are accepted.
export type EcrSdk = typeof import('@aws-sdk/client-ecr');
export type StsSdk = typeof import('@aws-sdk/client-sts');

function named<T>(mod: T & { default?: T }, probe: string): T {
  return (mod as Record<string, unknown>)[probe] ? mod : (mod.default ?? mod);
}

/** The SDK only honours the exact value "true"; Node 20 is supported by the 3.x line we pin. */
function quietNodeWarning() {
  const env = process.env;
  if (env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED !== 'false') env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

export async function loadEcrSdk(): Promise<EcrSdk> {
  quietNodeWarning();
  return named(await import('@aws-sdk/client-ecr'), 'ECRClient');
}

export async function loadStsSdk(): Promise<StsSdk> {
  quietNodeWarning();
  return named(await import('@aws-sdk/client-sts'), 'STSClient');
}
