// What ECR knows that a registry does not: repositories and their settings (tags, tag mutability, scan on
// push, lifecycle policy) and when each image was pushed. A small JSON file next to the registry's data,
// read on every request and written atomically, so other processes (cleanup, the self-test) may change it.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface RepositoryRecord {
  readonly name: string;
  /** Epoch seconds, as ECR's JSON protocol sends timestamps. */
  readonly createdAt: number;
  imageTagMutability: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush: boolean;
  tags: { Key: string; Value: string }[];
  lifecyclePolicyText?: string;
  /** As CreateRepository was asked (AES256 when not given); the local registry itself stores nothing encrypted. */
  encryption?: { encryptionType: 'AES256' | 'KMS' | 'KMS_DSSE'; kmsKey?: string };
  /** digest → epoch seconds of the push that went through the endpoint (also finds untagged images). */
  pushes: Record<string, number>;
}

export interface EcrState {
  repositories: Record<string, RepositoryRecord>;
}

export async function readState(file: string): Promise<EcrState> {
  try {
    const state = JSON.parse(await readFile(file, 'utf8')) as EcrState;
    return { repositories: state.repositories ?? {} };
  } catch {
    return { repositories: {} };
  }
}

export async function writeState(file: string, state: EcrState): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  await rename(tmp, file);
}

/** Serialises read-modify-write cycles within this process (the endpoint handles requests concurrently). */
let queue: Promise<unknown> = Promise.resolve();
export function updateState<T>(file: string, change: (state: EcrState) => T | Promise<T>): Promise<T> {
  const next = queue.then(async () => {
    const state = await readState(file);
    const result = await change(state);
    await writeState(file, state);
    return result;
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Records when an image came in through the endpoint (docker push or PutImage); a new tag keeps the first time. */
export function recordPush(file: string, repository: string, digest: string): Promise<void> {
  return updateState(file, (s) => {
    const r = s.repositories[repository];
    if (r && !r.pushes[digest]) r.pushes[digest] = Math.floor(Date.now() / 1000);
  });
}

/** ECR's rule: starts with a letter or digit; lowercase letters, digits, and . _ - / between; 2 to 256 characters. */
export const REPOSITORY_NAME = /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
