// Re-checking what students pushed: pull each image by digest from the class registry, give it the name the
// check expects on this (the instructor's) engine, and run the instructor's check against it in an empty
// folder, so only the image decides. See README "What verify proves" for the limits.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineFrom } from '../checks/kit/image-baseline.js';
import { runCheck } from '../checks/runner.js';
import { UserError } from '../errors.js';
import type { Course } from '../lessons/course.js';
import { removeLabelled } from '../sandbox/cleanup.js';
import type { Engine } from '../sandbox/engine/connection.js';
import type { Bundle } from './bundle.js';
import { checkCodeHash } from './hash.js';
import { pullByDigest } from './push.js';
import { dockerCli } from '../sandbox/engine/docker-cli.js';
import type { VerifiedResult } from './verification.js';

const inRegistry = (reference: string, registry: string) =>
  reference.startsWith(`${registry}/`) || reference.startsWith(`${registry}:`);

export async function verifyBundle(
  engine: Engine,
  course: Course,
  bundle: Bundle,
  registry: string | undefined,
  say: (line: string) => void,
  signal?: AbortSignal,
): Promise<VerifiedResult[]> {
  const out: VerifiedResult[] = [];
  const workspaceId = `ws-verify${process.pid}`;
  for (const pushed of bundle.pushed) {
    const exercise = course.exercises.find((e) => e.id === pushed.exercise);
    const base = {
      bundleDigest: bundle.manifest.digest,
      student: bundle.student,
      exercise: pushed.exercise,
      pulled: `${pushed.reference}@${pushed.digest}`,
      verifiedAt: new Date().toISOString(),
    };
    const image = exercise?.meta.verify?.image;
    const refuse = (problem: string, checkHash = '') =>
      out.push({ ...base, outcome: 'error', message: problem, evidence: {}, problems: [problem], checkHash });
    if (!exercise || !image) {
      refuse(`${pushed.exercise} is not an exercise verify can judge in this course`);
      continue;
    }
    const checkHash = await checkCodeHash(exercise.check);
    if (registry && !inRegistry(pushed.reference, registry)) {
      refuse(`pushed to ${pushed.reference}, not to the class registry ${registry}`, checkHash);
      continue;
    }
    if (pushed.image !== image) {
      refuse(`pushed ${pushed.image}, but the check judges ${image}`, checkHash);
      continue;
    }
    say(`${bundle.student}: pulling ${pushed.reference}@${pushed.digest.slice(0, 19)}...`);
    let pulled: { ref: string; imageId: string };
    try {
      pulled = await pullByDigest(pushed.reference, pushed.digest);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      refuse(e.message, checkHash);
      continue;
    }
    const problems: string[] = [];
    const claimed = bundle.results.results.find((r) => r.exercise === pushed.exercise);
    const checkedId = claimed?.images.find((i) => i.ref === image)?.id;
    if (pulled.imageId !== pushed.imageId || (checkedId && checkedId !== pulled.imageId))
      problems.push(
        `the registry holds image ${pulled.imageId.slice(7, 19)}, ` +
          `but the bundle says ${(checkedId ?? pushed.imageId).slice(7, 19)} was checked`,
      );
    const dir = await mkdtemp(join(tmpdir(), 'containerlings-verify-'));
    try {
      // The check looks for its image by name; give the pulled one that name on this engine (a declared resource).
      // Verify gives the image its name itself, so to the check it is new (as if no declared name named an image
      // before): "built after you started" stays the student's own check, on any builder.
      const baseline = baselineFrom(new Map(), exercise.meta.resources.images);
      const tagged = await dockerCli(['tag', pulled.ref, image]);
      if (tagged.code !== 0)
        throw new UserError(
          `Could not tag ${pulled.ref} as ${image}: ${tagged.output.trim()}`,
          'Is the Docker engine working? `docker info`',
          'engine',
        );
      const startedAt = new Date(claimed?.startedAt ?? 0);
      const result = await runCheck(exercise, { engine, workspaceId, dir, startedAt, baseline, signal });
      out.push({
        ...base,
        outcome: result.outcome,
        message: result.message,
        evidence: { ...result.evidence, imageId: pulled.imageId },
        problems,
        checkHash,
      });
      say(`${bundle.student}: ${pushed.exercise} re-checked: ${result.outcome}`);
    } finally {
      await dockerCli(['rmi', image]);
      await dockerCli(['rmi', pulled.ref]);
      await removeLabelled(engine, workspaceId).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}
