// The content contract: course.yaml at the content root says which course format the course is written for. A course
// for another format is refused before anything else is read; a course with no manifest is format 1 (older courses).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { VERSION } from '../version.js';

/** The course format this containerlings reads. */
export const FORMAT_VERSION = 1;
export const MANIFEST = 'course.yaml';

/** What the manifest says, read without a YAML parser (so the TUI's start stays light); the loader validates it fully. */
export interface ManifestHead {
  /** False when the course has no course.yaml (read as format 1). */
  readonly present: boolean;
  readonly formatVersion: number;
}

/** `format_version: 1`, a top-level key; a quoted value and a trailing comment are allowed. */
const FORMAT_LINE = /^format_version[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$/m;

export function readManifestHead(root: string): ManifestHead {
  let text: string;
  try {
    text = readFileSync(join(root, MANIFEST), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { present: false, formatVersion: FORMAT_VERSION };
    throw new UserError(
      `Cannot read the course manifest ${join(root, MANIFEST)} (${code ?? (e as Error).message}).`,
      'Make it a readable file that says `format_version: 1`.',
      'content',
    );
  }
  const raw = FORMAT_LINE.exec(text.replace(/\r\n/g, '\n'))?.[1]?.replace(/^(["'])(.*)\1$/, '$2');
  if (raw === undefined || !/^\d+$/.test(raw))
    throw new UserError(
      `The course manifest ${join(root, MANIFEST)} does not say which course format it is written for` +
        (raw === undefined ? '.' : ` (format_version is "${raw}", not a whole number).`),
      `Add the line \`format_version: ${FORMAT_VERSION}\` to it (the format this containerlings reads).`,
      'content',
    );
  return { present: true, formatVersion: Number(raw) };
}

/** Refuses a course written for another format, saying which format it needs and what to do. */
export function checkCourseFormat(root: string): ManifestHead {
  const head = readManifestHead(root);
  if (head.formatVersion === FORMAT_VERSION) return head;
  const newer = head.formatVersion > FORMAT_VERSION;
  throw new UserError(
    `The course in ${root} is written for course format ${head.formatVersion}; this containerlings (${VERSION}) ` +
      `reads course format ${FORMAT_VERSION}.`,
    newer
      ? 'Upgrade containerlings (npm install -g containerlings@latest), or use a version of the course made for ' +
          `format ${FORMAT_VERSION}.`
      : `Use a version of the course made for format ${FORMAT_VERSION} (ask its author), or an older containerlings ` +
          `that reads format ${head.formatVersion}.`,
    'content',
  );
}
