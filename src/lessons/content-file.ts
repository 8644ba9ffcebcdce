// Reads an author's file safely: only a regular file inside the course folder, of a bounded size, in valid UTF-8.
// A FIFO, a device (a symlink to /dev/urandom), a folder, a link out of the course or a huge file is a content
// problem with the file's name, never a hang or a stack trace. Also lists an author's folders.
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { ContentProblem } from './validate.js';

/** Larger than any lesson or exercise.yaml an author writes; a bigger file is a mistake (or an attack). */
export const MAX_CONTENT_BYTES = 1024 * 1024;

export type ContentRead = { readonly text: string } | { readonly problem: string; readonly line?: number };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Where `path` really is, relative to the course root; undefined when it resolves outside it. */
export async function insideCourse(root: string, path: string): Promise<boolean> {
  const [realRoot, real] = await Promise.all([realpath(root), realpath(path)]);
  const rel = relative(realRoot, real);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

export async function readContentFile(root: string, path: string): Promise<ContentRead | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ELOOP') return { problem: 'is a symbolic link that loops; point it at a file' };
    return { problem: `cannot be read (${code ?? (e as Error).message})` };
  }
  if (info.isDirectory()) return { problem: 'is a folder; expected a file' };
  if (!info.isFile()) return { problem: 'is not a regular file (a pipe, socket or device); expected a text file' };
  if (!(await insideCourse(root, path))) return { problem: 'is a link to a file outside the course folder' };
  if (info.size > MAX_CONTENT_BYTES)
    return { problem: `is ${info.size} bytes; expected at most ${MAX_CONTENT_BYTES} (1 MiB)` };
  // Read at most the limit, even if the file grew since stat.
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(MAX_CONTENT_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { problem: 'is not valid UTF-8; save it as UTF-8', line: bad };
  }
}

/** The line of the first byte sequence that is not UTF-8 (1-based). */
function firstInvalidUtf8(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        UTF8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** The folders in `path`; a file where a folder belongs is a problem (ENOTDIR), a missing folder is none. */
export async function subdirs(path: string, problems?: ContentProblem[], rel = path): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    const why =
      code === 'ENOTDIR' ? 'is a file; expected a folder' : `cannot be read (${code ?? (e as Error).message})`;
    problems?.push({ file: `${rel}/`, message: why });
    return [];
  }
}

export const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
export const isFile = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
