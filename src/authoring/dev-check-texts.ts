// What dev check finds in the course's texts: links and images that lead nowhere, `sh run` blocks that cannot run
// twice, and ports published on every address.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { ContentProblem } from '../lessons/validate.js';

/** `docker run -p 8080:80` and a compose file's "8080:80" publish on every address: only 127.0.0.1 is allowed. */
export function portProblems(root: string, file: string): ContentProblem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const problems: ContentProblem[] = [];
  const compose = /(^|\/)(docker-)?compose[^/]*\.ya?ml$/.test(file);
  text.split('\n').forEach((line, i) => {
    const published: string[] = [];
    if (/\bdocker\s+(container\s+)?(run|create)\b/.test(line))
      for (const m of line.matchAll(/(?:^|\s)(?:-p|--publish)(?:\s+|=)['"]?([^\s'"]+)/g)) published.push(m[1]!);
    if (compose) {
      const item = /^\s*-\s*['"]?([0-9.:[\]-]+:[0-9-]+(?:\/\w+)?)['"]?\s*(#.*)?$/.exec(line);
      if (item) published.push(item[1]!);
    }
    for (const port of published)
      if (!port.startsWith('127.0.0.1:'))
        problems.push({
          file: relative(root, file),
          line: i + 1,
          field: 'ports',
          message: `publishes ${port} on every address of the machine; publish on loopback only: 127.0.0.1:${port.replace(/^[^:]*:(?=.*:)/, '')}`,
        });
  });
  return problems;
}

/**
 * `sh run` blocks can be run twice from the tutorial: a block that starts a container by name (and keeps it) or
 * creates a network must remove it in the same block (first, or when done), or the second run fails ("in use").
 */
export function runnableProblems(root: string, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const blocks: { line: number; text: string }[][] = [];
  let block: { line: number; text: string }[] | undefined;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (/^\s*(```+|~~~+)/.test(text)) {
        if (!block && /^\s*(```+|~~~+)\s*(sh|bash|shell)\b.*\brun\b/.test(text)) blocks.push((block = []));
        else block = undefined;
      } else block?.push({ line: i + 1, text });
    });
  for (const lines of blocks) {
    const removed = new Set(
      lines.flatMap(
        ({ text }) => /\bdocker\s+(?:container\s+|network\s+)?(?:rm|remove)\b(.*)/.exec(text)?.[1]!.split(/\s+/) ?? [],
      ),
    );
    for (const { line, text } of lines) {
      const started = /\bdocker\s+(?:container\s+)?(?:run|create)\b.*?--name[ =](\S+)/.exec(text);
      const network = /\bdocker\s+network\s+create\b.*?\s(cl-\S+)/.exec(text);
      const name = started?.[1] ?? network?.[1];
      const throwAway = started && /\s--rm\b/.test(text) && !/\s-d\w*\b|\s--detach\b/.test(text);
      if (name && !throwAway && !removed.has(name) && !/\|\|/.test(text))
        problems.push({
          file: relative(root, file),
          line,
          field: 'sh run',
          message:
            `creates ${name} and never removes it, so a second run fails ("already in use"); remove it first in the ` +
            `same block: docker ${network ? 'network ' : ''}rm ${network ? '' : '-f '}${name} 2>/dev/null || true`,
        });
    }
  }
  return problems;
}

/**
 * Links and images in a Markdown file that lead to a missing file (web links and anchors are not followed). Returns
 * the files it links to, which are expected next to it.
 */
export function markdownProblems(root: string, file: string, problems: ContentProblem[]): Set<string> {
  const linked = new Set<string>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return linked;
  }
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line
      .replace(/`[^`]*`/g, '')
      .matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g)) {
      const target = m[2]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
      const path = resolve(dirname(file), decodeURIComponent(target.replace(/[#?].*$/, '')));
      const outside = relative(root, path).startsWith('..');
      if (outside || !existsSync(path))
        problems.push({
          file: relative(root, file),
          line: i + 1,
          field: m[1] ? 'image' : 'link',
          message: outside
            ? `${target} leads out of the course folder; the course must carry what it shows`
            : `${target} does not exist`,
        });
      else linked.add(path);
    }
  });
  return linked;
}
