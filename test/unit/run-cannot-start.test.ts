// kit.run turns a container whose command is not in the image into docker run's exit code (127, or 126 when it is
// not executable), a verdict a check can judge; any other failure to start stays an error (it throws).
import { describe, expect, it } from 'vitest';
import { commandMissingCode } from '../../src/sandbox/engine/containers.js';

/** An error as dockerode gives it: the engine's JSON body under `json`. */
const engineError = (message: string) =>
  Object.assign(new Error(`(HTTP code 400) unexpected - ${message}`), { json: { message } });

describe('commandMissingCode', () => {
  it('gives 127 for a command that is not in the image, on Docker and on Podman', () => {
    expect(
      commandMissingCode(
        engineError(
          'failed to create shim task: OCI runtime create failed: runc create failed: ' +
            'unable to start container process: exec: "echo": executable file not found in $PATH: unknown',
        ),
      ),
    ).toBe(127);
    expect(
      commandMissingCode(
        engineError('OCI runtime create failed: exec: "/app": stat /app: no such file or directory: unknown'),
      ),
    ).toBe(127);
    expect(
      commandMissingCode(
        engineError(
          'crun: executable file `echo` not found in $PATH: No such file or directory: ' +
            'OCI runtime attempted to invoke a command that was not found',
        ),
      ),
    ).toBe(127);
  });

  it('gives 126 for a command that is not executable', () => {
    expect(
      commandMissingCode(engineError('OCI runtime create failed: exec: "/app.sh": permission denied: unknown')),
    ).toBe(126);
  });

  it('leaves every other failure to start alone (an engine problem, not the image)', () => {
    for (const message of [
      'OCI runtime create failed: container_linux.go: process_linux.go: applying cgroup configuration: permission denied',
      'error mounting "/x" to rootfs at "/y": mount /x:/y: no such file or directory',
      'driver failed programming external connectivity on endpoint cl-x: port is already allocated',
      'unable to apply caps: operation not permitted',
    ])
      expect(commandMissingCode(engineError(message))).toBeUndefined();
    expect(commandMissingCode(new Error('connect ENOENT /var/run/docker.sock'))).toBeUndefined();
  });
});
