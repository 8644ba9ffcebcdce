// Reads a tar archive (plain or gzip) in the exercise folder into the same entries a volume listing gives, so that a
// backup can be compared with the volume it came from. ustar, GNU long names and pax paths; nothing is extracted.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { StoredFile } from '../../sandbox/engine/types.js';

/** Far above any backup an exercise makes: a bigger file is refused rather than read into memory. */
const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;

const field = (block: Buffer, start: number, length: number) =>
  block
    .subarray(start, start + length)
    .toString('utf8')
    .replace(/\0.*$/s, '');
const octal = (block: Buffer, start: number, length: number) => parseInt(field(block, start, length).trim() || '0', 8);

/** A path as a volume listing writes it: no leading ./ or /, no trailing /; '' for the root itself. */
export function normalPath(path: string): string {
  return path
    .replace(/^(\.\/|\/)+/, '')
    .replace(/^\.$/, '')
    .replace(/\/+$/, '');
}

/** Parses a tar archive (pure). Throws when it is not one. */
export function parseTar(data: Buffer): StoredFile[] {
  if (data.length < 512) throw new Error('not a tar archive');
  const out: StoredFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    if (!field(header, 257, 5).startsWith('ustar')) throw new Error('not a tar archive');
    const size = octal(header, 124, 12);
    const flag = String.fromCharCode(header[156] || 48);
    const body = data.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (flag === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (flag === 'x') {
      const path = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (path) longName = path[1];
      continue;
    }
    if (flag === 'g') continue;
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    const path = normalPath(name);
    if (!path) continue;
    const type = flag === '0' || flag === '7' ? 'file' : flag === '5' ? 'dir' : flag === '2' ? 'symlink' : 'other';
    out.push({
      path,
      type,
      uid: octal(header, 108, 8),
      gid: octal(header, 116, 8),
      mode: type === 'symlink' ? 0 : octal(header, 100, 8) & 0o7777,
      size: type === 'file' ? size : 0,
      content:
        type === 'file'
          ? createHash('sha256').update(body).digest('hex')
          : type === 'symlink'
            ? field(header, 157, 100)
            : '',
    });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The entries of a tar or tar.gz file; undefined when it is missing; throws (a fail's reason) when it is no archive. */
export async function archiveFiles(path: string): Promise<StoredFile[] | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  if (info.size > MAX_ARCHIVE_BYTES) throw new Error(`it is ${Math.round(info.size / 1e6)} MB, far too big`);
  const raw = await readFile(path);
  return parseTar(raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw);
}
