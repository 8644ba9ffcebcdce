// A small streaming tar reader for `docker export`: every entry's metadata, and the contents of a few files.
// Go's archive/tar writes ustar headers plus PAX records for long names; GNU long names are handled too.

export interface TarEntry {
  /** Absolute, without a trailing slash: /bin/sh. */
  readonly path: string;
  readonly type: 'file' | 'hardlink' | 'symlink' | 'dir' | 'other';
  readonly mode: number;
  /** Target of a symlink (as written) or a hardlink (made absolute). */
  readonly linkname: string;
}

export interface TarListing {
  readonly entries: Map<string, TarEntry>;
  /** Contents of the entries `wanted` asked for. */
  readonly contents: Map<string, Buffer>;
  /** Executable files whose bytes hold one of the `markers` readTar was given: path → the marker found. */
  readonly marked: Map<string, string>;
}

const BLOCK = 512;
const TYPES: Record<string, TarEntry['type']> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'dir',
};

const text = (b: Buffer, start: number, length: number) => {
  const field = b.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
};
const octal = (b: Buffer, start: number, length: number) => {
  if (b[start] & 0x80) return b.subarray(start + 1, start + length).reduce((n, byte) => n * 256 + byte, 0); // base-256
  return parseInt(text(b, start, length).trim() || '0', 8);
};
export const absolute = (name: string) => '/' + name.replace(/^\.?\/+/, '').replace(/\/+$/, '');

/** PAX extended header records: "<length> <key>=<value>\n". */
function paxRecords(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = parseInt(data.subarray(at, space).toString(), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}

export async function readTar(
  stream: AsyncIterable<Buffer | Uint8Array>,
  wanted: (path: string) => boolean,
  markers: readonly string[] = [],
): Promise<TarListing> {
  const entries = new Map<string, TarEntry>();
  const contents = new Map<string, Buffer>();
  const marked = new Map<string, string>();
  const needles = markers.map((m) => Buffer.from(m));
  const overlap = Math.max(0, ...needles.map((n) => n.length - 1));
  /** The executable file being searched for markers, and the end of its previous chunk (a marker may straddle). */
  let searching: { path: string; tail: Buffer } | undefined;
  const search = (chunk: Buffer) => {
    if (!searching) return;
    const window = Buffer.concat([searching.tail, chunk]);
    const found = markers.find((_, i) => window.includes(needles[i]!));
    if (found) {
      marked.set(searching.path, found);
      searching = undefined;
    } else searching.tail = window.subarray(Math.max(0, window.length - overlap));
  };
  let pending = Buffer.alloc(0);
  /** What the bytes after the current header are for, and how many remain (data padded to 512). */
  let data: { size: number; padded: number; keep: boolean; chunks: Buffer[]; onDone: (b: Buffer) => void } | undefined;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;

  const header = (b: Buffer) => {
    if (b.every((byte) => byte === 0)) return;
    const flag = String.fromCharCode(b[156]);
    const size = octal(b, 124, 12);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    const expect = (onDone: (d: Buffer) => void) => {
      data = { size, padded, keep: true, chunks: [], onDone };
    };
    if (flag === 'x')
      return expect((d) => {
        pax = paxRecords(d);
      });
    if (flag === 'g') return expect(() => undefined);
    if (flag === 'L')
      return expect((d) => {
        longName = text(d, 0, d.length);
      });
    if (flag === 'K')
      return expect((d) => {
        longLink = text(d, 0, d.length);
      });
    const prefix = b.subarray(257, 262).toString() === 'ustar' ? text(b, 345, 155) : '';
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${text(b, 0, 100)}` : text(b, 0, 100));
    const type = TYPES[flag] ?? 'other';
    const link = pax.linkpath ?? longLink ?? text(b, 157, 100);
    const entry: TarEntry = {
      path: absolute(name),
      type,
      mode: octal(b, 100, 8),
      linkname: type === 'hardlink' ? absolute(link) : link,
    };
    entries.set(entry.path, entry);
    pax = {};
    longName = longLink = undefined;
    const keep = type === 'file' && wanted(entry.path);
    searching =
      needles.length && type === 'file' && entry.mode & 0o111 ? { path: entry.path, tail: Buffer.alloc(0) } : undefined;
    data = { size, padded, keep, chunks: [], onDone: (d) => keep && contents.set(entry.path, d) };
  };

  for await (const chunk of stream) {
    pending = pending.length ? Buffer.concat([pending, Buffer.from(chunk)]) : Buffer.from(chunk);
    for (;;) {
      if (data) {
        const take = Math.min(data.padded, pending.length);
        if (data.keep) data.chunks.push(pending.subarray(0, take));
        search(pending.subarray(0, take));
        data.padded -= take;
        pending = pending.subarray(take);
        if (data.padded > 0) break;
        const done = data;
        data = undefined;
        searching = undefined;
        done.onDone(Buffer.concat(done.chunks).subarray(0, done.size));
        continue;
      }
      if (pending.length < BLOCK) break;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      header(block);
    }
  }
  return { entries, contents, marked };
}
