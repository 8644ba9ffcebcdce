// What every ECR operation (and the registry proxy) is given: the sandbox's files, the registry behind the endpoint,
// and the address and region the endpoint answers as.
import type { RegistryApi } from '../registry/registry-api.js';
import type { SandboxFiles } from '../registry/sandbox-dir.js';

export interface EndpointContext {
  readonly files: SandboxFiles;
  readonly registry: RegistryApi;
  /** host:port that docker pushes to: the endpoint itself, which proxies /v2/ to the registry. */
  readonly registryHost: string;
  readonly region: string;
}
