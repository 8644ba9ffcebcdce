// Pushing a student's judged images to the class registry (at submit) and pulling them back by digest (at
// verify), with the docker CLI: it uses the student's and the instructor's own `docker login` (ECR too), so
// containerlings never sees a credential.
import { UserError } from '../errors.js';
import { dockerCli } from '../sandbox/engine/docker-cli.js';

/**
 * Where a student's image goes. A registry with a path (an ECR repository URI, registry/class) is one
 * repository, told apart by tag; a bare registry host gets one repository per student and image.
 */
export function pushReference(registry: string, student: string, image: string, exercise: string): string {
  const name = image.replace(/:.*$/, '').split('/').pop()!;
  return registry.includes('/') ? `${registry}:${student}-${exercise}` : `${registry}/${student}/${name}:${exercise}`;
}

/** Tags and pushes; returns the manifest digest the registry answered with. */
export async function pushImage(image: string, reference: string): Promise<string> {
  const tagged = await dockerCli(['tag', image, reference]);
  if (tagged.code !== 0)
    throw new UserError(
      `Could not tag ${image} as ${reference}: ${tagged.output.trim()}`,
      `Is ${image} built? \`docker images ${image}\``,
      'registry',
    );
  try {
    const pushed = await dockerCli(['push', reference]);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.output)?.[1];
    if (pushed.code !== 0 || !digest) {
      throw new UserError(
        `Could not push ${reference}: ${pushed.output.trim().split('\n').slice(-2).join(' ')}`,
        'Is the class registry running and reachable? Log in first if it needs it (`docker login <registry>`).',
        'registry',
      );
    }
    return digest;
  } finally {
    // The pushed name is only a vehicle: leave the student's engine as it was.
    await dockerCli(['rmi', reference]);
  }
}

/** Pulls repo@digest (content-addressed: exactly what was pushed) and returns the local image id. */
export async function pullByDigest(reference: string, digest: string): Promise<{ ref: string; imageId: string }> {
  const repo = reference.replace(/:[^:/]+$/, '');
  const ref = `${repo}@${digest}`;
  const pulled = await dockerCli(['pull', '--quiet', ref]);
  if (pulled.code !== 0)
    throw new UserError(
      `Could not pull ${ref}: ${pulled.output.trim().split('\n').slice(-2).join(' ')}`,
      'Is the class registry running, and are you logged in to it?',
      'registry',
    );
  const id = await dockerCli(['image', 'inspect', '--format', '{{.Id}}', ref]);
  return { ref, imageId: id.output.trim() };
}
