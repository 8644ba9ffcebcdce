// What the sandbox services are, as the code that starts them and the code that points tools at them sees them.
import type { SandboxFiles } from './registry/sandbox-dir.js';

export interface SandboxServices {
  /** host:port of the plain registry (Registries lesson). */
  readonly registry: string;
  /** host:port of the ECR endpoint; also the registry host in every repositoryUri. */
  readonly ecrRegistry: string;
  readonly ecrEndpoint: string;
  readonly registryKind: 'binary' | 'container' | 'external';
  /** False before the first `sandbox up` here: no ports are chosen yet, so there is nothing to look for. */
  readonly started: boolean;
  readonly files: SandboxFiles;
}
