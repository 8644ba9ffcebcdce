// Mutants of a shell script (commands.sh, pipeline.sh): drop or change one flag of one `docker run`, `docker
// create`, `docker service create|update`, `docker build` or `aws ecr create-repository`, or drop a pipeline's gate
// (`containerlings lint`, `set -e`). Flags after a run's image belong to the container's command and are left alone.
import { bumped, shown, type Change } from './mutant-change.js';

interface Word {
  readonly start: number;
  readonly end: number;
  /** As written, quotes included. */
  readonly raw: string;
}

const OPERATORS = new Set(['|', '||', '&&', ';', '&']);

/** The script's commands: words with their places, split at newlines (not continued), |, ||, &&, ; and &. */
function commandsOf(script: string): Word[][] {
  const commands: Word[][] = [[]];
  let i = 0;
  const push = (w: Word) => commands.at(-1)!.push(w);
  const cut = () => commands.at(-1)!.length && commands.push([]);
  while (i < script.length) {
    const c = script[i]!;
    if (c === '\\' && script[i + 1] === '\n') i += 2;
    else if (c === ' ' || c === '\t') i++;
    else if (c === '\n') {
      cut();
      i++;
    } else if (c === '#') while (i < script.length && script[i] !== '\n') i++;
    else if ('|&;'.includes(c)) {
      i += script[i + 1] === c ? 2 : 1;
      cut();
    } else {
      const start = i;
      let quote = '';
      let depth = 0; // inside $( ... ), where spaces do not end the word
      for (; i < script.length; i++) {
        const ch = script[i]!;
        if (quote) {
          if (ch === '\\' && quote === '"') i++;
          else if (ch === quote) quote = '';
        } else if (ch === '\\') i++;
        else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '(' && script[i - 1] === '$') depth++;
        else if (ch === ')' && depth > 0) depth--;
        else if (depth === 0 && (/\s/.test(ch) || '|&;'.includes(ch))) break;
      }
      push({ start, end: i, raw: script.slice(start, i) });
    }
  }
  return commands.filter((c) => c.length && !OPERATORS.has(c[0]!.raw));
}

type Context = 'run' | 'service' | 'build' | 'aws';
/** The ECR calls whose flags make a repository's or an image's settings. */
const AWS_ECR = new Set(['create-repository', 'put-image', 'put-image-tag-mutability']);

/** Which command this is, and where its flags begin. */
function contextOf(words: readonly Word[]): { context: Context; from: number } | undefined {
  const w = words.map((x) => x.raw);
  if (w[0] === 'docker') {
    const sub = w[1] === 'container' || w[1] === 'image' || w[1] === 'buildx' ? 2 : 1;
    if (w[sub] === 'run' || w[sub] === 'create') return { context: 'run', from: sub + 1 };
    if (w[sub] === 'build') return { context: 'build', from: sub + 1 };
    if (w[1] === 'service' && (w[2] === 'create' || w[2] === 'update')) return { context: 'service', from: 3 };
  }
  if (w[0] === 'aws' && w[1] === 'ecr' && AWS_ECR.has(w[2] ?? '')) return { context: 'aws', from: 3 };
  return undefined;
}

/** Flags that take no value. */
const BOOLEAN = new Set([
  '--rm',
  '--detach',
  '--interactive',
  '--tty',
  '--init',
  '--read-only',
  '--privileged',
  '--no-cache',
  '--pull',
  '--quiet',
  '--publish-all',
  '--no-healthcheck',
  '--with-registry-auth',
  '--oom-kill-disable',
]);
/** Short flags that take a value, by command (`-t` tags a build, but asks a run for a terminal). */
const SHORT_VALUE: Record<Context, Set<string>> = {
  run: new Set(['-p', '-e', '-v', '-u', '-w', '-m', '-c', '-l', '-h']),
  service: new Set(['-p', '-e', '-u', '-w', '-l']),
  build: new Set(['-t', '-f']),
  aws: new Set(),
};
/** Flags whose drop says little (the resource is simply not found) or breaks the script itself. */
const NOT_DROPPED = new Set([
  '--name',
  '-t',
  '--tag',
  '-f',
  '--file',
  '--repository-name',
  '--image-manifest',
  '--image',
  '--mode',
]);
/** Flags that carry the mechanism an exercise is about: their drops are picked first. */
const MECHANISM = new Set([
  '--memory',
  '-m',
  '--memory-swap',
  '--cpus',
  '--pids-limit',
  '--user',
  '-u',
  '--network',
  '--image-tag-mutability',
]);
const ALIAS: Record<string, string> = { '-m': '--memory', '-u': '--user', '-p': '--publish', '--net': '--network' };

/** `"x"` → x and a function that writes a new value back in the same quotes. */
const unquoted = (raw: string) => {
  const q = raw[0] === raw.at(-1) && (raw[0] === '"' || raw[0] === "'") && raw.length > 1 ? raw[0] : '';
  return { value: q ? raw.slice(1, -1) : raw, requote: (v: string) => `${q}${v}${q}` };
};

/** A new tag: `name` → `name:v2`, `name:1.0` → `name:1.1`, `name:v1` → `name:v2`, `name:full` → `name:full-v2`. */
function retagged(ref: string): string {
  const colon = ref.lastIndexOf(':');
  if (colon <= ref.lastIndexOf('/')) return `${ref}:v2`;
  const tag = ref.slice(colon + 1);
  const m = /(\d+)(\D*)$/.exec(tag);
  const next = m ? `${tag.slice(0, m.index)}${Number(m[1]) + 1}${m[2]}` : `${tag}-v2`;
  return `${ref.slice(0, colon + 1)}${next}`;
}

/** Value changes for one flag: [new value, rank, kind when not `change <flag>`]. */
function changedValues(flag: string, value: string, context: Context): [string, number, string?][] {
  const name = ALIAS[flag] ?? flag;
  if (name === '--publish') {
    const parts = value.split(':');
    const out: [string, number, string?][] = [];
    if (parts.length === 3) out.push([parts[1] ? `${parts[1]}:${parts[2]}` : parts[2]!, 0, 'drop address --publish']);
    const port = bumped(parts.at(-1)!.split('/')[0]!);
    if (port) out.push([[...parts.slice(0, -1), port].join(':'), 1]);
    return out;
  }
  if (name === '--user') return [[value === '0' || value === 'root' ? '10001' : '0', 0]];
  if (name === '--name' || name === '--image-tag') return [[`${value}x`, 3]];
  if ((flag === '-t' || flag === '--tag') && context === 'build') return [[retagged(value), 3]];
  if (name === '-e' || name === '--env') return value.includes('=') ? [[`${value}x`, 1]] : [];
  const next = bumped(value);
  return next ? [[next, 1]] : [];
}

/** A `set` option word that holds -e (errexit): `-e`, `-eu`, `-euo`. */
const ERREXIT = /^-[a-z]*e[a-z]*$/;

export function shellMutants(script: string): Change[] {
  const changes: Change[] = [];
  const edit = (start: number, end: number, text: string) => script.slice(0, start) + text + script.slice(end);
  for (const words of commandsOf(script)) {
    const [docker, sub] = words.map((w) => w.raw);
    const whole = (text: string) => edit(words[0]!.start, words.at(-1)!.end, text);
    // A pipeline's gates: the lint step, and `set -e`, which lets a failing step stop the script. `:` keeps the
    // script's shape where the command stood (after `&&`, in an `if`).
    if (docker === 'containerlings' && sub === 'lint')
      changes.push({
        what: `drop ${shown(script.slice(words[0]!.start, words.at(-1)!.end))}`,
        kind: 'drop the lint gate',
        rank: 0,
        text: whole(':'),
      });
    if (docker === 'set' && words.some((w) => ERREXIT.test(w.raw))) {
      const rest = words.slice(1).map((w) => (ERREXIT.test(w.raw) ? w.raw.replace('e', '') : w.raw));
      const kept = rest.filter((w) => w !== '-');
      changes.push({
        what: `set ${words
          .slice(1)
          .map((w) => w.raw)
          .join(' ')}→${kept.length ? `set ${kept.join(' ')}` : ':'}`,
        kind: 'drop set -e',
        rank: 0,
        text: whole(kept.length ? `set ${kept.join(' ')}` : ':'),
      });
    }
    // `docker tag|push|pull <ref>`: the last reference named with another tag.
    const ref = words.at(-1)!;
    if (docker === 'docker' && (sub === 'tag' || sub === 'push' || sub === 'pull') && words.length > 2) {
      const { value, requote } = unquoted(ref.raw);
      if (!value.includes('@'))
        changes.push({
          what: `docker ${sub} ${shown(value)}→${shown(retagged(value))}`,
          kind: `change docker ${sub}`,
          rank: 1,
          text: edit(ref.start, ref.end, requote(retagged(value))),
          renamed: { from: value, to: retagged(value) },
        });
    }
    const where = contextOf(words);
    if (!where) continue;
    for (let i = where.from; i < words.length; i++) {
      const word = words[i]!;
      if (!word.raw.startsWith('-')) {
        if (where.context === 'run' || where.context === 'service') break; // the image: the rest is its command
        continue;
      }
      const eq = word.raw.indexOf('=');
      const flag = eq > 0 ? word.raw.slice(0, eq) : word.raw;
      const long = flag.startsWith('--');
      const takesValue = eq < 0 && (long ? !BOOLEAN.has(flag) : SHORT_VALUE[where.context].has(flag));
      const valueWord = takesValue ? words[i + 1] : undefined;
      if (eq < 0 && !valueWord) continue; // a boolean flag: -dti, --rm
      const raw = valueWord ? valueWord.raw : word.raw.slice(eq + 1);
      const end = valueWord ? valueWord.end : word.end;
      const name = ALIAS[flag] ?? flag;
      const written = valueWord ? `${flag} ${raw}` : word.raw;
      if (!NOT_DROPPED.has(flag)) {
        // Drop the flag, its value and the blanks before it (never a line break).
        let from = word.start;
        while (from > 0 && (script[from - 1] === ' ' || script[from - 1] === '\t')) from--;
        changes.push({
          what: `drop ${shown(written)}`,
          kind: `drop ${name}`,
          rank: MECHANISM.has(flag) || MECHANISM.has(name) || name === '--pid' ? 0 : 2,
          text: edit(from, end, ''),
        });
      }
      const { value, requote } = unquoted(raw);
      for (const [now, rank, kind] of changedValues(flag, value, where.context)) {
        const valueStart = valueWord ? valueWord.start : word.start + eq + 1;
        changes.push({
          what: `${flag} ${shown(value)}→${shown(now)}`,
          kind: kind ?? `change ${name}`,
          rank,
          text: edit(valueStart, end, requote(now)),
          ...(rank === 3 ? { renamed: { from: value, to: now } } : {}),
        });
      }
      if (valueWord) i++;
    }
  }
  return changes;
}
