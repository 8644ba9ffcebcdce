// The linter's Dockerfile scanner: each piece of syntax it must read as BuildKit does, agreement with dockerfile-ast
// (the parser it replaced) where both read the same, no throw on any input, and the same findings on every Dockerfile
// of the course.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LintInstruction, LintModel } from '../../src/checks/lint/model.js';
import { applyRules } from '../../src/checks/lint/rules.js';
import { scanDockerfile } from '../../src/checks/lint/scan.js';

/** The model as parseForLint built it with dockerfile-ast, before the scanner: the reference. */
function astModel(text: string): LintModel {
  let stage = -1;
  const stageNames: string[] = [];
  const instructions = DockerfileParser.parse(text)
    .getInstructions()
    .map((i): LintInstruction => {
      const keyword = i.getKeyword().toUpperCase();
      if (keyword === 'FROM') stage += 1;
      const values = i.getArguments().map((a) => a.getValue());
      const args = values.filter((v) => !v.startsWith('--'));
      if (keyword === 'FROM' && args[1]?.toLowerCase() === 'as' && args[2]) stageNames.push(args[2].toLowerCase());
      const text = (i.getArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ');
      return { keyword, args, flags: [], text, line: i.getRange().start.line + 1, stage };
    });
  return { instructions, stageNames, stages: stage + 1 };
}

/** The model as plain data (the scanner's instructions split their args on first read, with a getter). */
const comparable = (model: LintModel, withFlags = true) => ({
  ...model,
  instructions: model.instructions.map(({ keyword, args, flags, text, line, stage }) =>
    withFlags ? { keyword, args, flags, text, line, stage } : { keyword, args, text, line, stage },
  ),
});

/** What the tables compare: one object per instruction, without the fields a case does not care about. */
const scan = (...lines: string[]) => scanDockerfile(lines.join('\n')).instructions;
const brief = (i: LintInstruction) => ({ keyword: i.keyword, args: i.args, text: i.text, line: i.line });

describe('the scanner reads Dockerfile syntax as BuildKit does', () => {
  it('joins continuation lines: escape then trailing spaces, comment lines and empty lines in between', () => {
    expect(
      scan('FROM a', 'RUN a \\', '  b \\  ', '# dropped', '', '   ', '  # dropped too', ' c', 'USER 1').map(brief),
    ).toEqual([
      { keyword: 'FROM', args: ['a'], text: 'a', line: 1 },
      { keyword: 'RUN', args: ['a', 'b', 'c'], text: 'a   b  c', line: 2 },
      { keyword: 'USER', args: ['1'], text: '1', line: 9 },
    ]);
    // No space is added where lines meet (Docker joins them as they are): a\ + b is one word.
    expect(scan('RUN a\\', 'b').map((i) => i.args)).toEqual([['ab']]);
  });

  it('# escape=` makes the backtick the escape character; # syntax= is ignored; directives only at the top', () => {
    const windows = scan('# syntax=docker/dockerfile:1', '# escape=`', 'FROM a', 'RUN dir C:\\ `', '  /b', 'USER 1');
    expect(windows.map(brief)).toEqual([
      { keyword: 'FROM', args: ['a'], text: 'a', line: 3 },
      { keyword: 'RUN', args: ['dir', 'C:\\', '/b'], text: 'dir C:\\   /b', line: 4 },
      { keyword: 'USER', args: ['1'], text: '1', line: 6 },
    ]);
    // After an instruction, a comment or a blank line, `# escape=` is only a comment: \ stays the escape.
    for (const before of ['FROM a', '# a comment', ''])
      expect(scan(before, '# escape=`', 'RUN a \\', ' b').at(-1)!.args).toEqual(['a', 'b']);
    expect(scan('#ESCAPE = `', 'RUN a `', ' b')[0].args).toEqual(['a', 'b']);
  });

  it('reads CRLF line ends and lowercase keywords', () => {
    expect(comparable(scanDockerfile('from a as Build\r\nrun a \\\r\n b\r\nuser 1\r\n'))).toEqual({
      instructions: [
        { keyword: 'FROM', args: ['a', 'as', 'Build'], flags: [], text: 'a as Build', line: 1, stage: 0 },
        { keyword: 'RUN', args: ['a', 'b'], flags: [], text: 'a  b', line: 2, stage: 0 },
        { keyword: 'USER', args: ['1'], flags: [], text: '1', line: 4, stage: 0 },
      ],
      stageNames: ['build'],
      stages: 1,
    });
  });

  it('keeps the JSON form as written, with the strings as args when it is a JSON array of strings', () => {
    expect(scan('CMD ["a", "b c"]', 'ENTRYPOINT [ "x" ,"y"]', 'CMD [1, "b"]', 'CMD ["a", b]').map(brief)).toEqual([
      { keyword: 'CMD', args: ['a', 'b c'], text: '["a", "b c"]', line: 1 },
      { keyword: 'ENTRYPOINT', args: ['x', 'y'], text: '[ "x" ,"y"]', line: 2 },
      { keyword: 'CMD', args: ['[1,', 'b]'], text: '[1, "b"]', line: 3 },
      { keyword: 'CMD', args: ['[a,', 'b]'], text: '["a", b]', line: 4 },
    ]);
  });

  it('takes flags at the start of the arguments only, as written, and keeps them out of args and text', () => {
    const [from, copy, run, health, echo] = scan(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'COPY --from=build --chown=1:1 /out /out',
      'RUN --mount=type=cache,target=/root/.cache go build ./...',
      'HEALTHCHECK --interval=5s CMD wget -q http://x/ --spider',
      'RUN echo --not-a-flag',
    );
    expect(from).toMatchObject({ flags: ['--platform=$BUILDPLATFORM'], args: ['golang:1.22', 'AS', 'build'] });
    expect(copy).toMatchObject({ flags: ['--from=build', '--chown=1:1'], args: ['/out', '/out'], text: '/out /out' });
    expect(run).toMatchObject({ flags: ['--mount=type=cache,target=/root/.cache'], text: 'go build ./...' });
    expect(health).toMatchObject({ flags: ['--interval=5s'], args: ['CMD', 'wget', '-q', 'http://x/', '--spider'] });
    expect(echo).toMatchObject({ flags: [], args: ['echo', '--not-a-flag'] });
  });

  it('removes shell quotes from each word, and a quote without a partner is an ordinary character', () => {
    const [add, env, copy, run] = scan(
      'ADD "https://x/y.tgz" /y',
      `ENV A="b c" D='e "f"' G=h\\ i`,
      'COPY "my file" it\'s /app/',
      'RUN echo "a \\"b\\" \\$c \\d"',
    );
    expect(add).toMatchObject({ args: ['https://x/y.tgz', '/y'], text: '"https://x/y.tgz" /y' });
    expect(env.args).toEqual(['A=b c', 'D=e "f"', 'G=h i']);
    expect(copy.args).toEqual(['my file', "it's", '/app/']);
    expect(run.args).toEqual(['echo', 'a "b" $c \\d']);
  });

  it('gives a heredoc body to its instruction: not parsed as instructions, joined with newlines', () => {
    const model = scanDockerfile(
      [
        'FROM a',
        'RUN <<EOF',
        'FROM b',
        'apt-get update',
        'EOF',
        'RUN <<-EOT bash',
        '\tUSER root',
        '\tEOT',
        'COPY <<"A" <<B /x/',
        'one',
        'A',
        'two',
        'B',
        'RUN cat <<<not-a-heredoc',
        'USER 1',
      ].join('\n'),
    );
    expect(model.stages).toBe(1);
    expect(model.instructions.map(brief)).toEqual([
      { keyword: 'FROM', args: ['a'], text: 'a', line: 1 },
      { keyword: 'RUN', args: ['<<EOF'], text: '<<EOF\nFROM b\napt-get update\nEOF', line: 2 },
      { keyword: 'RUN', args: ['<<-EOT', 'bash'], text: '<<-EOT bash\n\tUSER root\n\tEOT', line: 6 },
      { keyword: 'COPY', args: ['<<A', '<<B', '/x/'], text: '<<"A" <<B /x/\none\nA\ntwo\nB', line: 9 },
      { keyword: 'RUN', args: ['cat', '<<<not-a-heredoc'], text: 'cat <<<not-a-heredoc', line: 14 },
      { keyword: 'USER', args: ['1'], text: '1', line: 15 },
    ]);
    // Heredocs belong to RUN, COPY and ADD only; an unterminated one runs to the end of the file.
    expect(scan('LABEL a=<<EOF', 'USER 1').map((i) => i.keyword)).toEqual(['LABEL', 'USER']);
    expect(scan('RUN <<EOF', 'USER 1', '').map(brief)).toEqual([
      { keyword: 'RUN', args: ['<<EOF'], text: '<<EOF\nUSER 1', line: 1 },
    ]);
  });

  it('counts stages and names them, lowercased', () => {
    const model = scanDockerfile('ARG V=1\nFROM a AS Build\nRUN x\nFROM --platform=p b as Test\nFROM c\n');
    expect(model.instructions.map((i) => i.stage)).toEqual([-1, 0, 0, 1, 2]);
    expect(model.stageNames).toEqual(['build', 'test']);
    expect(model.stages).toBe(3);
  });

  it('reads odd inputs without throwing: a lone escape at the end, NUL, a BOM, nothing at all', () => {
    expect(scan('RUN x \\').map(brief)).toEqual([{ keyword: 'RUN', args: ['x'], text: 'x', line: 1 }]);
    expect(scan('\\')).toEqual([]);
    expect(scan('RUN a\0b')[0].args).toEqual(['a\0b']);
    expect(scanDockerfile('\uFEFFFROM a').instructions[0].keyword).toBe('FROM');
    expect(scanDockerfile('')).toEqual({ instructions: [], stageNames: [], stages: 0 });
  });
});

// Well-formed Dockerfiles without flags, quotes, heredocs, JSON or escape directives: dockerfile-ast reads those
// differently (it keeps flags out of its arguments and quotes in them), so only here must the two agree. Nor indented
// comment lines or lines of spaces inside a continuation: BuildKit drops them, dockerfile-ast keeps them in the text.
const word = fc.constantFrom(
  'a',
  'b1',
  '/tmp/x',
  'apt-get',
  'install',
  '-y',
  '&&',
  'x=1',
  'as',
  'AS',
  'build',
  'x#y',
  '.',
);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const space = fc.constantFrom('', ' ', '  ', '\t');
const logicalLine = fc
  .tuple(
    fc.constantFrom('FROM', 'from', 'RUN', 'run', 'COPY', 'ADD', 'USER', 'ENV', 'EXPOSE', 'Workdir', 'CMD'),
    fc.array(fc.tuple(words, space, fc.constantFrom([], ['# note'], [''], ['# a', '', '# b'])), {
      minLength: 1,
      maxLength: 3,
    }),
    space,
  )
  .map(([keyword, pieces, indent]) =>
    pieces
      .map(([ws, trailing, between], n) =>
        n === pieces.length - 1
          ? `${n ? ' ' : ''}${ws}`
          : [`${n ? ' ' : ''}${ws} \\${trailing}`, ...between].join('\n'),
      )
      .join('\n')
      .replace(/^/, `${indent}${keyword} `),
  );
const dockerfile = fc
  .tuple(
    fc.array(fc.oneof({ weight: 6, arbitrary: logicalLine }, fc.constantFrom('', '# comment', '  ')), {
      maxLength: 12,
    }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([lines, eol]) => lines.join('\n').replaceAll('\n', eol) + eol);

describe('the scanner against dockerfile-ast', () => {
  it('agrees on keyword, args, text, line and stage of well-formed Dockerfiles', () => {
    fc.assert(
      fc.property(dockerfile, (text) => {
        expect(comparable(scanDockerfile(text), false)).toEqual(comparable(astModel(text), false));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, on random strings, random bytes and Dockerfile-ish noise', () => {
    const noise = fc
      .array(
        fc.constantFrom(
          '\\',
          '`',
          '\n',
          '\r',
          ' ',
          '\t',
          '#',
          '"',
          "'",
          '<<',
          '<<-',
          'EOF',
          '[',
          ']',
          '--',
          'RUN',
          'a',
        ),
      )
      .map((parts) => parts.join(''));
    const escapeFirst = noise.map((s) => `# escape=\`\n${s}`);
    const bytes = fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder().decode(b));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), bytes, noise, escapeFirst), (text) => {
        const model = scanDockerfile(text);
        const lines = text.split('\n').length;
        for (const [n, i] of model.instructions.entries()) {
          expect(i.line).toBeGreaterThanOrEqual(n === 0 ? 1 : model.instructions[n - 1].line + 1);
          expect(i.line).toBeLessThanOrEqual(lines);
          expect(i.keyword).toBe(i.keyword.toUpperCase());
        }
        expect(model.stages).toBe(model.instructions.filter((i) => i.keyword === 'FROM').length);
      }),
      { numRuns: 1000 },
    );
  });

  it('stays linear on inputs made to make a naive scanner backtrack', () => {
    const n = 200_000;
    const hostile = [
      'RUN ' + '"a '.repeat(n), // many quotes, none closed
      'RUN ' + "'".repeat(n),
      'RUN ' + 'a\\ '.repeat(n),
      'RUN ' + ' '.repeat(n) + 'x \\' + ' '.repeat(n),
      'RUN ' + '<<A '.repeat(n / 10), // heredocs opened, never closed
      'CMD ' + '['.repeat(n),
      '# escape=' + ' '.repeat(n) + 'x',
      'RUN a \\\n' + '#\n'.repeat(n) + ' b',
    ];
    for (const text of hostile) {
      const t0 = performance.now();
      scanDockerfile(text);
      // A quadratic scan of 200,000 characters takes minutes; a linear one, milliseconds.
      expect(performance.now() - t0, text.slice(0, 20)).toBeLessThan(2000);
    }
  });
});

describe('the course Dockerfiles lint the same as with dockerfile-ast', () => {
  const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => /(^|\/)Dockerfile[^/]*$/.test(f));

  it('finds them', () => expect(files.length).toBeGreaterThan(50));

  it('gives identical findings for each', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(applyRules(scanDockerfile(text)), file).toEqual(applyRules(astModel(text)));
    }
  });
});

describe('what the old parser got wrong', () => {
  it('COPY --from=<stage> of "." is not a COPY of the build context', () => {
    const text = 'FROM node:20 AS assets\nFROM node:20\nCOPY --from=assets . /assets\nRUN npm ci\nUSER 1\n';
    expect(applyRules(astModel(text)).map((f) => f.rule)).toContain('cache-order');
    expect(applyRules(scanDockerfile(text)).map((f) => f.rule)).not.toContain('cache-order');
  });

  it('ADD of a quoted URL is not "add-vs-copy", and the suggested COPY has no quotes', () => {
    // dockerfile-ast kept the quotes, so the URL was not seen as one and COPY was suggested for it.
    expect(applyRules(astModel('FROM a:1\nUSER 1\nADD "https://x/y.tgz" /y\n'))[0].rule).toBe('add-vs-copy');
    expect(applyRules(scanDockerfile('FROM a:1\nUSER 1\nADD "https://x/y.tgz" /y\n'))).toEqual([]);
  });
});
