// The sandbox's registry and local ECR endpoint in a throw-away sandbox folder, for integration tests that drive
// them with the real aws CLI (through the sandbox's wrapper), the real @aws-sdk/client-ecr and docker (logins
// go to a throw-away DOCKER_CONFIG). The endpoint runs in the test's process.
import { execFileSync, spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { tempDir } from './cli.js';
import { dockerOk, requireEngine } from './docker.js';
import { sandboxFiles } from '../../src/sandbox/services/registry/sandbox-dir.js';
import { describeServices, ensureRegistry, stopServices } from '../../src/sandbox/services/services.js';
import { startEndpoint } from '../../src/sandbox/services/ecr/serve.js';
import { wrapperDir } from '../../src/sandbox/services/aws-wrapper.js';
import { loadEcrSdk } from '../../src/sandbox/aws/sdk.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
export const sdk = await loadEcrSdk();

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Asynchronous on purpose: the endpoint runs in this process and must keep answering while a command runs. */
export function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export class LocalEcr {
  readonly dir = tempDir('containerlings-ecr-');
  readonly files = sandboxFiles(this.dir);
  readonly dockerConfig = tempDir('containerlings-docker-config-');
  /** localhost:<port>: where docker pushes (repositoryUri's host). */
  host = '';
  client!: InstanceType<typeof sdk.ECRClient>;
  private bin = '';
  private server?: Server;
  private readonly images: string[] = [];

  /** The learner's AWS credentials as the tests pretend them; the wrapper must never pass them on. */
  constructor(private readonly credentials = { AWS_ACCESS_KEY_ID: 'AKIATEST', AWS_SECRET_ACCESS_KEY: 'test-secret' }) {
    process.env.CONTAINERLINGS_SANDBOX_DIR = this.dir;
  }

  async start(): Promise<void> {
    await requireEngine();
    await ensureRegistry(this.files, () => {});
    this.server = await startEndpoint(this.files);
    const services = await describeServices(this.files);
    this.host = services.ecrRegistry;
    this.bin = await wrapperDir(services);
    this.client = new sdk.ECRClient({
      region: 'us-east-1',
      endpoint: services.ecrEndpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
  }

  /** Stops the services and removes every local image the test built or tagged. */
  async stop(): Promise<void> {
    this.server?.close();
    await stopServices(this.files);
    for (const ref of this.images) dockerOk('rmi', '-f', ref);
  }

  env(): NodeJS.ProcessEnv {
    return {
      PATH: `${this.bin}:/usr/bin:/bin`,
      HOME: process.env.HOME ?? '/root',
      DOCKER_CONFIG: this.dockerConfig,
      AWS_REGION: 'us-east-1',
      ...this.credentials,
    };
  }

  aws(...args: string[]): Promise<RunResult> {
    return run('aws', args, this.env());
  }

  docker(args: string[], input?: string): Promise<RunResult> {
    return run('docker', args, { ...process.env, DOCKER_CONFIG: this.dockerConfig }, input);
  }

  /** A tiny image of its own, labelled so cleanup finds it even if the test dies. */
  buildImage(ref: string, text: string): void {
    const id = execFileSync('docker', ['build', '-q', '-t', ref, '-'], {
      input: `FROM containerlings/busybox\nLABEL io.containerlings.sandbox=test-ecr\nCMD ["echo", "${text}"]\n`,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    // The id too: once a push leaves repo digests behind, or a later build takes the tag, the tag alone is not enough.
    this.images.push(ref, id.trim());
  }

  /** A local tag the test made some other way, to remove at the end. */
  removeLater(ref: string): void {
    this.images.push(ref);
  }
}
