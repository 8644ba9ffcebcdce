// Mutants of a Dockerfile: drop or change one instruction (CMD, ENTRYPOINT, USER, HEALTHCHECK, EXPOSE, WORKDIR,
// COPY, ADD, ENV, and the final stage's FROM), found with dockerfile-ast, the parser the checks' kit uses.
import * as dockerfileAst from 'dockerfile-ast';
import { bumped, shown, type Change } from './mutant-change.js';

// dockerfile-ast is CommonJS: depending on the loader its exports arrive named or under default.
const ast = dockerfileAst as typeof dockerfileAst & { default?: typeof dockerfileAst };
const Parser = ast.DockerfileParser ?? ast.default!.DockerfileParser;

/** What a dropped instruction removes, by how much a check should care (see Mutant.rank). */
const DROP_RANK: Record<string, number> = { USER: 0, HEALTHCHECK: 0, CMD: 0, ENTRYPOINT: 0 };
const DROPPED = new Set(['CMD', 'ENTRYPOINT', 'USER', 'HEALTHCHECK', 'EXPOSE', 'WORKDIR', 'COPY', 'ADD', 'ENV']);

/** Another base for the final stage: one with a shell and tools for one without, and the other way round. */
const otherBase = (image: string) =>
  image.startsWith('containerlings/busybox') ? 'containerlings/distroless-static:latest' : 'containerlings/busybox';

/** The exec-form array of `args`, or undefined for shell form. */
function execForm(args: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((s) => typeof s === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The instruction with its last argument changed: `CMD ["echo", "hi"]` → `CMD ["echo", "hix"]`. */
function lastArgumentChanged(keyword: string, args: string): { old: string; now: string; text: string } | undefined {
  const exec = execForm(args);
  if (exec?.length) {
    const old = exec.at(-1)!;
    const text = `${keyword} ${JSON.stringify([...exec.slice(0, -1), `${old}x`]).replaceAll('","', '", "')}`;
    return { old, now: `${old}x`, text };
  }
  const m = /(\S+)\s*$/.exec(args);
  return m ? { old: m[1]!, now: `${m[1]}x`, text: `${keyword} ${args.slice(0, m.index)}${m[1]}x` } : undefined;
}

export function dockerfileMutants(source: string): Change[] {
  const lines = source.split('\n');
  const instructions = Parser.parse(source).getInstructions();
  const lastFrom = instructions.map((i) => i.getKeyword().toUpperCase()).lastIndexOf('FROM');
  const changes: Change[] = [];
  instructions.forEach((instruction, index) => {
    const keyword = instruction.getKeyword().toUpperCase();
    // In a build stage only what it copies shows in the result; its WORKDIR or USER rarely does.
    if (index < lastFrom && keyword !== 'COPY' && keyword !== 'ADD') return;
    const { start, end } = instruction.getRange();
    // The instruction's arguments as one line: continuations joined, flags kept.
    const written = lines
      .slice(start.line, end.line + 1)
      .map((l) => l.replace(/\\\s*$/, ''))
      .join(' ');
    const args = written.replace(/\s+/g, ' ').trim().slice(instruction.getKeyword().length).trim();
    const replaced = (text?: string) =>
      [...lines.slice(0, start.line), ...(text === undefined ? [] : [text]), ...lines.slice(end.line + 1)].join('\n');
    const change = (what: string, text: string, rank = 1) =>
      changes.push({ what: `${keyword} ${what}`, kind: `change ${keyword}`, rank, text: replaced(text) });
    if (DROPPED.has(keyword))
      changes.push({
        what: `drop ${keyword} ${shown(args)}`,
        kind: `drop ${keyword}`,
        rank: DROP_RANK[keyword] ?? 2,
        text: replaced(),
      });
    const first = args.split(' ')[0] ?? '';
    switch (keyword) {
      case 'FROM': {
        const image = args.split(' ').find((w) => !w.startsWith('--'));
        if (!image) break;
        const base = otherBase(image);
        change(`${image}→${base}`, `FROM ${args.replace(image, base)}`);
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const last = lastArgumentChanged(keyword, args);
        if (last) change(`${shown(last.old)}→${shown(last.now)}`, last.text);
        break;
      }
      case 'USER': {
        const root = first === '0' || first === 'root' || first.startsWith('0:');
        change(`${first}→${root ? '10001' : '0'}`, `USER ${root ? '10001' : '0'}`, 0);
        break;
      }
      case 'HEALTHCHECK':
        if (first.toUpperCase() !== 'NONE') change(`${shown(args)}→CMD true`, 'HEALTHCHECK CMD true', 0);
        break;
      case 'EXPOSE': {
        const [port, proto] = first.split('/');
        const next = bumped(port ?? '');
        if (next) change(`${first}→${next}${proto ? `/${proto}` : ''}`, `EXPOSE ${next}${proto ? `/${proto}` : ''}`);
        break;
      }
      case 'WORKDIR':
        change(`${first}→${first}x`, `WORKDIR ${first}x`);
        break;
      case 'ENV': {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(=|\s+)(\S+)/.exec(args);
        const at = m ? m.index + m[0].length : 0;
        if (m) change(`${m[1]}=${shown(m[3]!)}→${shown(m[3]!)}x`, `ENV ${args.slice(0, at)}x${args.slice(at)}`);
        break;
      }
    }
  });
  return changes;
}
